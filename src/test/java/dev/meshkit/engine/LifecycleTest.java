package dev.meshkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.AuditEvent;
import dev.meshkit.Mesh;
import dev.meshkit.MeshTesting;
import dev.meshkit.Principal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Product status through the JDBC API: unreleased products are invisible to outsiders, old ones warn or refuse. */
class LifecycleTest {

  @TempDir
  static Path dir;
  static Mesh mesh;

  static final Principal MEMBER = Principal.of("mia", "analyst");
  static final Principal ROLE_MEMBER = Principal.of("rob", "analyst", "sales-dev");
  static final Principal OUTSIDER = Principal.of("otto", "analyst");
  static final Principal MEMBER_WITHOUT_GRANT = Principal.of("nina");

  @BeforeAll
  static void setUp() throws Exception {
    String url = MeshTesting.h2("lifecycle",
        "CREATE TABLE orders(id INT PRIMARY KEY, amount INT)",
        "INSERT INTO orders VALUES (1, 10), (2, 20)");
    mesh = Mesh.fromYaml(MeshTesting.write(dir.resolve("mesh.yaml"), """
        name: acme
        domains:
          - name: sales
            owner: sales@acme.example
            members: {users: [mia, nina], roles: [sales-dev]}
            sources:
              - {name: erp, type: jdbc, url: "%s", user: sa}
            products:
              - {name: orders_v1, status: retired, sql: "SELECT * FROM erp.orders",
                 deprecation: {replacedBy: sales.orders_v3, sunset: 2026-01-31}}
              - {name: orders_v2, status: deprecated, sql: "SELECT * FROM erp.orders",
                 deprecation: {replacedBy: sales.orders_v3, sunset: 2027-06-30, note: "amounts move to cents"}}
              - {name: orders_v3, version: 3.0.0, sql: "SELECT * FROM erp.orders"}
              - {name: orders_v4, version: 4.0.0-rc.1, status: draft, sql: "SELECT * FROM erp.orders"}
              - {name: forecast, status: proposed, sql: "SELECT id FROM erp.orders"}
          - name: finance
            owner: finance@acme.example
            sources:
              - {name: erp, type: jdbc, url: "%s", user: sa}
            products:
              - {name: budget, status: draft, sql: "SELECT amount FROM erp.orders"}
        policies:
          - name: analysts-read-all
            grant: {products: ["*"], roles: [analyst]}
        """.formatted(url, url)));
  }

  @AfterAll
  static void tearDown() {
    mesh.close();
  }

  @Test
  void activeProductsAreNormal() throws Exception {
    try (Connection c = mesh.connect(OUTSIDER); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sales.orders_v3")) {
      assertEquals(List.of("2"), MeshTesting.rows(rs));
      assertNull(s.getWarnings());
    }
  }

  @Test
  void unreleasedProductsAreReadByMembersWithAGrant() throws Exception {
    for (Principal p : List.of(MEMBER, ROLE_MEMBER)) {
      try (Connection c = mesh.connect(p)) {
        assertEquals(List.of("2"), MeshTesting.rows(c, "SELECT COUNT(*) FROM sales.orders_v4"));
        assertEquals(List.of("1", "2"), MeshTesting.rows(c, "SELECT id FROM sales.forecast ORDER BY id"));
        assertTrue(tables(c, "sales").containsAll(List.of("orders_v4", "forecast")), tables(c, "sales").toString());
      }
    }
  }

  @Test
  void unreleasedProductsDoNotExistForAnyoneElse() throws Exception {
    for (Principal p : List.of(OUTSIDER, MEMBER_WITHOUT_GRANT)) {
      try (Connection c = mesh.connect(p)) {
        SQLException unknown = assertThrows(SQLException.class,
            () -> MeshTesting.rows(c, "SELECT COUNT(*) FROM sales.orders_v9"));
        SQLException draft = assertThrows(SQLException.class,
            () -> MeshTesting.rows(c, "SELECT COUNT(*) FROM sales.orders_v4"));
        assertEquals(unknown.getSQLState(), draft.getSQLState());
        assertEquals("42000", draft.getSQLState());
        assertEquals(unknown.getMessage().replace("orders_v9", "orders_v4"), draft.getMessage(),
            "the same error as for an unknown product");
        assertThrows(SQLException.class, () -> c.prepareStatement("SELECT * FROM sales.forecast"));
        List<String> listed = tables(c, "sales");
        assertFalse(listed.stream().anyMatch(t -> t.equalsIgnoreCase("orders_v4") || t.equalsIgnoreCase("forecast")),
            listed.toString());
        // A domain whose only products are unreleased is not listed either.
        assertFalse(schemas(c).stream().anyMatch(s -> s.equalsIgnoreCase("finance")), schemas(c).toString());
      }
    }
    try (Connection c = mesh.connect(MEMBER)) {
      // Membership is per domain: mia belongs to sales, not finance.
      assertThrows(SQLException.class, () -> MeshTesting.rows(c, "SELECT * FROM finance.budget"));
    }
  }

  @Test
  void anOutsidersPlanIsNotSharedWithAMember() throws Exception {
    try (Connection c = mesh.connect(MEMBER)) {
      assertEquals(List.of("2"), MeshTesting.rows(c, "SELECT COUNT(*) FROM sales.orders_v4 WHERE id > 0"));
    }
    try (Connection c = mesh.connect(OUTSIDER)) {
      assertThrows(SQLException.class, () -> MeshTesting.rows(c, "SELECT COUNT(*) FROM sales.orders_v4 WHERE id > 0"));
    }
  }

  @Test
  void deprecatedProductsWarnOnEveryStatement() throws Exception {
    String sql = "SELECT id FROM sales.orders_v2 WHERE amount > 15";
    try (Connection c = mesh.connect(OUTSIDER); Statement s = c.createStatement()) {
      assertEquals(List.of("2"), MeshTesting.rows(s.executeQuery(sql)));
      SQLWarning warning = s.getWarnings();
      assertTrue(warning != null, "a deprecated product warns");
      assertEquals("01000", warning.getSQLState());
      assertTrue(warning.getMessage().contains("sales.orders_v2") && warning.getMessage().contains("sales.orders_v3")
          && warning.getMessage().contains("2027-06-30"), warning.getMessage());
      assertNull(warning.getNextWarning());
      s.clearWarnings();
      assertNull(s.getWarnings());
      s.executeQuery("SELECT * FROM sales.orders_v3").close();
      assertNull(s.getWarnings(), "warnings belong to the last execution");
      assertTrue(s.execute(sql));
      s.getResultSet().close();
      assertTrue(s.getWarnings() != null, "execute() warns too, and a cached plan still warns");
      try (PreparedStatement p = c.prepareStatement("SELECT * FROM sales.orders_v2 a JOIN sales.orders_v3 b ON a.id = b.id")) {
        p.executeQuery().close();
        assertTrue(p.getWarnings().getMessage().contains("sales.orders_v2"));
        assertNull(p.getWarnings().getNextWarning(), "one warning per deprecated product");
      }
    }
    AuditEvent event = mesh.auditEvents().stream().filter(e -> e.sql().equals(sql)).findFirst().orElseThrow();
    assertEquals(1, event.warnings().size());
    assertTrue(event.warnings().get(0).contains("sales.orders_v3"), event.warnings().toString());
  }

  @Test
  void retiredProductsRefuseAndNameTheirReplacement() throws Exception {
    try (Connection c = mesh.connect(OUTSIDER)) {
      SQLException e = assertThrows(SQLException.class, () -> MeshTesting.rows(c, "SELECT * FROM sales.orders_v1"));
      assertEquals("42000", e.getSQLState());
      assertTrue(e.getMessage().contains("retired") && e.getMessage().contains("sales.orders_v3"), e.getMessage());
      assertFalse(tables(c, "sales").stream().anyMatch(t -> t.equalsIgnoreCase("orders_v1")));
      assertTrue(tables(c, "sales").stream().anyMatch(t -> t.equalsIgnoreCase("orders_v2")), "deprecated is listed");
    }
  }

  private static List<String> tables(Connection c, String schema) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rs = c.getMetaData().getTables(null, schema, "%", null)) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_NAME"));
      }
    }
    return names;
  }

  private static List<String> schemas(Connection c) throws SQLException {
    List<String> names = new ArrayList<>();
    try (ResultSet rs = c.getMetaData().getSchemas()) {
      while (rs.next()) {
        names.add(rs.getString("TABLE_SCHEM"));
      }
    }
    return names;
  }
}
