package dev.meshkit.catalog;

import static dev.meshkit.store.StoreMeshes.ANN;
import static dev.meshkit.store.StoreMeshes.AUD;
import static dev.meshkit.store.StoreMeshes.BOB;
import static dev.meshkit.store.StoreMeshes.EVE;
import static dev.meshkit.store.StoreMeshes.SAM;
import static dev.meshkit.store.StoreMeshes.descriptor;
import static dev.meshkit.store.StoreMeshes.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Feedback;
import dev.meshkit.GovernanceReport;
import dev.meshkit.Mesh;
import dev.meshkit.MeshException;
import dev.meshkit.MeshFeedback;
import dev.meshkit.MeshTesting;
import dev.meshkit.Principal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mesh.feedback()}: who may rate, report and resolve, and what {@code catalog.feedback} shows to whom. */
class FeedbackTest {

  @TempDir
  Path dir;

  private Mesh mesh;
  private MeshFeedback feedback;

  @BeforeEach
  void load() throws Exception {
    String url = MeshTesting.h2("feedback" + System.nanoTime(), "CREATE TABLE orders(id INT PRIMARY KEY, amount INT)",
        "INSERT INTO orders VALUES (1, 10)");
    mesh = Mesh.builder().descriptor(MeshTesting.write(dir.resolve("mesh.yaml"), descriptor(url, "")))
        .metadataStoreInMemory().build();
    feedback = mesh.feedback();
  }

  @AfterEach
  void close() {
    mesh.close();
  }

  @Test
  void ratingAgainReplacesTheRating() throws Exception {
    Feedback first = feedback.rate(ANN, "sales.orders", 2, "Slow to refresh");
    Feedback second = feedback.rate(ANN, "SALES.ORDERS", 5, null);
    feedback.rate(BOB, "sales.orders", 4, "Good");
    assertEquals(first.id(), second.id());
    assertEquals("sales.orders", second.product());
    assertEquals("", second.comment());
    assertEquals(List.of(List.of("orders", "4.5", "2", "0")), rows(mesh, ANN, "SELECT product_name, rating_avg,"
        + " rating_count, open_problems FROM catalog.products WHERE product_name = 'orders'"));
    assertEquals(List.of(Arrays.asList("ledger", null, "0", "0")), rows(mesh, SAM, "SELECT product_name, rating_avg,"
        + " rating_count, open_problems FROM catalog.products WHERE product_name = 'ledger'"));
    List<Feedback> listed = feedback.list(SAM, "sales.orders");
    assertEquals(2, listed.size());
    assertEquals(List.of(5, 4), listed.stream().map(Feedback::rating).sorted((a, b) -> b - a).toList());
  }

  @Test
  void onlyReadersGiveFeedbackAndHiddenProductsLookMissing() {
    MeshException missing = assertThrows(MeshException.class, () -> feedback.rate(EVE, "sales.nothing", 3, ""));
    assertEquals("no data product sales.nothing that you may read", missing.getMessage());
    // eve finds orders in the catalog but may not read it; the draft she cannot even find.
    for (String product : List.of("sales.orders", "sales.draft", "sales.ledger")) {
      MeshException refused = assertThrows(MeshException.class, () -> feedback.rate(EVE, product, 3, ""));
      assertEquals("no data product " + product + " that you may read", refused.getMessage());
      assertThrows(MeshException.class, () -> feedback.reportProblem(EVE, product, "Wrong"));
    }
    MeshException unlisted = assertThrows(MeshException.class, () -> feedback.list(EVE, "sales.draft"));
    MeshException none = assertThrows(MeshException.class, () -> feedback.list(EVE, "sales.none"));
    assertEquals(none.getMessage().replace("sales.none", "sales.draft"), unlisted.getMessage());
    // A member of its domain reads the draft, so may rate it.
    assertEquals(3, feedback.rate(SAM, "sales.draft", 3, "").rating());
  }

  @Test
  void ratingsAndTextsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> feedback.rate(ANN, "sales.orders", 0, ""));
    assertThrows(IllegalArgumentException.class, () -> feedback.rate(ANN, "sales.orders", 6, ""));
    char[] tooLong = new char[MeshFeedback.MAX_COMMENT + 1];
    Arrays.fill(tooLong, 'x');
    assertThrows(IllegalArgumentException.class, () -> feedback.rate(ANN, "sales.orders", 3, new String(tooLong)));
    assertThrows(IllegalArgumentException.class, () -> feedback.reportProblem(ANN, "sales.orders", "  "));
  }

  @Test
  void domainMembersResolveProblems() throws Exception {
    Feedback problem = feedback.reportProblem(ANN, "sales.orders", "Amounts of March are doubled");
    assertEquals(Feedback.Status.OPEN, problem.status());
    assertEquals(List.of(List.of("1")), rows(mesh, BOB,
        "SELECT open_problems FROM catalog.products WHERE product_name = 'orders'"));

    MeshException notMember = assertThrows(MeshException.class, () -> feedback.resolve(BOB, problem.id()));
    assertTrue(notMember.getMessage().contains("only members of domain sales"), notMember.getMessage());
    MeshException unseen = assertThrows(MeshException.class, () -> feedback.resolve(EVE, 999_999));
    assertEquals("there is no problem report 999999 that you may see", unseen.getMessage());

    Feedback resolved = feedback.resolve(SAM, problem.id());
    assertEquals(Feedback.Status.RESOLVED, resolved.status());
    assertEquals("sam", resolved.resolvedBy());
    assertEquals(resolved, feedback.resolve(AUD, problem.id()));
    assertEquals(List.of(List.of("0")), rows(mesh, BOB,
        "SELECT open_problems FROM catalog.products WHERE product_name = 'orders'"));
  }

  @Test
  void whoGaveFeedbackIsShownToThemselvesMembersAndSysOnly() throws Exception {
    feedback.rate(ANN, "sales.orders", 4, "Fine");
    String sql = "SELECT principal, kind, rating, comment, status FROM catalog.feedback";
    assertEquals(List.of(Arrays.asList("ann", "rating", "4", "Fine", null)), rows(mesh, ANN, sql));
    assertEquals(List.of(Arrays.asList(null, "rating", "4", "Fine", null)), rows(mesh, BOB, sql));
    assertEquals("ann", rows(mesh, SAM, sql).get(0).get(0));
    assertEquals("ann", rows(mesh, AUD, sql).get(0).get(0));
    assertNull(feedback.list(BOB, "sales.orders").get(0).principal());
    // eve finds orders in the catalog, so she sees its feedback, but not who gave it.
    assertEquals(List.of(Arrays.asList(null, "rating", "4", "Fine", null)), rows(mesh, EVE, sql));
  }

  @Test
  void feedbackOnADraftIsAsInvisibleAsTheDraft() throws Exception {
    feedback.rate(SAM, "sales.draft", 1, "Not ready");
    assertEquals(List.of(), rows(mesh, EVE, "SELECT * FROM catalog.feedback"));
    assertEquals(List.of(), rows(mesh, ANN, "SELECT * FROM catalog.feedback"));
    assertEquals(1, rows(mesh, SAM, "SELECT * FROM catalog.feedback").size());
  }

  @Test
  void commentsAreKeptAndShownAsTheTextTheyAre() throws Exception {
    String markup = "<script>alert('x')</script> & <b>bold</b>\nsecond line";
    feedback.rate(ANN, "sales.orders", 3, markup);
    feedback.reportProblem(ANN, "sales.orders", markup);
    assertEquals(List.of(List.of(markup), List.of(markup)),
        rows(mesh, ANN, "SELECT comment FROM catalog.feedback ORDER BY id"));
    assertEquals(markup, feedback.list(ANN, "sales.orders").get(0).comment());
    String md = mesh.report().toMarkdown();
    assertTrue(md.contains("&lt;script&gt;alert('x')&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt; second line"), md);
    assertTrue(!md.contains("<script>"), md);
  }

  @Test
  void theReportListsTheLowestRatedAndTheOpenProblemsOldestFirst() throws Exception {
    feedback.rate(ANN, "sales.orders", 2, "");
    feedback.rate(BOB, "sales.orders", 3, "");
    feedback.rate(ANN, "sales.ledger", 5, "");
    Feedback older = feedback.reportProblem(ANN, "sales.orders", "Late");
    Thread.sleep(5);
    Feedback newer = feedback.reportProblem(BOB, "sales.ledger", "Wrong total");
    Feedback resolved = feedback.reportProblem(BOB, "sales.ledger", "Fixed already");
    feedback.resolve(SAM, resolved.id());

    GovernanceReport report = mesh.report();
    assertEquals(List.of(new GovernanceReport.RatedProduct("sales.orders", 2.5, 2),
        new GovernanceReport.RatedProduct("sales.ledger", 5.0, 1)), report.lowestRated());
    assertEquals(List.of(older.id(), newer.id()), report.openProblems().stream().map(GovernanceReport.OpenProblem::id)
        .toList());
    assertEquals("Late", report.openProblems().get(0).description());
    assertTrue(report.toJson().contains("\"averageRating\" : 2.5"), report.toJson());
    String md = report.toMarkdown();
    assertTrue(md.contains("## Lowest-rated products"), md);
    assertTrue(md.contains("| sales.orders | 2.50 | 2 |"), md);
    assertTrue(md.contains("## Open problems"), md);
    assertTrue(md.contains("| " + older.id() + " | sales.orders | "), md);
  }

  @Test
  void principalsUnknownToTheDescriptorAreJudgedByTheirRoles() {
    Principal visitor = Principal.of("visitor", "analyst");
    assertEquals(4, feedback.rate(visitor, "sales.orders", 4, "").rating());
  }
}
