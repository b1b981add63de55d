package dev.meshkit.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshkit.Mesh;
import dev.meshkit.MeshTesting;
import dev.meshkit.Principal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Statements are planned once per text and reused by re-executions and other connections. */
class PlanCacheTest {

  static Mesh mesh;

  @BeforeAll
  static void setUp() throws Exception {
    String url = MeshTesting.h2("plan_cache",
        "CREATE TABLE orders(id INT PRIMARY KEY, amount DECIMAL(10,2))",
        "INSERT INTO orders VALUES (1, 5.00), (2, 50.00), (3, 500.00)");
    mesh = Mesh.builder().grant("everyone-reads-everything", "*").name("acme")
        .domain("sales", d -> d.jdbcSource("erp", url, "sa", "").product("orders", "SELECT * FROM erp.orders"))
        .build();
  }

  @AfterAll
  static void tearDown() {
    mesh.close();
  }

  @Test
  void preparedStatementReExecutedWithNewValuesIsNotPlannedAgain() throws Exception {
    String sql = "SELECT id FROM sales.orders WHERE amount > ? ORDER BY id";
    Mesh.PlanCacheStats before = mesh.planCacheStats();
    try (Connection c = mesh.connect(Principal.of("ann")); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setBigDecimal(1, new java.math.BigDecimal("10"));
      assertEquals(List.of(2, 3), ids(ps));
      ps.setBigDecimal(1, new java.math.BigDecimal("100"));
      assertEquals(List.of(3), ids(ps));
    }
    Mesh.PlanCacheStats after = mesh.planCacheStats();
    assertEquals(1, after.misses() - before.misses(), "planned once");
  }

  @Test
  void sameTextFromAnotherConnectionReusesThePlanAndAnswersCorrectly() throws Exception {
    String sql = "SELECT COUNT(*) FROM sales.orders WHERE amount >= 50";
    Mesh.PlanCacheStats before = mesh.planCacheStats();
    for (int i = 0; i < 3; i++) {
      try (Connection c = mesh.connect(Principal.of("user" + i));
          ResultSet rs = c.createStatement().executeQuery(sql)) {
        rs.next();
        assertEquals(2, rs.getInt(1));
      }
    }
    Mesh.PlanCacheStats after = mesh.planCacheStats();
    assertEquals(1, after.misses() - before.misses(), "planned by the first connection only");
    assertEquals(2, after.hits() - before.hits(), "reused by the other two");
  }

  @Test
  void differentTextIsPlannedSeparately() throws Exception {
    Mesh.PlanCacheStats before = mesh.planCacheStats();
    try (Connection c = mesh.connect(Principal.of("ann"))) {
      c.createStatement().executeQuery("SELECT id FROM sales.orders WHERE id = 1").close();
      c.createStatement().executeQuery("SELECT id FROM sales.orders WHERE id = 2").close();
    }
    assertEquals(2, mesh.planCacheStats().misses() - before.misses());
  }

  private static List<Integer> ids(PreparedStatement ps) throws Exception {
    List<Integer> ids = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getInt(1));
      }
    }
    return ids;
  }
}
