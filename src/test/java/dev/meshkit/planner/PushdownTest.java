package dev.meshkit.planner;

import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.rows;
import static dev.meshkit.MeshTesting.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What runs inside a database source, as its {@link dev.meshkit.SourceListener} sees it. */
class PushdownTest {

  /** One statement a source executed. */
  record Executed(String source, String sql, long rows) {}

  static final List<Executed> executed = new CopyOnWriteArrayList<>();
  static Mesh mesh;

  @TempDir
  static Path dir;

  @BeforeAll
  static void load() throws SQLException {
    String url = h2("push_sales",
        "CREATE TABLE customer(id INT PRIMARY KEY, name VARCHAR(20), region VARCHAR(5))",
        "CREATE TABLE orders(id INT PRIMARY KEY, customer_id INT, amount DECIMAL(10,2), status VARCHAR(10))",
        "INSERT INTO customer VALUES (1, 'Ann', 'EU'), (2, 'Bob', 'US'), (3, 'Cy', 'EU')",
        "INSERT INTO orders VALUES (10, 1, 5.00, 'open'), (11, 1, 75.00, 'shipped'), (12, 2, 60.00, 'open'),"
            + " (13, 3, 100.00, 'open'), (14, 3, 20.00, 'shipped'), (15, 2, 80.00, 'shipped')");
    write(dir.resolve("crm/accounts.csv"), "id,name,region\n1,Ann,EU\n2,Bob,US\n3,Cy,EU\n");
    mesh = Mesh.builder().grant("everyone-reads-everything", "*").name("acme")
        .domain("sales", d -> d.jdbcSource("erp", url, "sa", "")
            .product("orders", "SELECT * FROM erp.orders")
            .product("customer", "SELECT * FROM erp.customer")
            .product("shipped", "SELECT * FROM sales.orders WHERE status = 'shipped'"))
        .domain("crm", d -> d.source("files", "csv", Map.of("path", dir.resolve("crm").toString()))
            .product("accounts", "SELECT * FROM files.accounts"))
        .sourceListener((domain, source, sql, rows) -> executed.add(new Executed(domain + "." + source, sql, rows)))
        .build();
  }

  @AfterAll
  static void close() {
    mesh.close();
  }

  @BeforeEach
  void forget() {
    executed.clear();
  }

  private static List<String> query(String sql) throws SQLException {
    try (Connection c = mesh.connect(Principal.of("ann"))) {
      return rows(c, sql);
    }
  }

  /** The single statement the query sent to sales.erp. */
  private static Executed onlyStatement() {
    assertEquals(1, executed.size(), executed.toString());
    Executed e = executed.get(0);
    assertEquals("sales.erp", e.source());
    return e;
  }

  @Test
  void filterRunsInTheSource() throws SQLException {
    assertEquals(List.of("10", "12", "13"), query("SELECT id FROM sales.orders WHERE status = 'open' ORDER BY id"));
    Executed e = onlyStatement();
    assertTrue(e.sql().contains("WHERE \"STATUS\" = 'open'"), e.sql());
    assertEquals(3, e.rows());
  }

  @Test
  void filtersOfProductAndConsumerBothRunInTheSource() throws SQLException {
    assertEquals(List.of("11", "15"), query("SELECT id FROM sales.shipped WHERE amount > 50 ORDER BY id"));
    Executed e = onlyStatement();
    assertTrue(e.sql().contains("'shipped'") && e.sql().contains("> 50"), e.sql());
    assertEquals(2, e.rows());
  }

  @Test
  void onlyReferencedColumnsAreSelected() throws SQLException {
    assertEquals(List.of("10,5.00", "11,75.00"), query("SELECT id, amount FROM sales.orders WHERE id < 12 ORDER BY id"));
    Executed e = onlyStatement();
    assertTrue(e.sql().startsWith("SELECT \"ID\", \"AMOUNT\"\nFROM \"ORDERS\""), e.sql());
    assertFalse(e.sql().contains("*") || e.sql().contains("STATUS") || e.sql().contains("CUSTOMER_ID"), e.sql());
  }

  @Test
  void aggregateRunsInTheSource() throws SQLException {
    assertEquals(List.of("1,80.00,2", "2,140.00,2", "3,120.00,2"),
        query("SELECT customer_id, SUM(amount), COUNT(*) FROM sales.orders GROUP BY customer_id ORDER BY customer_id"));
    Executed e = onlyStatement();
    assertTrue(e.sql().contains("SUM(\"AMOUNT\")") && e.sql().contains("GROUP BY \"CUSTOMER_ID\""), e.sql());
    assertEquals(3, e.rows());
  }

  @Test
  void sortAndLimitRunInTheSource() throws SQLException {
    assertEquals(List.of("13", "15"), query("SELECT id FROM sales.orders ORDER BY amount DESC LIMIT 2"));
    Executed e = onlyStatement();
    assertTrue(e.sql().matches("(?s).*ORDER BY \"AMOUNT\" DESC.*(FETCH NEXT 2 ROWS ONLY|LIMIT 2).*"), e.sql());
    assertEquals(2, e.rows());
  }

  @Test
  void joinOfOneSourcesTablesIsOneStatement() throws SQLException {
    assertEquals(List.of("Ann,5.00", "Ann,75.00", "Cy,20.00", "Cy,100.00"),
        query("SELECT c.name, o.amount FROM sales.orders o JOIN sales.customer c ON o.customer_id = c.id"
            + " WHERE c.region = 'EU' ORDER BY c.name, o.amount"));
    Executed e = onlyStatement();
    assertTrue(e.sql().contains("JOIN") && e.sql().contains("'EU'"), e.sql());
    assertEquals(4, e.rows());
  }

  @Test
  void acrossSourcesEachSideIsFilteredOnItsOwn() throws SQLException {
    assertEquals(List.of("11,Ann", "13,Cy"),
        query("SELECT o.id, a.name FROM sales.orders o JOIN crm.accounts a ON o.customer_id = a.id"
            + " WHERE o.amount > 50 AND a.region = 'EU' ORDER BY o.id"));
    // Only the database reports statements; the CSV side is checked by the result above.
    Executed e = onlyStatement();
    assertTrue(e.sql().matches("(?s).*WHERE [^']*\"AMOUNT\"[^']* > 50.*"), e.sql());
    assertFalse(e.sql().contains("'EU'"), e.sql());
    assertEquals(4, e.rows());
  }
}
