package dev.meshkit.store;

import static dev.meshkit.store.StoreMeshes.ANN;
import static dev.meshkit.store.StoreMeshes.AUD;
import static dev.meshkit.store.StoreMeshes.BOB;
import static dev.meshkit.store.StoreMeshes.SAM;
import static dev.meshkit.store.StoreMeshes.descriptor;
import static dev.meshkit.store.StoreMeshes.read;
import static dev.meshkit.store.StoreMeshes.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.MeshException;
import dev.meshkit.MeshTesting;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metadata store in an H2 file: what survives a restart, where the file goes, its schema, its retention. */
class MetadataStoreTest {

  @TempDir
  Path dir;

  private String source(String name) throws SQLException {
    return MeshTesting.h2(name + System.nanoTime(), "CREATE TABLE orders(id INT PRIMARY KEY, amount INT)",
        "INSERT INTO orders VALUES (1, 10), (2, 20)");
  }

  /** The catalog tables that must read the same after a restart, as the member sam sees them. */
  private static List<List<List<String>>> remembered(Mesh mesh) throws SQLException {
    return List.of(
        rows(mesh, SAM, "SELECT * FROM catalog.usage ORDER BY product_name"),
        rows(mesh, SAM, "SELECT * FROM catalog.usage_history ORDER BY product_name, \"day\""),
        rows(mesh, SAM, "SELECT * FROM catalog.quality ORDER BY product_name, check_name"),
        rows(mesh, SAM, "SELECT * FROM catalog.quality_history ORDER BY product_name, checked_at"),
        rows(mesh, SAM, "SELECT * FROM catalog.feedback ORDER BY id"),
        rows(mesh, SAM, "SELECT product_name, quality_status, rating_avg, rating_count, open_problems"
            + " FROM catalog.products ORDER BY product_name"),
        rows(mesh, AUD, "SELECT triggered_by, outcome, versions FROM sys.mesh_changes ORDER BY change_time"));
  }

  @Test
  void usageQualityFeedbackAndChangesSurviveARestart() throws Exception {
    String url = source("restart");
    Path file = MeshTesting.write(dir.resolve("mesh.yaml"), descriptor(url, "metadataStore: {path: kept}"));
    List<List<List<String>>> before;
    try (Mesh mesh = Mesh.fromYaml(file)) {
      read(mesh, ANN, "sales.orders");
      read(mesh, ANN, "sales.orders");
      read(mesh, BOB, "sales.orders");
      mesh.quality().run("sales.orders");
      mesh.feedback().rate(ANN, "sales.orders", 4, "Complete");
      mesh.feedback().reportProblem(BOB, "sales.orders", "Amounts look doubled");
      MeshTesting.write(file, descriptor(url, "metadataStore: {path: kept}").replace("Booked amounts", "Booked sums"));
      assertTrue(mesh.reload().accepted());
      before = remembered(mesh);
      // Counted at once, before anything is written.
      assertEquals(List.of("sales", "orders", "3", "2", "6"), before.get(0).get(2).subList(0, 5));
      assertEquals("ann,bob", before.get(0).get(2).get(6));
      String today = LocalDate.now(ZoneOffset.UTC).toString();
      assertEquals(List.of(List.of("sales", "orders", today, "3", "6", "2")), before.get(1));
      assertEquals("passed", before.get(2).get(0).get(5));
      assertEquals(2, before.get(4).size());
      assertEquals(List.of("orders", "passing", "4.0", "1", "1"), before.get(5).get(2));
      assertEquals(1, before.get(6).size());
    }
    assertTrue(Files.isRegularFile(dir.resolve("kept/metadata.mv.db")));
    try (Mesh again = Mesh.fromYaml(file)) {
      assertEquals(before, remembered(again));
      read(again, ANN, "sales.orders");
      assertEquals("4", rows(again, SAM, "SELECT queries FROM catalog.usage WHERE product_name = 'orders'")
          .get(0).get(0));
    }
  }

  /** What sys.audit shows, as the auditor aud sees it, without aud's own queries of it. */
  private static List<List<String>> audit(Mesh mesh) throws SQLException {
    return rows(mesh, AUD, "SELECT event_time, principal, roles, decision, deciding_policy, products, row_filters,"
        + " masks, rows_returned, error, warnings, sql_text FROM sys.audit WHERE principal <> 'aud'"
        + " ORDER BY event_time, sql_text");
  }

  @Test
  void sysAuditShowsTheStoredHistoryAfterARestart() throws Exception {
    String governed = descriptor(source("audit"), "metadataStore: {path: a}").replace("policies:\n", """
        policies:
          - {name: bob-sees-small, rowFilter: {products: ["sales.orders"], roles: [analyst], where: "amount < 15"}}
          - {name: hide-amount, mask: {products: ["sales.orders"], columns: [amount], roles: [analyst], expression: "ROUND({column}, -2)"}}
        """);
    Path file = MeshTesting.write(dir.resolve("mesh.yaml"), governed);
    List<List<String>> before;
    try (Mesh mesh = Mesh.fromYaml(file)) {
      read(mesh, ANN, "sales.orders");
      read(mesh, BOB, "sales.ledger");
      assertThrows(SQLException.class, () -> read(mesh, StoreMeshes.EVE, "sales.orders"));
      // At once, before the writer ran: the pending events show with the written ones.
      before = audit(mesh);
      assertEquals(3, before.size(), before.toString());
      List<String> ann = before.stream().filter(row -> row.get(1).equals("ann")).findFirst().orElseThrow();
      assertEquals(List.of("analyst", "ALLOWED", "analysts-read-orders", "sales.orders", "bob-sees-small",
          "amount:hide-amount", "1"), ann.subList(2, 9));
      assertEquals("DENIED", before.stream().filter(row -> row.get(1).equals("eve")).findFirst().orElseThrow().get(3));
      // The three events and aud's query, written.
      for (int i = 0; i < 100 && auditRows(dir.resolve("a")) < 4; i++) {
        Thread.sleep(50);
      }
      assertEquals(4, auditRows(dir.resolve("a")));
      assertEquals(before, audit(mesh), "written and pending, no event twice");
    }
    try (Mesh again = Mesh.fromYaml(file)) {
      assertEquals(before, audit(again));
      // Scans read halfway and to the end give their connection back: the store answers every time.
      for (int i = 0; i < 3; i++) {
        assertEquals(List.of(before.get(0).subList(1, 2)),
            rows(again, AUD, "SELECT principal FROM sys.audit LIMIT 1"));
        assertEquals(before, audit(again));
      }
      read(again, ANN, "sales.orders");
      assertEquals(4, audit(again).size());
    }
  }

  @Test
  void byDefaultTheStoreIsAnH2FileBesideTheDescriptor() throws Exception {
    Path file = MeshTesting.write(dir.resolve("mesh.yaml"), descriptor(source("beside"), ""));
    String property = System.clearProperty(StoreOpener.PROPERTY);
    try {
      try (Mesh mesh = Mesh.fromYaml(file)) {
        read(mesh, ANN, "sales.orders");
      }
      assertTrue(Files.isRegularFile(dir.resolve(".meshkit/metadata.mv.db")));
      try (Mesh mesh = Mesh.fromYaml(file)) {
        assertEquals("1", rows(mesh, ANN, "SELECT queries FROM catalog.usage WHERE product_name = 'orders'")
            .get(0).get(0));
      }
    } finally {
      if (property != null) {
        System.setProperty(StoreOpener.PROPERTY, property);
      }
    }
  }

  @Test
  void twoMeshesOnOneFileAtOnceShareFeedback() throws Exception {
    Path file = MeshTesting.write(dir.resolve("mesh.yaml"), descriptor(source("shared"), "metadataStore: {path: s}"));
    try (Mesh serving = Mesh.fromYaml(file); Mesh other = Mesh.fromYaml(file)) {
      other.feedback().rate(ANN, "sales.orders", 2, "Late");
      assertEquals(List.of(List.of("2", "Late")),
          rows(serving, ANN, "SELECT rating, comment FROM catalog.feedback"));
    }
  }

  @Test
  void aMeshDeclaredInCodeAndTheBuilderChoiceStartEmpty() throws Exception {
    Path file = MeshTesting.write(dir.resolve("mesh.yaml"), descriptor(source("memory"), "metadataStore: {path: m}"));
    for (int run = 0; run < 2; run++) {
      try (Mesh mesh = Mesh.builder().descriptor(file).metadataStoreInMemory().build()) {
        read(mesh, ANN, "sales.orders");
        assertEquals("1", rows(mesh, ANN, "SELECT queries FROM catalog.usage WHERE product_name = 'orders'")
            .get(0).get(0));
      }
    }
    assertFalse(Files.exists(dir.resolve("m")));
  }

  @Test
  void aBuilderFolderOverridesTheDescriptor() throws Exception {
    Path file = MeshTesting.write(dir.resolve("mesh.yaml"), descriptor(source("folder"), "metadataStore: {path: d}"));
    try (Mesh mesh = Mesh.builder().descriptor(file).metadataStore(dir.resolve("elsewhere")).build()) {
      read(mesh, ANN, "sales.orders");
    }
    assertTrue(Files.isRegularFile(dir.resolve("elsewhere/metadata.mv.db")));
    assertFalse(Files.exists(dir.resolve("d")));
  }

  @Test
  void aStoreOfANewerMeshkitIsRefused() throws Exception {
    Path folder = dir.resolve("newer");
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + folder.resolve("metadata"));
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE meshkit_schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TIMESTAMP)");
      s.execute("INSERT INTO meshkit_schema_version VALUES (99, CURRENT_TIMESTAMP)");
    }
    Path file = MeshTesting.write(dir.resolve("mesh.yaml"), descriptor(source("newer"), "metadataStore: {path: newer}"));
    MeshException e = assertThrows(MeshException.class, () -> Mesh.fromYaml(file).close());
    assertTrue(e.getMessage().contains("has schema version 99, newer than this meshkit knows (1)"), e.getMessage());
    assertTrue(e.getMessage().contains(folder.resolve("metadata").toString()), e.getMessage());
  }

  @Test
  void anOlderSchemaIsMigratedOneVersionAtATime() throws Exception {
    String url = "jdbc:h2:mem:migrate" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    try (Connection c = DriverManager.getConnection(url)) {
      new StoreSchema("test").migrate(c);
      assertEquals(1, StoreSchema.version(c));
      List<List<String>> withV2 = new java.util.ArrayList<>(StoreSchema.MIGRATIONS);
      withV2.add(List.of("ALTER TABLE " + StoreSchema.FEEDBACK + " ADD COLUMN helpful INTEGER"));
      new StoreSchema(withV2, "test").migrate(c);
      assertEquals(2, StoreSchema.version(c));
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT version FROM meshkit_schema_version ORDER BY version")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getInt(1));
        assertTrue(rs.next());
        assertEquals(2, rs.getInt(1));
      }
      try (Statement s = c.createStatement()) {
        s.executeQuery("SELECT helpful FROM " + StoreSchema.FEEDBACK).close();
      }
      // Opening at the latest version again changes nothing.
      new StoreSchema(withV2, "test").migrate(c);
      assertEquals(2, StoreSchema.version(c));
    }
  }

  @Test
  void auditEventsOlderThanTheRetentionAreDeleted() throws Exception {
    Path file = MeshTesting.write(dir.resolve("mesh.yaml"),
        descriptor(source("retention"), "metadataStore: {path: r, auditRetention: 1s}"));
    try (Mesh mesh = Mesh.fromYaml(file)) {
      read(mesh, ANN, "sales.orders");
    }
    assertEquals(1, auditRows(dir.resolve("r")));
    Thread.sleep(1_100);
    try (Mesh mesh = Mesh.fromYaml(file)) {
      // The first write of a store deletes what is past the retention.
      for (int i = 0; i < 40 && auditRows(dir.resolve("r")) > 0; i++) {
        Thread.sleep(50);
      }
      assertEquals(0, auditRows(dir.resolve("r")));
      assertEquals(List.of(), audit(mesh), "sys.audit shows no deleted event");
      assertEquals("1", rows(mesh, ANN, "SELECT queries FROM catalog.usage WHERE product_name = 'orders'")
          .get(0).get(0));
    }
  }

  private static int auditRows(Path folder) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + folder.resolve("metadata") + ";AUTO_SERVER=TRUE");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + StoreSchema.AUDIT)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
