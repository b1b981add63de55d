package dev.meshkit.it;

import static dev.meshkit.store.StoreMeshes.ANN;
import static dev.meshkit.store.StoreMeshes.AUD;
import static dev.meshkit.store.StoreMeshes.BOB;
import static dev.meshkit.store.StoreMeshes.SAM;
import static dev.meshkit.store.StoreMeshes.descriptor;
import static dev.meshkit.store.StoreMeshes.read;
import static dev.meshkit.store.StoreMeshes.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Feedback;
import dev.meshkit.Mesh;
import dev.meshkit.MeshTesting;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The metadata store in PostgreSQL: the same restart check as on H2, with identical usage, feedback and audit. */
@Tag("integration")
class PostgresMetadataStoreTest {

  static final String SCHEMA = "meshkit_it_store";

  @TempDir
  Path dir;

  @BeforeAll
  static void fresh() throws Exception {
    Servers.requirePostgres();
    try (Connection c = Servers.postgres()) {
      Servers.execute(c, "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE", "CREATE SCHEMA " + SCHEMA);
    }
  }

  private Mesh load(Path file) {
    return Mesh.builder().descriptor(file).environment(Map.of("STORE_USER", Servers.PG_USER)).build();
  }

  @Test
  void usageQualityAndFeedbackSurviveARestart() throws Exception {
    String source = MeshTesting.h2("pg_store" + System.nanoTime(), "CREATE TABLE orders(id INT PRIMARY KEY, amount INT)",
        "INSERT INTO orders VALUES (1, 10), (2, 20)");
    String store = "metadataStore: {url: \"" + Servers.PG_URL + "?currentSchema=" + SCHEMA
        + "\", user: \"${STORE_USER}\"}";
    Path file = MeshTesting.write(dir.resolve("mesh.yaml"), descriptor(source, store));
    List<List<List<String>>> before;
    Feedback problem;
    try (Mesh mesh = load(file)) {
      read(mesh, ANN, "sales.orders");
      read(mesh, BOB, "sales.orders");
      read(mesh, BOB, "sales.ledger");
      mesh.quality().run("sales.orders");
      mesh.feedback().rate(ANN, "sales.orders", 5, "Exactly what we need");
      mesh.feedback().rate(ANN, "sales.orders", 4, "Nearly what we need");
      problem = mesh.feedback().reportProblem(BOB, "sales.orders", "Amounts <b>doubled</b>");
      before = remembered(mesh);
      assertEquals(List.of("sales", "orders", "2", "2", "4"), before.get(0).get(2).subList(0, 5));
      assertEquals(List.of(List.of("orders", "4.0", "1", "1")), before.get(4));
      assertEquals(List.of("ALLOWED", "analysts-read-orders", "sales.orders", "", "", "2"),
          before.get(6).get(0).subList(3, 9));
      assertEquals(3, before.get(6).size(), "ann's and bob's reads: " + before.get(6));
    }
    try (Mesh again = load(file)) {
      assertEquals(before, remembered(again));
      again.feedback().resolve(SAM, problem.id());
      assertEquals("0", rows(again, ANN, "SELECT open_problems FROM catalog.products WHERE product_name = 'orders'")
          .get(0).get(0));
    }
    try (Connection c = Servers.postgres(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT MAX(version) FROM " + SCHEMA + ".meshkit_schema_version")) {
      assertTrue(rs.next());
      assertEquals(1, rs.getInt(1));
    }
  }

  private static List<List<List<String>>> remembered(Mesh mesh) throws Exception {
    return List.of(
        rows(mesh, SAM, "SELECT * FROM catalog.usage ORDER BY product_name"),
        rows(mesh, SAM, "SELECT * FROM catalog.usage_history ORDER BY product_name, \"day\""),
        rows(mesh, SAM, "SELECT * FROM catalog.quality ORDER BY product_name, check_name"),
        rows(mesh, SAM, "SELECT * FROM catalog.feedback ORDER BY id"),
        rows(mesh, SAM, "SELECT product_name, rating_avg, rating_count, open_problems FROM catalog.products"
            + " WHERE product_name = 'orders'"),
        rows(mesh, AUD, "SELECT product_name, check_name, status FROM catalog.quality_history"),
        rows(mesh, AUD, "SELECT event_time, principal, roles, decision, deciding_policy, products, row_filters, masks,"
            + " rows_returned, error, warnings, sql_text FROM sys.audit WHERE principal IN ('ann', 'bob')"
            + " ORDER BY event_time, sql_text"));
  }
}
