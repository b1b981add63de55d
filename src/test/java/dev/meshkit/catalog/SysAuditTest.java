package dev.meshkit.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.MeshException;
import dev.meshkit.MeshTesting;
import dev.meshkit.Principal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code sys.audit} exists only for principals granted {@code sys.*}, and shows every statement. */
class SysAuditTest {

  static Mesh mesh;

  @BeforeAll
  static void setUp() throws Exception {
    String url = MeshTesting.h2("sys_audit",
        "CREATE TABLE orders(id INT PRIMARY KEY, region VARCHAR(2))",
        "INSERT INTO orders VALUES (1, 'EU'), (2, 'US')");
    mesh = Mesh.builder().name("acme")
        .domain("sales", d -> d.jdbcSource("erp", url, "sa", "").product("orders", "SELECT * FROM erp.orders"))
        .policy("analysts-read-sales", "grant", Map.of("products", List.of("sales.*"), "roles", List.of("analyst")))
        .policy("auditors-read-sys", "grant", Map.of("products", List.of("sys.*"), "roles", List.of("auditor")))
        .policy("eu-only", "rowFilter", Map.of("products", List.of("sales.orders"), "where", "region = :region"))
        .build();
  }

  @AfterAll
  static void tearDown() {
    mesh.close();
  }

  @Test
  void auditorsSeeEveryStatementOthersDoNotSeeTheTable() throws Exception {
    Principal ann = Principal.builder("ann").role("analyst").attribute("region", "EU").build();
    try (Connection c = mesh.connect(ann); ResultSet rs = c.createStatement().executeQuery("SELECT id FROM sales.orders")) {
      assertTrue(rs.next());
      assertEquals(1, rs.getInt(1));
      assertTrue(!rs.next());
    }
    try (Connection c = mesh.connect(ann)) {
      SQLException e = assertThrows(SQLException.class, () -> c.createStatement().executeQuery("SELECT * FROM sys.audit"));
      assertTrue(e.getMessage().contains("sys"), e.getMessage());
      assertFalse(hasSchema(c, "sys"), "sys is not even listed");
    }
    Principal ivy = Principal.of("ivy", "auditor");
    try (Connection c = mesh.connect(ivy); ResultSet rs = c.createStatement().executeQuery(
        "SELECT principal, decision, deciding_policy, products, row_filters, rows_returned, sql_text FROM sys.audit "
            + "WHERE principal = 'ann' AND sql_text = 'SELECT id FROM sales.orders'")) {
      assertTrue(rs.next(), "ann's query is audited");
      assertEquals("ALLOWED", rs.getString("decision"));
      assertEquals("analysts-read-sales", rs.getString("deciding_policy"));
      assertEquals("sales.orders", rs.getString("products"));
      assertEquals("eu-only", rs.getString("row_filters"));
      assertEquals(1, rs.getLong("rows_returned"));
    }
    dev.meshkit.AuditEvent last = mesh.auditEvents().stream()
        .filter(e -> e.sql().equals("SELECT id FROM sales.orders")).findFirst().orElseThrow();
    assertEquals(List.of("id"), last.products().get(0).columns(), "only the column the statement uses");
  }

  @Test
  void aDomainCannotBeNamedSys() throws Exception {
    MeshException e = assertThrows(MeshException.class, () -> Mesh.builder().name("x")
        .domain("sys", d -> d.jdbcSource("erp", "jdbc:h2:mem:unused", "sa", "").product("p", "SELECT 1 AS one"))
        .build());
    assertTrue(e.getMessage().contains("domain name 'sys' is reserved"), e.getMessage());
  }

  private static boolean hasSchema(Connection c, String name) throws SQLException {
    try (ResultSet rs = c.getMetaData().getSchemas()) {
      while (rs.next()) {
        if (rs.getString("TABLE_SCHEM").equalsIgnoreCase(name)) {
          return true;
        }
      }
    }
    return false;
  }
}
