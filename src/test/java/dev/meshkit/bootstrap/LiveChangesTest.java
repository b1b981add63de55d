package dev.meshkit.bootstrap;

import static dev.meshkit.bootstrap.LiveDescriptor.tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.LoadListener;
import dev.meshkit.Mesh;
import dev.meshkit.MeshChange;
import dev.meshkit.Principal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Mesh#reload()}: a valid new version serves every statement that starts after it, while
 * statements already running finish on theirs; an invalid one is refused and the old serves on.
 */
class LiveChangesTest {

  private static final Principal ANN = Principal.of("ann", "analyst");

  @TempDir
  Path dir;
  LiveDescriptor descriptor;

  @BeforeEach
  void write() throws Exception {
    descriptor = new LiveDescriptor(dir);
    descriptor.write("v1", "1.0.0");
  }

  @Test
  void aQueryRunningThroughAReloadFinishesOnItsVersionAndTheNextStatementSeesTheNew() throws Exception {
    // The source's settings change too: the old pool must outlive the reload until the query ends.
    descriptor.write(descriptor.text("v1", "1.0.0", "", "fetchSize: 100", ""));
    try (Mesh mesh = Mesh.fromYaml(descriptor.file); Connection c = mesh.connect(ANN)) {
      Statement running = c.createStatement();
      running.setFetchSize(10);
      ResultSet rs = running.executeQuery("SELECT id, tag FROM sales.items ORDER BY id");
      assertTrue(rs.next());
      assertEquals("v1", rs.getString("tag"));
      int sessions = descriptor.sessions();

      descriptor.write(descriptor.text("v2", "1.1.0", "", "fetchSize: 200", ""));
      MeshChange change = mesh.reload();
      assertTrue(change.accepted(), change.toString());
      assertEquals(List.of(new MeshChange.ProductChange("sales.counted", MeshChange.Kind.CHANGED, "1.0.0", "1.0.0"),
          new MeshChange.ProductChange("sales.items", MeshChange.Kind.CHANGED, "1.0.0", "1.1.0")),
          change.products().stream().sorted((a, b) -> a.product().compareTo(b.product())).toList());

      assertEquals("v2", tag(c), "a new statement on the same connection sees the new version");
      assertTrue(descriptor.sessions() > sessions, "the old pool serves the running query beside the new pool");
      int read = 1;
      while (rs.next()) {
        assertEquals("v1", rs.getString("tag"), "the running query stays on its version");
        read++;
      }
      assertEquals(LiveDescriptor.ROWS, read);
      rs.close();
      running.close();
      assertEquals(sessions, descriptor.sessions(), "the old pool closed with the last statement on it");
      assertEquals("v2", tag(c));
    }
  }

  @Test
  void aBrokenChangeIsRefusedAndTheOldVersionServesOn() throws Exception {
    try (Mesh mesh = Mesh.fromYaml(descriptor.file); Connection c = mesh.connect(ANN)) {
      assertEquals("v1", tag(c));
      descriptor.write(descriptor.text("v2", "1.1.0", "", "", """
          - name: broken
            description: Reads a table the source lacks
            sql: SELECT * FROM db.no_such_table"""));
      MeshChange refused = mesh.reload();
      assertFalse(refused.accepted());
      assertEquals(1, refused.problems().size(), refused.problems().toString());
      String problem = refused.problems().get(0);
      assertTrue(problem.contains("mesh.yaml:") && problem.contains("sales.broken"), problem);
      assertEquals("v1", tag(c), "the old version keeps serving");
      try (Connection fresh = mesh.connect(ANN)) {
        assertEquals("v1", tag(fresh));
      }

      descriptor.write("v3", "1.2.0");
      assertTrue(mesh.reload().accepted());
      assertEquals("v3", tag(c));
      assertEquals(List.of(false, true), mesh.changes().stream().map(MeshChange::accepted).toList());
    }
  }

  @Test
  void unreadableYamlIsRefusedWithItsLine() throws Exception {
    try (Mesh mesh = Mesh.fromYaml(descriptor.file); Connection c = mesh.connect(ANN)) {
      descriptor.write("name: live\ndomains: [\n");
      MeshChange refused = mesh.reload();
      assertFalse(refused.accepted());
      assertTrue(refused.problems().get(0).contains("mesh.yaml"), refused.problems().toString());
      assertEquals(List.of(), refused.products());
      assertEquals("v1", tag(c));
    }
  }

  @Test
  void aReloadThatChangesNothingIsAcceptedAndLeavesNoHistory() throws Exception {
    try (Mesh mesh = Mesh.fromYaml(descriptor.file)) {
      MeshChange change = mesh.reload();
      assertTrue(change.accepted());
      assertEquals(List.of(), change.products());
      assertEquals(List.of(), mesh.changes());
    }
  }

  @Test
  void sourcesWhoseSettingsDidNotChangeKeepTheirPool() throws Exception {
    List<String> steps = new CopyOnWriteArrayList<>();
    LoadListener listener = (step, done, total) -> steps.add(step);
    try (Mesh mesh = Mesh.builder().descriptor(descriptor.file).loadListener(listener).build();
        Connection c = mesh.connect(ANN)) {
      assertEquals("v1", tag(c));
      int sessions = descriptor.sessions();
      assertTrue(steps.contains("source sales.db"), steps.toString());
      steps.clear();

      descriptor.write("v2", "1.1.0");
      assertTrue(mesh.reload().accepted());
      assertEquals("v2", tag(c));
      assertFalse(steps.contains("source sales.db"), "the source was not opened again: " + steps);
      assertTrue(steps.contains("product sales.items"), "its products were validated again: " + steps);
      assertEquals(sessions, descriptor.sessions(), "no new connection to the database");

      // A changed setting opens the source again, and the old pool closes with its last statement.
      descriptor.write(descriptor.text("v3", "1.2.0", "", "fetchSize: 50", ""));
      assertTrue(mesh.reload().accepted());
      assertTrue(steps.contains("source sales.db"), steps.toString());
      assertEquals("v3", tag(c));
      assertEquals(sessions, descriptor.sessions(), "the old pool closed, the new one holds what the old did");
    }
  }

  @Test
  void preparedStatementsKeepTheirVersionAndNewOnesSeeTheNew() throws Exception {
    try (Mesh mesh = Mesh.fromYaml(descriptor.file); Connection c = mesh.connect(ANN)) {
      PreparedStatement before = c.prepareStatement("SELECT tag FROM sales.items WHERE id = ?");
      descriptor.write("v2", "1.1.0");
      assertTrue(mesh.reload().accepted());
      before.setInt(1, 1);
      try (ResultSet rs = before.executeQuery()) {
        rs.next();
        assertEquals("v1", rs.getString(1), "prepared before the change");
      }
      before.close();
      try (PreparedStatement after = c.prepareStatement("SELECT tag FROM sales.items WHERE id = ?")) {
        after.setInt(1, 1);
        try (ResultSet rs = after.executeQuery()) {
          rs.next();
          assertEquals("v2", rs.getString(1));
        }
      }
    }
  }

  @Test
  void onlyTheChangedProductsPlansLeaveTheCache() throws Exception {
    StringBuilder more = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      more.append("- {name: p").append(i).append(", description: Part ").append(i)
          .append(", sql: \"SELECT id FROM db.t WHERE id <= ").append(i + 1).append("\"}\n");
    }
    descriptor.write(descriptor.text("v1", "1.0.0", "", "", more.toString()));
    try (Mesh mesh = Mesh.fromYaml(descriptor.file); Connection c = mesh.connect(ANN)) {
      List<String> queries = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        queries.add("SELECT COUNT(*) FROM sales.p" + i);
      }
      run(c, queries);
      Mesh.PlanCacheStats before = mesh.planCacheStats();
      descriptor.write(descriptor.text("v1", "1.0.0", "", "",
          more.toString().replace("WHERE id <= 4", "WHERE id <= 40")));
      MeshChange change = mesh.reload();
      assertEquals(List.of("sales.p3"), change.products().stream().map(MeshChange.ProductChange::product).toList());
      List<Long> counts = run(c, queries);
      assertEquals(40L, counts.get(3), "the changed product is planned again");
      Mesh.PlanCacheStats after = mesh.planCacheStats();
      long hits = after.hits() - before.hits();
      long misses = after.misses() - before.misses();
      assertEquals(9, hits, "the nine unchanged products keep their plans");
      assertEquals(1, misses);
      System.out.printf("plan cache across a reload changing one product of ten: %d hits, %d misses (%.0f%%)%n",
          hits, misses, 100.0 * hits / (hits + misses));
    }
  }

  private static List<Long> run(Connection c, List<String> queries) throws Exception {
    List<Long> counts = new ArrayList<>();
    for (String sql : queries) {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        rs.next();
        counts.add(rs.getLong(1));
      }
    }
    return counts;
  }

  @Test
  void qualityResultsOfUnchangedProductsSurviveAReload() throws Exception {
    descriptor.write(descriptor.text("v1", "1.0.0", "", "", """
        - name: checked
          description: Has a quality check
          sql: SELECT id FROM db.t
          quality:
            - {metric: rowCount, mustBeGreaterThan: 0}"""));
    try (Mesh mesh = Mesh.fromYaml(descriptor.file); Connection c = mesh.connect(ANN)) {
      assertEquals(1, mesh.quality().run("sales.checked").size());
      descriptor.write(descriptor.text("v2", "1.1.0", "", "", """
          - name: checked
            description: Has a quality check
            sql: SELECT id FROM db.t
            quality:
              - {metric: rowCount, mustBeGreaterThan: 0}"""));
      assertTrue(mesh.reload().accepted());
      assertEquals(List.of("passing"), dev.meshkit.MeshTesting.rows(c,
          "SELECT quality_status FROM catalog.products WHERE product_name = 'checked'"));
    }
  }

  @Test
  void metadataKeptAcrossAChangeDescribesTheNewVersion() throws Exception {
    try (Mesh mesh = Mesh.fromYaml(descriptor.file); Connection c = mesh.connect(ANN)) {
      java.sql.DatabaseMetaData metadata = c.getMetaData();
      assertEquals(List.of("counted", "items"), tables(metadata));
      descriptor.write(descriptor.text("v2", "1.1.0", "", "", """
          - {name: added, description: New, sql: SELECT id FROM db.t}"""));
      assertTrue(mesh.reload().accepted());
      assertEquals(List.of("added", "counted", "items"), tables(metadata));
      assertEquals(List.of("added", "counted", "items"), tables(c.getMetaData()));
    }
  }

  private static List<String> tables(java.sql.DatabaseMetaData metadata) throws Exception {
    List<String> names = new ArrayList<>();
    try (ResultSet rs = metadata.getTables(null, "sales", "%", null)) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME"));
      }
    }
    names.sort(null);
    return names;
  }

  @Test
  void aClosedMeshRefusesReloads() throws Exception {
    Mesh mesh = Mesh.fromYaml(descriptor.file);
    mesh.close();
    IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, mesh::reload);
    assertNotNull(e.getMessage());
  }
}
