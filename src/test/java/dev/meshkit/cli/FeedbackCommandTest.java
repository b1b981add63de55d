package dev.meshkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.MeshTesting;
import dev.meshkit.cli.Cli.Run;
import dev.meshkit.store.StoreMeshes;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meshkit feedback} and {@code meshkit report}, each run a new mesh over one store file. */
class FeedbackCommandTest {

  @TempDir
  Path dir;

  String descriptor;

  @BeforeEach
  void mesh() throws Exception {
    String url = MeshTesting.h2("cli_feedback" + System.nanoTime(), "CREATE TABLE orders(id INT PRIMARY KEY, amount INT)",
        "INSERT INTO orders VALUES (1, 10)");
    descriptor = MeshTesting.write(dir.resolve("mesh.yaml"),
        StoreMeshes.descriptor(url, "metadataStore: {path: store}")).toString();
  }

  @Test
  void ratesReportsResolvesAndLists() {
    Run rated = Cli.run("feedback", descriptor, "--user", "ann", "sales.orders", "--rate", "4", "--comment", "Good");
    assertEquals(0, rated.exitCode(), rated::toString);
    assertTrue(rated.out().matches("Rated sales.orders 4 of 5 as ann \\(feedback \\d+\\)\\.\n"), rated.out());

    Run reported = Cli.run("feedback", descriptor, "--user", "bob", "sales.orders", "--problem", "Late again");
    assertEquals(0, reported.exitCode(), reported::toString);
    String id = reported.out().replaceAll("(?s)Reported problem (\\d+) with sales.orders.*", "$1");

    Run notMember = Cli.run("feedback", descriptor, "--user", "bob", "--resolve", id);
    assertEquals(1, notMember.exitCode(), notMember::toString);
    assertTrue(notMember.err().contains("only members of domain sales"), notMember.err());

    Run resolved = Cli.run("feedback", descriptor, "--user", "sam", "--resolve", id);
    assertEquals(0, resolved.exitCode(), resolved::toString);
    assertTrue(resolved.out().startsWith("Problem " + id + " with sales.orders is resolved (by sam, "), resolved.out());

    Run listed = Cli.run("feedback", descriptor, "--user", "ann", "sales.orders");
    assertEquals(0, listed.exitCode(), listed::toString);
    String[] lines = listed.out().split("\n");
    assertTrue(lines[0].matches(" id +\\| kind +\\| rating \\| status +\\| principal \\| created_at +\\| comment *"),
        lines[0]);
    assertTrue(listed.out().contains("| problem | "), listed.out());
    assertTrue(listed.out().contains("| resolved | NULL "), listed.out());
    assertTrue(listed.out().contains("| ann "), listed.out());
    assertTrue(listed.out().endsWith("2 pieces of feedback on sales.orders.\n"), listed.out());
  }

  @Test
  void mistakesAreUsageErrorsAndHiddenProductsLookMissing() {
    Run range = Cli.run("feedback", descriptor, "--user", "ann", "sales.orders", "--rate", "9");
    assertEquals(2, range.exitCode(), range::toString);
    assertTrue(range.err().contains("rating is a whole number from 1 to 5, not 9"), range.err());
    Run both = Cli.run("feedback", descriptor, "--user", "ann", "sales.orders", "--rate", "3", "--problem", "x");
    assertEquals(2, both.exitCode(), both::toString);
    Run comment = Cli.run("feedback", descriptor, "--user", "ann", "sales.orders", "--comment", "alone");
    assertEquals(2, comment.exitCode(), comment::toString);
    Run hidden = Cli.run("feedback", descriptor, "--user", "eve", "sales.draft", "--rate", "3");
    Run missing = Cli.run("feedback", descriptor, "--user", "eve", "sales.nope", "--rate", "3");
    assertEquals(1, hidden.exitCode(), hidden::toString);
    assertEquals("no data product sales.draft that you may read\n", hidden.err());
    assertEquals(hidden.err().replace("draft", "nope"), missing.err());
  }

  @Test
  void theReportShowsFeedbackInMarkdownAndJson() {
    Cli.run("feedback", descriptor, "--user", "ann", "sales.orders", "--rate", "2");
    Cli.run("feedback", descriptor, "--user", "ann", "sales.orders", "--problem", "Totals are off");
    Run markdown = Cli.run("report", descriptor);
    assertEquals(0, markdown.exitCode(), markdown::toString);
    assertTrue(markdown.out().startsWith("# Governance report: remembering"), markdown.out());
    assertTrue(markdown.out().contains("| sales.orders | 2.00 | 1 |"), markdown.out());
    assertTrue(markdown.out().contains("| sales.orders | "), markdown.out());
    assertTrue(markdown.out().contains(" | 0 | Totals are off |"), markdown.out());
    Run json = Cli.run("report", descriptor, "--format", "json");
    assertEquals(0, json.exitCode(), json::toString);
    assertTrue(json.out().contains("\"openProblems\" : [ {"), json.out());
  }
}
