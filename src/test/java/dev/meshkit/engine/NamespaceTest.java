package dev.meshkit.engine;

import static dev.meshkit.MeshTesting.assertNoStackTrace;
import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.rows;
import static dev.meshkit.MeshTesting.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.MeshException;
import dev.meshkit.Principal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What names mean: consumers see domains as schemas and products as tables, never sources;
 * product SQL also sees its own domain's sources.
 */
class NamespaceTest {

  static String salesUrl;
  static String financeUrl;
  static Mesh mesh;

  @TempDir
  static Path dir;

  @BeforeAll
  static void load() throws SQLException {
    // H2 folds unquoted names to upper case, so the source's tables and columns are ORDERS, ID, ...
    salesUrl = h2("ns_sales",
        "CREATE TABLE orders(id INT PRIMARY KEY, amount DECIMAL(10,2) NOT NULL, note VARCHAR(20))",
        "INSERT INTO orders VALUES (1, 5.00, 'small'), (2, 70.00, NULL), (3, 12.50, 'mid')");
    financeUrl = h2("ns_finance",
        "CREATE TABLE invoices(order_id INT, total DECIMAL(10,2))",
        "INSERT INTO invoices VALUES (2, 75.00), (3, 13.00)");
    Path file = write(dir.resolve("mesh.yaml"), """
        name: acme
        domains:
          - name: sales
            sources:
              - {name: erp, type: jdbc, url: "%s", user: sa}
            products:
              - name: orders
                description: One row per order
                sql: SELECT id AS o_id, amount, note FROM erp.orders
                columns:
                  - {name: o_id, description: Order number}
                  - {name: amount, description: Order total}
              - {name: raw, sql: SELECT * FROM ERP.ORDERS}
              - {name: big, sql: \"SELECT O_ID, AMOUNT FROM SALES.ORDERS WHERE AMOUNT > 10\"}
          - name: finance
            sources:
              - {name: ledger, type: jdbc, url: "%s", user: sa}
            products:
              - name: invoiced
                description: Orders with their invoice
                sql: |
                  SELECT o.o_id, o.amount, i.total
                  FROM sales.orders o JOIN ledger.invoices i ON i.order_id = o.o_id
              - {name: over_ten, sql: \"SELECT o_id, total FROM finance.invoiced WHERE total > 10\"}
        policies:
          - {name: everyone-reads-everything, grant: {products: ["*"]}}
        """.formatted(salesUrl, financeUrl));
    mesh = Mesh.fromYaml(file);
  }

  @AfterAll
  static void close() {
    mesh.close();
  }

  private static Connection connect() throws SQLException {
    return mesh.connect(Principal.of("ann"));
  }

  @Test
  void consumersNameProductsAsDomainDotProduct() throws SQLException {
    try (Connection c = connect()) {
      assertEquals(List.of("1,5.00,small", "2,70.00,null", "3,12.50,mid"),
          rows(c, "SELECT o_id, amount, note FROM sales.orders ORDER BY o_id"));
    }
  }

  @Test
  void productSqlReadsOwnSourcesOwnProductsAndOtherDomainsProducts() throws SQLException {
    try (Connection c = connect()) {
      assertEquals(List.of("2,70.00", "3,12.50"), rows(c, "SELECT o_id, amount FROM sales.big ORDER BY o_id"));
      assertEquals(List.of("2,70.00,75.00", "3,12.50,13.00"),
          rows(c, "SELECT o_id, amount, total FROM finance.invoiced ORDER BY o_id"));
      assertEquals(List.of("2,75.00", "3,13.00"), rows(c, "SELECT o_id, total FROM finance.over_ten ORDER BY o_id"));
    }
  }

  @Test
  void aProductCannotNameAnotherDomainsSource() throws SQLException {
    Path file = write(dir.resolve("foreign.yaml"), """
        name: acme
        domains:
          - name: sales
            sources:
              - {name: erp, type: jdbc, url: "%s", user: sa}
            products:
              - {name: orders, sql: SELECT * FROM erp.orders}
          - name: finance
            products:
              - {name: peek, sql: SELECT * FROM erp.orders}
        """.formatted(salesUrl));
    MeshException e = assertThrows(MeshException.class, () -> Mesh.fromYaml(file).close());
    assertEquals(1, e.problems().size());
    assertTrue(e.getMessage().startsWith(file + ":10: product finance.peek: "), e.getMessage());
    assertTrue(e.getMessage().contains("Object 'erp' not found"), e.getMessage());
    assertNoStackTrace(e.getMessage());
  }

  @Test
  void consumersCannotNameSources() throws SQLException {
    try (Connection c = connect()) {
      SQLException source = assertThrows(SQLException.class, () -> rows(c, "SELECT * FROM erp.orders"));
      assertTrue(source.getMessage().contains("Object 'erp' not found"), source.getMessage());
      assertNoStackTrace(source.getMessage());
      SQLException qualified = assertThrows(SQLException.class, () -> rows(c, "SELECT * FROM sales.erp.orders"));
      assertTrue(qualified.getMessage().contains("not found"), qualified.getMessage());
      // The schema generated code reaches sources through holds no tables.
      SQLException runtime = assertThrows(SQLException.class,
          () -> rows(c, "SELECT * FROM \"$meshkit$runtime\".\"sales.erp\".ORDERS"));
      assertTrue(runtime.getMessage().contains("Object 'orders' not found"), runtime.getMessage());
    }
  }

  @Test
  void schemasAreExactlyTheDomains() throws SQLException {
    try (Connection c = connect(); ResultSet rs = c.getMetaData().getSchemas()) {
      List<String> schemas = new ArrayList<>();
      while (rs.next()) {
        schemas.add(rs.getString("TABLE_SCHEM"));
      }
      assertEquals(List.of("catalog", "finance", "sales"), schemas.stream().sorted().toList());
    }
  }

  @Test
  void tablesAreTheProductsWithTheirDescriptions() throws SQLException {
    Map<String, String> tables = new LinkedHashMap<>();
    try (Connection c = connect(); ResultSet rs = c.getMetaData().getTables(null, null, "%", null)) {
      while (rs.next()) {
        tables.put(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"),
            rs.getString("TABLE_TYPE") + ":" + rs.getString("REMARKS"));
      }
    }
    assertEquals(Map.ofEntries(
        Map.entry("sales.orders", "TABLE:One row per order"),
        Map.entry("sales.raw", "TABLE:null"),
        Map.entry("sales.big", "TABLE:null"),
        Map.entry("finance.invoiced", "TABLE:Orders with their invoice"),
        Map.entry("finance.over_ten", "TABLE:null"),
        Map.entry("catalog.domains", "TABLE:Domains of the mesh with their owners and descriptions"),
        Map.entry("catalog.products", "TABLE:Data products you can find: metadata, lifecycle, quality status and whether you can read them"),
        Map.entry("catalog.columns", "TABLE:Columns of the products you can find, with classification and whether they are masked for you"),
        Map.entry("catalog.usage", "TABLE:How much each product is used, and by whom"),
        Map.entry("catalog.usage_history", "TABLE:How much each product is used per day"),
        Map.entry("catalog.quality_history", "TABLE:Every kept result of each quality check"),
        Map.entry("catalog.feedback", "TABLE:Consumers' ratings and problem reports on products"),
        Map.entry("catalog.lineage", "TABLE:Where each product column comes from: products and source tables"),
        Map.entry("catalog.quality", "TABLE:Latest result of each quality check")), tables);
  }

  @Test
  void columnsHaveJdbcTypesAndDescriptions() throws SQLException {
    List<String> columns = new ArrayList<>();
    try (Connection c = connect(); ResultSet rs = c.getMetaData().getColumns(null, "sales", "orders", "%")) {
      while (rs.next()) {
        columns.add(rs.getString("COLUMN_NAME") + " " + rs.getInt("DATA_TYPE") + " "
            + rs.getInt("NULLABLE") + " " + rs.getString("REMARKS"));
      }
    }
    assertEquals(List.of(
        "o_id " + Types.INTEGER + " " + DatabaseMetaData.columnNoNulls + " Order number",
        "amount " + Types.DECIMAL + " " + DatabaseMetaData.columnNoNulls + " Order total",
        "note " + Types.VARCHAR + " " + DatabaseMetaData.columnNullable + " null"), columns);
  }

  @Test
  void unquotedIdentifiersIgnoreCase() throws SQLException {
    try (Connection c = connect()) {
      // Product and column declared in lower case, named in upper case.
      assertEquals(List.of("1", "2", "3"), rows(c, "SELECT O_ID FROM SALES.ORDERS ORDER BY O_ID"));
      // Columns that H2 spells in upper case, named in lower case.
      assertEquals(List.of("2,70.00"), rows(c, "select id, amount from sales.raw where note is null"));
      assertEquals(List.of("3"), rows(c, "Select Id From Sales.Raw Where Note = 'mid'"));
    }
  }
}
