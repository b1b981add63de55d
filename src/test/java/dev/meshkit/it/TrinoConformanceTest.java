package dev.meshkit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The promise of the Trino export: the same descriptor gives the same answers embedded and on a
 * real Trino. Every declared principal of the example mesh (on PostgreSQL and MariaDB) runs the
 * same queries against both engines, and the rows, the masked values and the refusals must be
 * identical.
 */
@Tag("trino")
class TrinoConformanceTest {

  /** Queries every principal runs; each answer must be sorted so that rows compare in order. */
  private static final List<String> QUERIES = List.of(
      "SELECT * FROM sales.customer ORDER BY customer_id",
      "SELECT * FROM sales.orders ORDER BY order_id",
      "SELECT * FROM sales.orders_v1 ORDER BY order_id",
      "SELECT * FROM reference.nation ORDER BY nation_id",
      "SELECT * FROM sales.revenue_by_nation ORDER BY nation",
      "SELECT * FROM sales.order_stats ORDER BY customer_id",
      "SELECT c.name, c.phone, COUNT(*) AS n, SUM(o.amount) AS total FROM sales.customer c"
          + " JOIN sales.orders o ON o.customer_id = c.customer_id GROUP BY c.name, c.phone ORDER BY c.name",
      "SELECT order_date, COUNT(*) AS n FROM sales.orders WHERE amount > 20 GROUP BY order_date ORDER BY order_date");

  /** Kept after the run (server log in trino/data/var/log), replaced by the next run. */
  private static final Path dir = Path.of("target", "trino", "conformance").toAbsolutePath();
  private static Mesh mesh;
  private static TrinoServer trino;

  @BeforeAll
  static void start() throws Exception {
    Servers.requirePostgres();
    Servers.requireMariaDb();
    TrinoServer.require();
    TrinoServer.clean(dir);
    mesh = Mesh.fromYaml(AcmeOnServers.write(dir));
    Path export = mesh.exportTrino(dir.resolve("export")).directory();
    trino = TrinoServer.start(export, dir.resolve("trino"), Map.of(
        "MESHKIT_SALES_ERP_USER", Servers.PG_USER, "MESHKIT_SALES_ERP_PASSWORD", "",
        "MESHKIT_REFERENCE_MDM_USER", Servers.MARIADB_USER, "MESHKIT_REFERENCE_MDM_PASSWORD", ""));
    System.err.println("[meshkit-it] Trino started in " + trino.startTime.toMillis() + " ms");
  }

  @AfterAll
  static void stop() throws Exception {
    if (trino != null) {
      trino.close();
    }
    if (mesh != null) {
      mesh.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyPrincipalSeesTheSameOnBothEngines() {
    return Stream.of(AcmeOnServers.PRINCIPALS).flatMap(user -> QUERIES.stream().map(sql ->
        DynamicTest.dynamicTest(user + ": " + sql, () -> {
          assertEquals(embedded(user, sql), distributed(user, sql), user + " reads differently on Trino: " + sql);
        })));
  }

  /** The comparison above proves nothing if every principal were denied everything: the policies must show. */
  @Test
  void thePoliciesShapeWhatEachPrincipalSees() throws Exception {
    String analyst = embedded("ann", QUERIES.get(0));
    assertTrue(analyst.startsWith("7 rows") && analyst.contains("XXXXXXXXXXX1234"), analyst);
    String partner = embedded("bert", QUERIES.get(0));
    assertTrue(partner.startsWith("2 rows") && partner.contains("xxxx xxxxxx"), partner);
    assertEquals("0 rows\n", embedded("eve", QUERIES.get(0)));
    assertEquals("denied", embedded("mallory", QUERIES.get(0)));
  }

  /** The product's description and its columns' descriptions are what Trino shows of the view. */
  @Test
  void viewsCarryTheProductsDescriptions() throws Exception {
    try (Connection owner = trino.connect("meshkit", "acme"); Statement statement = owner.createStatement()) {
      ResultSet view = statement.executeQuery("SELECT comment FROM system.metadata.table_comments"
          + " WHERE catalog_name = 'acme' AND schema_name = 'sales' AND table_name = 'orders'");
      assertTrue(view.next());
      assertEquals("One row per customer order (active, version 2.0.0, owner sales-team@acme.example)",
          view.getString(1));
      ResultSet column = statement.executeQuery("SELECT comment FROM acme.information_schema.columns"
          + " WHERE table_schema = 'sales' AND table_name = 'orders' AND column_name = 'order_id'");
      assertTrue(column.next());
      assertEquals("Order number, the customer's reference", column.getString(1));
    }
  }

  private static String embedded(String user, String sql) throws SQLException {
    try (Connection connection = mesh.connect(mesh.principal(user).orElseThrow())) {
      return answer(connection, sql);
    }
  }

  private static String distributed(String user, String sql) throws SQLException {
    try (Connection connection = trino.connect(user, "acme")) {
      return answer(connection, sql);
    }
  }

  /**
   * The rows as text, or "denied" when the engine refuses the statement for access (meshkit with
   * SQLState 42501, Trino with "Access Denied"); any other failure shows its message, which the
   * other engine cannot match.
   */
  static String answer(Connection connection, String sql) {
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      return rows(rs);
    } catch (SQLException e) {
      boolean denied = "42501".equals(e.getSQLState()) || String.valueOf(e.getMessage()).contains(": Access Denied: ");
      return denied ? "denied" : "failed: " + e.getSQLState() + " " + e.getMessage();
    }
  }

  static String rows(ResultSet rs) throws SQLException {
    int columns = rs.getMetaData().getColumnCount();
    List<String> rows = new ArrayList<>();
    while (rs.next()) {
      List<String> row = new ArrayList<>();
      for (int i = 1; i <= columns; i++) {
        Object value = rs.getObject(i);
        row.add(value == null ? "NULL" : value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString()
            : value instanceof Number n ? new BigDecimal(n.toString()).stripTrailingZeros().toPlainString()
            : value.toString());
      }
      rows.add(String.join(" | ", row));
    }
    return rows.size() + " rows\n" + String.join("\n", rows);
  }
}
