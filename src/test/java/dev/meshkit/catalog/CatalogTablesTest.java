package dev.meshkit.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.MeshTesting;
import dev.meshkit.Principal;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code catalog} schema through JDBC: metadata only, answered for whoever asks. */
class CatalogTablesTest {

  @TempDir
  static Path dir;
  static Mesh mesh;

  static final Principal ANALYST = Principal.of("ana", "analyst");
  static final Principal COMPLIANCE = Principal.of("carl", "analyst", "compliance");
  static final Principal MEMBER = Principal.of("mia", "analyst");
  static final Principal STRANGER = Principal.of("sam");

  static final String PRODUCTS = "SELECT domain_name, product_name, version, status, owner, description, tags,"
      + " sla_freshness, replaced_by, quality_status, last_quality_check, can_read FROM catalog.products"
      + " ORDER BY domain_name, product_name";

  @BeforeAll
  static void setUp() throws Exception {
    String url = MeshTesting.h2("catalog_tables",
        "CREATE TABLE orders(id INT PRIMARY KEY, email VARCHAR(40), amount INT NOT NULL)",
        "INSERT INTO orders VALUES (1, 'a@x.example', 10)");
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    mesh = Mesh.fromYaml(MeshTesting.write(dir.resolve("mesh.yaml"), """
        name: acme
        domains:
          - name: sales
            owner: sales@acme.example
            description: Orders and customers
            members: {users: [mia]}
            sources:
              - {name: erp, type: jdbc, url: "%s", user: sa}
            products:
              - name: orders
                version: 2.0.0
                description: One row per order
                tags: [finance, orders]
                sla: {freshness: 24h}
                sql: SELECT * FROM erp.orders
                columns:
                  - {name: id, description: Order key, classification: internal}
                  - {name: email, description: Buyer, classification: confidential, tags: [pii, contact]}
              - {name: orders_v1, version: 1.4.0, status: deprecated, sql: "SELECT id, amount FROM erp.orders",
                 deprecation: {replacedBy: sales.orders, sunset: 2027-06-30}}
              - {name: orders_next, version: 3.0.0-rc.1, status: draft, sql: "SELECT id FROM erp.orders"}
              - {name: margins, discoverable: false, sql: "SELECT id, amount FROM erp.orders"}
          - name: hr
            owner: hr@acme.example
            sources:
              - {name: staff, type: jdbc, url: "jdbc:h2:tcp://127.0.0.1:%d/nowhere", user: sa}
            products:
              - name: people
                owner: people-team@acme.example
                sql: SELECT * FROM staff.people
                columns:
                  - {name: person_id, description: Who}
                  - {name: salary, classification: restricted, tags: [pii]}
        policies:
          - {name: analysts-read-orders, grant: {products: ["sales.orders", "sales.orders_v1", "sales.orders_next"], roles: [analyst]}}
          - {name: compliance-reads-margins, grant: {products: ["sales.margins"], roles: [compliance]}}
          - {name: hr-readers, grant: {products: ["hr.*"], roles: [compliance]}}
          - {name: pii-hashed, mask: {tags: [pii], roles: [analyst], exceptRoles: [compliance], with: hash}}
        masking: {hashKey: "a-test-key-of-at-least-32-bytes-for-hash"}
        """.formatted(url, closedPort)));
  }

  @AfterAll
  static void tearDown() {
    mesh.close();
  }

  @Test
  void productsShowMetadataAndWhatTheAskerMayRead() throws Exception {
    try (Connection c = mesh.connect(ANALYST)) {
      assertEquals(List.of(
          "hr,people,null,active,people-team@acme.example,null,null,null,null,unknown,null,false",
          "sales,orders,2.0.0,active,sales@acme.example,One row per order,finance,orders,1d,null,unknown,null,true",
          "sales,orders_v1,1.4.0,deprecated,sales@acme.example,null,null,null,sales.orders,unknown,null,true"),
          MeshTesting.rows(c, PRODUCTS));
    }
  }

  @Test
  void unreleasedAndUndiscoverableProductsAppearOnlyForTheirReaders() throws Exception {
    String names = "SELECT product_name FROM catalog.products ORDER BY product_name";
    try (Connection c = mesh.connect(MEMBER)) {
      assertEquals(List.of("orders", "orders_next", "orders_v1", "people"), MeshTesting.rows(c, names));
    }
    try (Connection c = mesh.connect(COMPLIANCE)) {
      // Not a member: the draft stays invisible although a policy grants it.
      assertEquals(List.of("margins", "orders", "orders_v1", "people"), MeshTesting.rows(c, names));
    }
    try (Connection c = mesh.connect(STRANGER)) {
      assertEquals(List.of("orders", "orders_v1", "people"), MeshTesting.rows(c, names));
      assertEquals(List.of("false", "false", "false"), MeshTesting.rows(c, "SELECT can_read FROM catalog.products"));
    }
  }

  @Test
  void domainsCountTheProductsInTheAskersCatalog() throws Exception {
    String sql = "SELECT domain_name, owner, description, product_count FROM catalog.domains ORDER BY domain_name";
    try (Connection c = mesh.connect(STRANGER)) {
      assertEquals(List.of("hr,hr@acme.example,null,1", "sales,sales@acme.example,Orders and customers,2"),
          MeshTesting.rows(c, sql));
    }
    try (Connection c = mesh.connect(MEMBER)) {
      assertEquals(List.of("hr,hr@acme.example,null,1", "sales,sales@acme.example,Orders and customers,3"),
          MeshTesting.rows(c, sql));
    }
  }

  @Test
  void columnsCarryTheirContractAndMasks() throws Exception {
    String sql = "SELECT column_name, ordinal_position, data_type, nullable, description, classification, tags, masked_for_me"
        + " FROM catalog.columns WHERE domain_name = 'sales' AND product_name = 'orders' ORDER BY ordinal_position";
    try (Connection c = mesh.connect(ANALYST)) {
      assertEquals(List.of(
          "id,1,INTEGER,false,Order key,internal,null,false",
          "email,2,VARCHAR(40),true,Buyer,confidential,pii,contact,true",
          "amount,3,INTEGER,false,null,null,null,false"), MeshTesting.rows(c, sql));
    }
    try (Connection c = mesh.connect(STRANGER)) {
      // Masks mean nothing to someone who cannot read the product.
      assertEquals(List.of("null", "null", "null"),
          MeshTesting.rows(c, "SELECT masked_for_me FROM catalog.columns WHERE product_name = 'orders'"));
    }
  }

  @Test
  void aProductWhoseSourceIsDownListsItsDeclaredColumns() throws Exception {
    String sql = "SELECT column_name, ordinal_position, data_type, nullable, classification, masked_for_me FROM catalog.columns"
        + " WHERE domain_name = 'hr' ORDER BY ordinal_position";
    try (Connection c = mesh.connect(COMPLIANCE)) {
      assertEquals(List.of("person_id,1,null,null,null,false", "salary,2,null,null,restricted,false"),
          MeshTesting.rows(c, sql));
    }
  }

  @Test
  void theSameStatementAnswersForEachPrincipalThatRunsIt() throws Exception {
    String sql = "SELECT product_name, can_read FROM catalog.products WHERE domain_name = 'sales'"
        + " ORDER BY product_name";
    String masked = "SELECT masked_for_me FROM catalog.columns WHERE product_name = 'orders' AND column_name = 'email'";
    Principal otherAnalyst = Principal.of("al", "analyst");
    for (int round = 0; round < 2; round++) {
      try (Connection analyst = mesh.connect(ANALYST); Connection compliance = mesh.connect(COMPLIANCE);
          Connection stranger = mesh.connect(STRANGER); Connection other = mesh.connect(otherAnalyst)) {
        assertEquals(List.of("orders,true", "orders_v1,true"), MeshTesting.rows(analyst, sql));
        assertEquals(List.of("margins,true", "orders,true", "orders_v1,true"), MeshTesting.rows(compliance, sql));
        assertEquals(List.of("orders,false", "orders_v1,false"), MeshTesting.rows(stranger, sql));
        assertEquals(List.of("orders,true", "orders_v1,true"), MeshTesting.rows(other, sql));
        assertEquals(List.of("true"), MeshTesting.rows(analyst, masked));
        assertEquals(List.of("false"), MeshTesting.rows(compliance, masked));
        assertEquals(List.of("null"), MeshTesting.rows(stranger, masked));
      }
    }
    // Both analysts share one plan; its scan still answered for each of them.
    assertTrue(mesh.planCacheStats().hits() > 0);
  }

  @Test
  void everyoneSeesTheCatalogSchemaAndCannotWriteIt() throws Exception {
    for (Principal p : List.of(ANALYST, STRANGER)) {
      try (Connection c = mesh.connect(p)) {
        List<String> schemas = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getSchemas()) {
          while (rs.next()) {
            schemas.add(rs.getString("TABLE_SCHEM"));
          }
        }
        assertTrue(schemas.contains("catalog"), schemas.toString());
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(null, "catalog", "%", null)) {
          while (rs.next()) {
            tables.add(rs.getString("TABLE_NAME"));
          }
        }
        assertTrue(tables.containsAll(List.of("domains", "products", "columns")), tables.toString());
        assertThrows(SQLException.class, () -> MeshTesting.rows(c, "DELETE FROM catalog.products"));
      }
    }
  }
}
