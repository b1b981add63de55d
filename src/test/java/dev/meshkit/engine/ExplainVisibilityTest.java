package dev.meshkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.MeshTesting;
import dev.meshkit.PasswordHasher;
import dev.meshkit.Principal;
import dev.meshkit.server.MeshServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * EXPLAIN shows a product's insides (its SQL, its sources, the statements they receive, row
 * filters, masks, columns it does not publish) only to principals who may see them: its domain's
 * members and those a grant with {@code explain: true} covers. Everyone else sees their own
 * operators over each product as an opaque scan, whatever the format, depth, statement kind or
 * plan cache state, embedded or through the server.
 */
class ExplainVisibilityTest {

  @TempDir
  static Path dir;
  static Mesh mesh;

  /** Analysts in region EU: the same policies apply to all three. */
  static final Principal ANN = analyst("ann").build();
  static final Principal MIA = analyst("mia").build();
  static final Principal ANNA = analyst("anna").build();
  /** Granted sales with explain: true. */
  static final Principal PAT = analyst("pat").role("platform").build();
  /** A member of finance, whose product reads sales products. */
  static final Principal FIN = analyst("fin").build();

  /** What lies inside the sales products; a consumer's EXPLAIN holds none of it. */
  static final List<String> INSIDES = List.of("Source statements", "erp", "ERP", "CUSTOMERS", "ORDERS",
      "INTERNAL", "'EU'", "MASK_HASH", "SECRET", "Jdbc", "ledger", "LEDGER", "region = ");

  private static Principal.Builder analyst(String name) {
    return Principal.builder(name).role("analyst").attribute("region", "EU");
  }

  @BeforeAll
  static void setUp() throws SQLException {
    String sales = MeshTesting.h2("explain_sales",
        "CREATE TABLE customers(id INT PRIMARY KEY, name VARCHAR(20), email VARCHAR(40), region VARCHAR(10))",
        "INSERT INTO customers VALUES (1, 'Alba', 'alba@example.eu', 'EU'), (2, 'Bodo', 'bodo@example.us', 'US'),"
            + " (3, 'Staff', 'staff@acme.example', 'INTERNAL')",
        "CREATE TABLE orders(id INT PRIMARY KEY, customer_id INT, amount INT, secret_margin INT)",
        "INSERT INTO orders VALUES (10, 1, 40, 7), (11, 1, 140, 8), (12, 2, 90, 9)");
    String finance = MeshTesting.h2("explain_finance",
        "CREATE TABLE ledger(region VARCHAR(10), target INT)", "INSERT INTO ledger VALUES ('EU', 100)");
    mesh = Mesh.fromYaml(MeshTesting.write(dir.resolve("mesh.yaml"), """
        name: acme
        masking: {hashKey: "explain-test-key-explain-test-key-0123456789"}
        domains:
          - name: sales
            owner: sales@acme.example
            members: {users: [mia]}
            sources:
              - {name: erp, type: jdbc, url: "%s", user: sa}
            products:
              - name: customers
                sql: SELECT id, name, email, region FROM erp.customers WHERE region <> 'INTERNAL'
                columns:
                  - {name: email, tags: [pii]}
              - {name: orders, sql: "SELECT id, customer_id, amount FROM erp.orders"}
              - {name: big_orders, sql: "SELECT * FROM sales.orders WHERE amount >= 100"}
          - name: finance
            owner: finance@acme.example
            members: {users: [fin]}
            sources:
              - {name: ledger, type: jdbc, url: "%s", user: sa}
            products:
              - name: revenue
                sql: >-
                  SELECT c.region, SUM(o.amount) AS revenue, MAX(l.target) AS target FROM sales.orders o
                  JOIN sales.customers c ON c.id = o.customer_id JOIN ledger.ledger l ON l.region = c.region
                  GROUP BY c.region
        principals:
          - {name: ann, roles: [analyst], attributes: {region: EU}, password: "%s"}
          - {name: mia, roles: [analyst], attributes: {region: EU}, password: "%s"}
        policies:
          - name: analysts-read
            grant: {products: ["*"], roles: [analyst]}
          - name: platform-explains-sales
            grant: {products: ["sales.*"], roles: [platform], explain: true}
          - name: analysts-see-their-region
            rowFilter: {products: ["sales.customers"], roles: [analyst], where: "region = :region"}
          - name: pii-hashed
            mask: {tags: [pii], roles: [analyst], with: hash}
        """.formatted(sales, finance, PasswordHasher.hash("ann-pw".toCharArray()),
        PasswordHasher.hash("mia-pw".toCharArray()))));
  }

  @AfterAll
  static void tearDown() {
    mesh.close();
  }

  static final String JOIN = "SELECT c.name, SUM(o.amount) AS total FROM sales.orders o"
      + " JOIN sales.customers c ON c.id = o.customer_id WHERE o.amount > 50 GROUP BY c.name";

  static String explain(Principal who, String sql) throws SQLException {
    try (Connection c = mesh.connect(who)) {
      return String.join("\n", MeshTesting.rows(c, sql));
    }
  }

  static void assertOpaque(String plan, String... products) {
    for (String inside : INSIDES) {
      assertFalse(plan.contains(inside), "'" + inside + "' in a consumer's plan:\n" + plan);
    }
    for (String product : products) {
      assertTrue(plan.contains("ProductScan(product=[" + product + "])"), plan);
    }
  }

  @Test
  void aConsumerSeesTheirOperatorsOverOpaqueProducts() throws SQLException {
    String plan = explain(ANN, "EXPLAIN PLAN FOR " + JOIN);
    assertOpaque(plan, "sales.orders", "sales.customers");
    // Their own filter, join and aggregate are there.
    assertTrue(plan.contains("50"), plan);
    assertTrue(plan.contains("Join"), plan);
    assertTrue(plan.contains("Aggregate"), plan);
  }

  @Test
  void aMemberSeesTheWholePlanAndTheSourceStatements() throws SQLException {
    String plan = explain(MIA, "EXPLAIN PLAN FOR " + JOIN);
    assertTrue(plan.contains("Source statements:"), plan);
    assertTrue(plan.contains("sales.erp: SELECT"), plan);
    assertTrue(plan.contains("'INTERNAL'"), plan);
    assertTrue(plan.contains("'EU'"), plan);
    assertFalse(plan.contains("ProductScan"), plan);
  }

  @Test
  void anExplainGrantShowsTheWholePlan() throws SQLException {
    String plan = explain(PAT, "EXPLAIN PLAN FOR SELECT email FROM sales.customers");
    assertTrue(plan.contains("Source statements:"), plan);
    assertTrue(plan.contains("MASK_HASH"), plan);
  }

  @Test
  void productsBuiltOnProductsNeedTheRightToSeeInsideEveryOne() throws SQLException {
    // fin is a member of finance, not of sales, whose products finance.revenue reads.
    assertOpaque(explain(FIN, "EXPLAIN PLAN FOR SELECT * FROM finance.revenue"), "finance.revenue");
    // mia sees inside sales but not finance; pat neither.
    assertOpaque(explain(MIA, "EXPLAIN PLAN FOR SELECT * FROM finance.revenue"), "finance.revenue");
    // A sales product built on another: the members see both, consumers neither.
    assertTrue(explain(MIA, "EXPLAIN PLAN FOR SELECT * FROM sales.big_orders").contains("sales.erp: SELECT"));
    assertOpaque(explain(ANN, "EXPLAIN PLAN FOR SELECT * FROM sales.big_orders"), "sales.big_orders");
  }

  @Test
  void everyFormatAndDepthIsOpaqueForAConsumer() throws SQLException {
    for (String explain : List.of("EXPLAIN PLAN AS JSON FOR ", "EXPLAIN PLAN AS XML FOR ", "EXPLAIN PLAN AS DOT FOR ",
        "EXPLAIN PLAN WITHOUT IMPLEMENTATION FOR ", "EXPLAIN PLAN INCLUDING ALL ATTRIBUTES FOR ",
        "EXPLAIN PLAN WITH TYPE FOR ")) {
      String plan = explain(ANN, explain + JOIN);
      for (String inside : INSIDES) {
        assertFalse(plan.contains(inside), explain + ": '" + inside + "' in\n" + plan);
      }
    }
    assertTrue(explain(ANN, "EXPLAIN PLAN WITHOUT IMPLEMENTATION FOR " + JOIN)
        .contains("ProductScan(product=[sales.orders])"));
  }

  @Test
  void thePlanCacheKeepsAMembersPlanFromAConsumerWithTheSamePolicies() throws SQLException {
    String sql = "EXPLAIN PLAN FOR SELECT name FROM sales.customers WHERE id > 0";
    for (int i = 0; i < 2; i++) {
      assertTrue(explain(MIA, sql).contains("Source statements:"));
      assertOpaque(explain(ANNA, sql), "sales.customers");
      // Prepared statements go through the same cache.
      try (Connection c = mesh.connect(ANN); PreparedStatement ps = c.prepareStatement(sql);
          ResultSet rs = ps.executeQuery()) {
        assertOpaque(String.join("\n", MeshTesting.rows(rs)), "sales.customers");
      }
      try (Connection c = mesh.connect(MIA); PreparedStatement ps = c.prepareStatement(sql);
          ResultSet rs = ps.executeQuery()) {
        assertTrue(String.join("\n", MeshTesting.rows(rs)).contains("Source statements:"));
      }
    }
  }

  /**
   * The whole plan is never made for a consumer's EXPLAIN, so not even a planner failure can
   * describe it (COUNT(DISTINCT) outside a source fails to plan today; if it plans, it is opaque).
   */
  @Test
  void aConsumersExplainNeverPlansTheInsides() {
    String shown;
    try {
      shown = explain(ANN, "EXPLAIN PLAN FOR SELECT COUNT(DISTINCT email) FROM sales.customers");
    } catch (SQLException e) {
      shown = e.getMessage();
    }
    assertOpaque(shown);
    // Either the opaque plan, or the planner's one sentence, which describes nothing.
    assertTrue(shown.contains("sales.customers")
        || shown.equals("meshkit cannot plan this statement (SQLState 0A000)"), shown);
  }

  @Test
  void aDeniedProductIsStillDeniedInExplain() throws SQLException {
    SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
        () -> explain(Principal.of("dave"), "EXPLAIN PLAN FOR SELECT * FROM sales.orders"));
    assertEquals("42501", e.getSQLState());
  }

  @Test
  void throughTheServerAsWell() throws Exception {
    try (MeshServer server = MeshServer.builder(mesh).port(0).start()) {
      assertOpaque(remoteExplain(server, "ann", "ann-pw"), "sales.orders", "sales.customers");
      assertTrue(remoteExplain(server, "mia", "mia-pw").contains("Source statements:"));
    }
  }

  private static String remoteExplain(MeshServer server, String user, String password) throws SQLException {
    Properties props = new Properties();
    props.setProperty("authentication", "BASIC");
    props.setProperty("avatica_user", user);
    props.setProperty("avatica_password", password);
    try (Connection c = DriverManager.getConnection(server.url(), props)) {
      return String.join("\n", MeshTesting.rows(c, "EXPLAIN PLAN FOR " + JOIN));
    }
  }
}
