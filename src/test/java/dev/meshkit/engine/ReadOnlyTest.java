package dev.meshkit.engine;

import static dev.meshkit.MeshTesting.assertNoStackTrace;
import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The mesh only reads: every statement that would change data or structure is refused. */
class ReadOnlyTest {

  static Mesh mesh;

  @BeforeAll
  static void load() throws SQLException {
    String url = h2("ro_sales",
        "CREATE TABLE orders(id INT PRIMARY KEY, amount DECIMAL(10,2))",
        "INSERT INTO orders VALUES (1, 5.00)");
    mesh = Mesh.builder().grant("everyone-reads-everything", "*").name("acme")
        .domain("sales", d -> d.jdbcSource("erp", url, "sa", "").product("orders", "SELECT * FROM erp.orders"))
        .build();
  }

  @AfterAll
  static void close() {
    mesh.close();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "INSERT INTO sales.orders VALUES (2, 1.00)|INSERT",
      "UPDATE sales.orders SET amount = 0|UPDATE",
      "DELETE FROM sales.orders|DELETE",
      "MERGE INTO sales.orders t USING sales.orders s ON t.id = s.id WHEN MATCHED THEN UPDATE SET amount = 0|MERGE",
      "CREATE TABLE sales.x (i INT)|CREATE TABLE",
      "DROP TABLE sales.orders|DROP TABLE"})
  void changesAreRefusedAndNothingChanges(String sql, String kind) throws SQLException {
    try (Connection c = mesh.connect(Principal.of("ann")); Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.execute(sql));
      assertTrue(e.getMessage().contains("meshkit is read-only: " + kind + " statements are refused"), e.getMessage());
      assertNoStackTrace(e.getMessage());
      assertEquals(List.of("1,5.00"), rows(c, "SELECT * FROM sales.orders"));
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "INSERT INTO sales.orders VALUES (2, 1.00)|INSERT",
      "DELETE FROM sales.orders WHERE id = ?|DELETE"})
  void preparedChangesAreRefused(String sql, String kind) throws SQLException {
    try (Connection c = mesh.connect(Principal.of("ann"))) {
      SQLException e = assertThrows(SQLException.class, () -> c.prepareStatement(sql).close());
      assertTrue(e.getMessage().contains("meshkit is read-only: " + kind + " statements are refused"), e.getMessage());
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "INSERT INTO sales.orders VALUES (2, 1.00)",
      "UPDATE sales.orders SET amount = 0"})
  void executeUpdateIsRefused(String sql) throws SQLException {
    try (Connection c = mesh.connect(Principal.of("ann")); Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate(sql));
      assertTrue(e.getMessage().contains("meshkit is read-only"), e.getMessage());
    }
  }
}
