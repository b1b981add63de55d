package dev.meshkit.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.MeshTesting;
import dev.meshkit.PasswordHasher;
import dev.meshkit.Principal;
import dev.meshkit.server.MeshServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the catalog shows beyond metadata, and to whom: quality observations only to those who read
 * the whole product; lineage that never names a product the asker cannot find or read, nor source
 * tables of a product they may not see inside; top consumers only to the domain's members and
 * principals granted {@code sys}. Embedded, through the Java API and through the server.
 */
class InsidesVisibilityTest {

  @TempDir
  static Path dir;
  static Mesh mesh;

  static final Principal ANN = Principal.of("ann", "analyst");
  /** Her row filter keeps only EU orders. */
  static final Principal RITA = Principal.builder("rita").role("analyst").role("regional").attribute("region", "EU")
      .build();
  /** Sees customers unmasked. */
  static final Principal CORA = Principal.of("cora", "analyst", "compliance");
  /** A member of sales, which owns the draft forecast. */
  static final Principal MIA = Principal.of("mia", "analyst");
  /** A member of finance, whose plan reads the sales draft. */
  static final Principal FIN = Principal.of("fin", "analyst");
  /** Granted sys.*, and nothing else. */
  static final Principal AUDREY = Principal.of("audrey", "auditor");
  static final Principal DAVE = Principal.of("dave");

  @BeforeAll
  static void setUp() throws SQLException {
    String sales = MeshTesting.h2("insides_sales",
        "CREATE TABLE orders(id INT PRIMARY KEY, region VARCHAR(4), amount INT)",
        "INSERT INTO orders VALUES (1, 'EU', 10), (2, 'EU', 20), (3, 'US', 30)",
        "CREATE TABLE customers(id INT PRIMARY KEY, email VARCHAR(40))",
        "INSERT INTO customers VALUES (1, 'a@x.example'), (2, NULL)");
    String finance = MeshTesting.h2("insides_finance",
        "CREATE TABLE ledger(region VARCHAR(4), target INT)", "INSERT INTO ledger VALUES ('EU', 25), ('US', 35)");
    mesh = Mesh.fromYaml(MeshTesting.write(dir.resolve("mesh.yaml"), """
        name: acme
        domains:
          - name: sales
            owner: sales@acme.example
            members: {users: [mia]}
            sources:
              - {name: erp, type: jdbc, url: "%s", user: sa}
            products:
              - name: orders
                sql: SELECT * FROM erp.orders
                quality: [{name: orders-rows, metric: rowCount, mustBeGreaterThan: 0}]
              - name: customers
                sql: SELECT * FROM erp.customers
                columns: [{name: email, tags: [pii]}]
                quality: [{name: emails-present, metric: nullValues, column: email, mustBe: 0, severity: warning}]
              - name: forecast
                status: draft
                sql: SELECT region, SUM(amount) AS total FROM sales.orders GROUP BY region
          - name: finance
            owner: finance@acme.example
            members: {users: [fin]}
            sources:
              - {name: books, type: jdbc, url: "%s", user: sa}
            products:
              - name: plan
                sql: >-
                  SELECT f.region, f.total, l.target FROM sales.forecast f JOIN books.ledger l ON l.region = f.region
              - {name: summary, sql: "SELECT region, total - target AS gap FROM finance.plan"}
        principals:
          - {name: ann, roles: [analyst], password: "%s"}
          - {name: rita, roles: [analyst, regional], attributes: {region: EU}, password: "%s"}
        policies:
          - {name: analysts-read, grant: {products: ["*"], roles: [analyst]}}
          - {name: auditors-read-sys, grant: {products: ["sys.*"], roles: [auditor]}}
          - {name: regional-orders, rowFilter: {products: ["sales.orders"], roles: [regional], where: "region = :region"}}
          - {name: pii-redacted, mask: {tags: [pii], roles: [analyst], exceptRoles: [compliance], with: redact}}
        """.formatted(sales, finance, PasswordHasher.hash("ann-pw".toCharArray()),
        PasswordHasher.hash("rita-pw".toCharArray()))));
    mesh.quality().runAll();
  }

  @AfterAll
  static void tearDown() {
    mesh.close();
  }

  static List<String> rows(Principal who, String sql) throws SQLException {
    try (Connection c = mesh.connect(who)) {
      return MeshTesting.rows(c, sql);
    }
  }

  static final String OBSERVED = "SELECT product_name, check_name, status, observed FROM catalog.quality"
      + " WHERE check_name IN ('orders-rows', 'emails-present') ORDER BY product_name";

  static final String LINEAGE = "SELECT product_name, column_name, input_kind, input_domain, input_name, input_column"
      + " FROM catalog.lineage WHERE product_name = '%s' ORDER BY column_name, input_kind, input_name, input_column";

  // --- quality ----------------------------------------------------------------------------------

  @Test
  void observedValuesOnlyForThoseWhoReadTheWholeProduct() throws SQLException {
    // ann reads orders whole, but customers masked.
    assertEquals(List.of("customers,emails-present,failed,null", "orders,orders-rows,passed,3"), rows(ANN, OBSERVED));
    // rita's row filter hides the US order; cora reads customers unmasked.
    assertEquals(List.of("customers,emails-present,failed,null", "orders,orders-rows,passed,null"), rows(RITA, OBSERVED));
    assertEquals(List.of("customers,emails-present,failed,1", "orders,orders-rows,passed,3"), rows(CORA, OBSERVED));
    // dave finds both products in the public catalog but reads neither.
    assertEquals(List.of("customers,emails-present,failed,null", "orders,orders-rows,passed,null"), rows(DAVE, OBSERVED));
  }

  // --- lineage ----------------------------------------------------------------------------------

  @Test
  void aConsumerSeesNeitherHiddenProductsNorSourceTables() throws SQLException {
    assertEquals(List.of(
        "plan,region,hidden,null,null,null",
        "plan,target,hidden,null,null,null",
        "plan,total,hidden,null,null,null"), rows(ANN, LINEAGE.formatted("plan")));
    assertEquals(List.of(
        "summary,gap,product,finance,plan,target",
        "summary,gap,product,finance,plan,total",
        "summary,region,product,finance,plan,region"), rows(ANN, LINEAGE.formatted("summary")));
    assertEquals(List.of("orders,amount,hidden,null,null,null", "orders,id,hidden,null,null,null",
        "orders,region,hidden,null,null,null"), rows(ANN, LINEAGE.formatted("orders")));
    String all = String.join("\n", rows(ANN, "SELECT * FROM catalog.lineage"));
    for (String hidden : List.of("forecast", "erp", "ORDERS", "books", "LEDGER", "CUSTOMERS")) {
      assertFalse(all.contains(hidden), hidden + " in\n" + all);
    }
  }

  @Test
  void membersSeeTheirDomainsInsidesButNotOthers() throws SQLException {
    // mia sees the sales draft that plan reads, not finance's source table.
    assertEquals(List.of(
        "plan,region,product,sales,forecast,region",
        "plan,target,hidden,null,null,null",
        "plan,total,product,sales,forecast,total"), rows(MIA, LINEAGE.formatted("plan")));
    assertEquals(List.of("orders,amount,source,sales,erp.ORDERS,AMOUNT", "orders,id,source,sales,erp.ORDERS,ID",
        "orders,region,source,sales,erp.ORDERS,REGION"), rows(MIA, LINEAGE.formatted("orders")));
    // fin sees finance's source table, not the sales draft.
    assertEquals(List.of(
        "plan,region,hidden,null,null,null",
        "plan,target,source,finance,books.LEDGER,TARGET",
        "plan,total,hidden,null,null,null"), rows(FIN, LINEAGE.formatted("plan")));
    assertFalse(String.join("\n", rows(FIN, "SELECT * FROM catalog.lineage")).contains("forecast"));
  }

  @Test
  void theJavaApiHidesTheSameForAPrincipalOrWithout() {
    // Without a principal: public products with their source tables; the draft is hidden, and so is what it reads.
    String operator = mesh.catalog().lineage(null, "mermaid");
    assertFalse(operator.contains("forecast"), operator);
    assertTrue(operator.contains("h_finance_plan(\"(hidden)\")"), operator);
    assertTrue(operator.contains("h_finance_plan --> p_finance_plan"), operator);
    assertTrue(operator.contains("s_finance_books_LEDGER --> p_finance_plan"), operator);
    assertTrue(operator.contains("s_sales_erp_ORDERS --> p_sales_orders"), operator);
    assertFalse(operator.contains("p_sales_orders --> "), operator);

    // ann: the same products, no source tables at all.
    String ann = mesh.catalog().lineage(ANN, "finance.summary", "dot");
    assertEquals("""
        digraph lineage {
          rankdir=LR;
          p_finance_summary [label="finance.summary", shape=box];
          p_finance_plan [label="finance.plan", shape=box];
          h_finance_plan [label="(hidden)", shape=box, style=dashed];
          p_finance_plan -> p_finance_summary;
          h_finance_plan -> p_finance_plan;
        }
        """, ann);
    // mia: the draft, and what it reads, since she is a member of sales.
    String mia = mesh.catalog().lineage(MIA, "finance.plan", "mermaid");
    assertTrue(mia.contains("p_sales_forecast --> p_finance_plan"), mia);
    assertTrue(mia.contains("p_sales_orders --> p_sales_forecast"), mia);
    assertTrue(mia.contains("s_sales_erp_ORDERS --> p_sales_orders"), mia);
    assertFalse(mia.contains("LEDGER"), mia);
    // A product outside the asker's catalog is as unknown as one that does not exist.
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> mesh.catalog().lineage(ANN, "sales.forecast", "dot"));
    assertEquals("no data product sales.forecast in the catalog", e.getMessage());
  }

  // --- usage ------------------------------------------------------------------------------------

  @Test
  void topConsumersOnlyForMembersAndSys() throws SQLException {
    rows(ANN, "SELECT * FROM sales.customers");
    rows(RITA, "SELECT * FROM sales.customers");
    rows(RITA, "SELECT * FROM sales.customers");
    rows(ANN, "SELECT * FROM finance.summary");
    String usage = "SELECT product_name, queries, top_consumers FROM catalog.usage"
        + " WHERE product_name IN ('customers', 'summary') ORDER BY product_name";
    assertEquals(List.of("customers,3,null", "summary,1,null"), rows(ANN, usage));
    assertEquals(List.of("customers,3,rita,ann", "summary,1,null"), rows(MIA, usage));
    assertEquals(List.of("customers,3,null", "summary,1,ann"), rows(FIN, usage));
    assertEquals(List.of("customers,3,rita,ann", "summary,1,ann"), rows(AUDREY, usage));
  }

  // --- through the server -----------------------------------------------------------------------

  @Test
  void throughTheServerAsWell() throws Exception {
    try (MeshServer server = MeshServer.builder(mesh).port(0).start()) {
      Properties props = new Properties();
      props.setProperty("authentication", "BASIC");
      props.setProperty("avatica_user", "rita");
      props.setProperty("avatica_password", "rita-pw");
      try (Connection c = DriverManager.getConnection(server.url(), props)) {
        assertEquals(List.of("customers,emails-present,failed,null", "orders,orders-rows,passed,null"),
            MeshTesting.rows(c, OBSERVED));
        assertEquals(List.of("plan,region,hidden,null,null,null", "plan,target,hidden,null,null,null",
            "plan,total,hidden,null,null,null"), MeshTesting.rows(c, LINEAGE.formatted("plan")));
        MeshTesting.rows(c, "SELECT * FROM sales.orders");
        assertEquals(List.of("null"), MeshTesting.rows(c,
            "SELECT top_consumers FROM catalog.usage WHERE product_name = 'orders'"));
      }
    }
  }
}
