package dev.meshkit.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.meshkit.CatalogHit;
import dev.meshkit.Mesh;
import dev.meshkit.MeshTesting;
import dev.meshkit.Principal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Catalog search, from Java and as {@code catalog.search_products}, ranked best first. */
class SearchTest {

  @TempDir
  static Path dir;
  static Mesh mesh;

  static final Principal ANALYST = Principal.of("ana", "analyst");
  static final Principal COMPLIANCE = Principal.of("carl", "compliance");
  static final Principal STRANGER = Principal.of("sam");

  @BeforeAll
  static void setUp() throws Exception {
    String url = MeshTesting.h2("catalog_search",
        "CREATE TABLE customers(id INT PRIMARY KEY, churned BOOLEAN, segment VARCHAR(10))",
        "CREATE TABLE orders(id INT PRIMARY KEY, customer_id INT, amount INT)");
    mesh = Mesh.fromYaml(MeshTesting.write(dir.resolve("mesh.yaml"), """
        name: acme
        domains:
          - name: crm
            owner: crm@acme.example
            sources:
              - {name: db, type: jdbc, url: "%s", user: sa}
            products:
              - name: customer_churn
                description: {purpose: Which customers left, usage: Retention dashboards}
                tags: [retention]
                sql: SELECT * FROM db.customers
                columns:
                  - {name: churned, description: True when the customer cancelled}
              - name: customers
                description: Every customer we have
                sql: SELECT id, segment FROM db.customers
              - name: churn_model
                discoverable: false
                description: Scores for churn prediction
                sql: SELECT id, churned FROM db.customers
              - {name: churn_next, status: draft, sql: "SELECT id FROM db.customers"}
          - name: sales
            owner: sales@acme.example
            sources:
              - {name: db, type: jdbc, url: "%s", user: sa}
            products:
              - name: orders
                description: One row per order
                tags: [finance]
                sql: SELECT * FROM db.orders
                columns:
                  - {name: customer_id, description: The buying customer}
        policies:
          - {name: analysts-read, grant: {products: ["crm.customer_churn", "crm.customers", "sales.*"], roles: [analyst]}}
          - {name: compliance-reads-model, grant: {products: ["crm.churn_model"], roles: [compliance]}}
        """.formatted(url, url)));
  }

  @AfterAll
  static void tearDown() {
    mesh.close();
  }

  @Test
  void javaApiRanksDiscoverableProductsBestFirst() {
    List<CatalogHit> hits = mesh.catalog().search("Customer churn");
    assertEquals(List.of("crm.customer_churn", "crm.customers", "sales.orders"),
        hits.stream().map(CatalogHit::product).toList());
    // name: customer 3 + churn 3; column names: churned prefix 0.75; column description: customer 0.5;
    // description: customers prefix 0.5.
    assertEquals(3 + 3 + 0.75 + 0.5 + 0.5, hits.get(0).score(), 1e-9);
    assertEquals("Which customers left", hits.get(0).description());
    // customers: name prefix 1.5, description 1.
    assertEquals(2.5, hits.get(1).score(), 1e-9);
    // orders: column name customer_id 1.5, column description 0.5.
    assertEquals(2.0, hits.get(2).score(), 1e-9);
  }

  @Test
  void nothingMatchesNoWordsOrUnknownWords() {
    assertEquals(List.of(), mesh.catalog().search("  -- "));
    assertEquals(List.of(), mesh.catalog().search("inventory"));
    assertThrows(NullPointerException.class, () -> mesh.catalog().search(null));
  }

  @Test
  void tagsCountAndTiesGoByName() {
    List<CatalogHit> hits = mesh.catalog().search("retention finance");
    // customer_churn: tag 2 + usage 1; orders: tag 2.
    assertEquals(List.of("crm.customer_churn,3.0", "sales.orders,2.0"),
        hits.stream().map(h -> h.product() + "," + h.score()).toList());
    // "row" scores 1 in the orders description, "we" 1 in the customers one: a tie, broken by name.
    assertEquals(List.of("crm.customers,1.0", "sales.orders,1.0"),
        mesh.catalog().search("row we").stream().map(h -> h.product() + "," + h.score()).toList());
  }

  @Test
  void sqlFunctionAnswersForTheAsker() throws Exception {
    String sql = "SELECT product_name, score, description FROM TABLE(catalog.search_products('churn'))";
    try (Connection c = mesh.connect(ANALYST)) {
      assertEquals(List.of("crm.customer_churn,3.75,Which customers left"), MeshTesting.rows(c, sql));
    }
    try (Connection c = mesh.connect(COMPLIANCE)) {
      // The undiscoverable model shows for its reader.
      // Name 3 + description 1 beats name 3 + column name prefix 0.75.
      assertEquals(List.of("crm.churn_model,4.0,Scores for churn prediction",
          "crm.customer_churn,3.75,Which customers left"), MeshTesting.rows(c, sql));
    }
    try (Connection c = mesh.connect(STRANGER)) {
      assertEquals(List.of("crm.customer_churn"),
          MeshTesting.rows(c, "SELECT product_name FROM TABLE(catalog.search_products('churn'))"));
    }
  }

  @Test
  void sqlFunctionTakesParameters() throws Exception {
    try (Connection c = mesh.connect(ANALYST);
        PreparedStatement s = c.prepareStatement("SELECT * FROM TABLE(catalog.search_products(?)) WHERE score > 2")) {
      s.setString(1, "customer");
      assertEquals(List.of("crm.customer_churn,4.0,Which customers left", "crm.customers,2.5,Every customer we have"),
          MeshTesting.rows(s.executeQuery()));
      s.setString(1, "order");
      assertEquals(List.of("sales.orders,2.5,One row per order"), MeshTesting.rows(s.executeQuery()));
    }
  }
}
