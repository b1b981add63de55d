package dev.meshkit.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.MeshTesting;
import dev.meshkit.Principal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lineage derived from product plans: {@code catalog.lineage} and the Mermaid and DOT exports. */
class LineageTest {

  static final Principal ANA = Principal.of("ana", "analyst");

  static final String LINEAGE = "SELECT product_name, column_name, input_kind, input_domain, input_name, input_column"
      + " FROM catalog.lineage WHERE product_name = '%s' ORDER BY column_name, input_name, input_column";

  @TempDir
  Path dir;

  private Mesh mesh(String db) throws SQLException {
    String url = MeshTesting.h2(db,
        "CREATE TABLE orders(id INT PRIMARY KEY, customer INT, amount INT)",
        "CREATE TABLE customers(id INT PRIMARY KEY, name VARCHAR(20))");
    return Mesh.fromYaml(MeshTesting.write(dir.resolve("mesh.yaml"), """
        name: acme
        domains:
          - name: sales
            owner: sales@acme.example
            sources:
              - {name: erp, type: jdbc, url: "%s", user: sa}
            products:
              - name: orders
                sql: SELECT id AS order_id, customer, amount * 2 AS doubled, 1 AS unit FROM erp.orders
              - name: totals
                sql: SELECT customer, SUM(doubled) AS total, COUNT(*) AS n FROM sales.orders GROUP BY customer
              - name: named
                sql: >-
                  SELECT c.name, t.total FROM sales.totals t JOIN erp.customers c ON c.id = t.customer
              - {name: hidden, discoverable: false, sql: "SELECT id FROM erp.customers"}
          - name: finance
            owner: finance@acme.example
            products:
              - {name: big, sql: "SELECT name FROM sales.named WHERE total > 100"}
        policies:
          - {name: analysts-read, grant: {products: ["sales.orders", "sales.totals", "sales.named", "finance.big"],
              roles: [analyst], explain: true}}
        """.formatted(url)));
  }

  @Test
  void columnsOfAProductOverASource() throws Exception {
    try (Mesh mesh = mesh("lineage_source"); Connection c = mesh.connect(ANA)) {
      // Renamed and computed columns trace back to their source column; a constant to the whole input.
      assertEquals(List.of(
          "orders,customer,source,sales,erp.ORDERS,CUSTOMER",
          "orders,doubled,source,sales,erp.ORDERS,AMOUNT",
          "orders,order_id,source,sales,erp.ORDERS,ID",
          "orders,unit,source,sales,erp.ORDERS,null"), MeshTesting.rows(c, LINEAGE.formatted("orders")));
    }
  }

  @Test
  void productsOverProductsAndJoins() throws Exception {
    try (Mesh mesh = mesh("lineage_products"); Connection c = mesh.connect(ANA)) {
      // The referenced product is not expanded: lineage names it, not its source.
      assertEquals(List.of(
          "totals,customer,product,sales,orders,customer",
          "totals,n,product,sales,orders,null",
          "totals,total,product,sales,orders,doubled"), MeshTesting.rows(c, LINEAGE.formatted("totals")));
      assertEquals(List.of(
          "named,name,source,sales,erp.CUSTOMERS,NAME",
          "named,total,product,sales,totals,total"), MeshTesting.rows(c, LINEAGE.formatted("named")));
      assertEquals(List.of("big,name,product,sales,named,name"), MeshTesting.rows(c, LINEAGE.formatted("big")));
      // Only products in the asker's catalog, and no connection details anywhere.
      assertEquals(List.of(), MeshTesting.rows(c, LINEAGE.formatted("hidden")));
      assertFalse(String.join(" ", MeshTesting.rows(c, "SELECT * FROM catalog.lineage")).contains("jdbc:"));
    }
  }

  @Test
  void exportsMermaidAndDot() throws Exception {
    try (Mesh mesh = mesh("lineage_export")) {
      String all = mesh.catalog().lineage(null, "mermaid");
      assertTrue(all.startsWith("flowchart LR\n"), all);
      assertTrue(all.contains("s_sales_erp_ORDERS[(\"erp.ORDERS\")]"), all);
      assertTrue(all.contains("s_sales_erp_ORDERS --> p_sales_orders"), all);
      assertTrue(all.contains("p_sales_orders --> p_sales_totals"), all);
      assertTrue(all.contains("p_sales_totals --> p_sales_named"), all);
      assertTrue(all.contains("s_sales_erp_CUSTOMERS --> p_sales_named"), all);
      assertTrue(all.contains("p_sales_named --> p_finance_big"), all);
      assertFalse(all.contains("hidden"), all);

      // Upstream and downstream of totals: not the customers source, which only named reads.
      String dot = mesh.catalog().lineage("sales.totals", "dot");
      assertTrue(dot.startsWith("digraph lineage {"), dot);
      assertTrue(dot.contains("s_sales_erp_ORDERS -> p_sales_orders;"), dot);
      assertTrue(dot.contains("p_sales_orders -> p_sales_totals;"), dot);
      assertTrue(dot.contains("p_sales_totals -> p_sales_named;"), dot);
      assertTrue(dot.contains("p_sales_named -> p_finance_big;"), dot);
      assertTrue(dot.contains("p_sales_orders [label=\"sales.orders\", shape=box];"), dot);
      assertFalse(dot.contains("CUSTOMERS"), dot);

      assertThrows(IllegalArgumentException.class, () -> mesh.catalog().lineage(null, "svg"));
      assertThrows(IllegalArgumentException.class, () -> mesh.catalog().lineage("sales.nope", "dot"));
    }
  }
}
