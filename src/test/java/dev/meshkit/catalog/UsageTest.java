package dev.meshkit.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.AuditEvent;
import dev.meshkit.Mesh;
import dev.meshkit.MeshTesting;
import dev.meshkit.Principal;
import dev.meshkit.governance.UsageStats;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code catalog.usage}: counts from audit events, shown for the products the asker sees. */
class UsageTest {

  static final Principal ANA = Principal.of("ana", "analyst");
  static final Principal BOB = Principal.of("bob", "analyst");
  static final Principal CARL = Principal.of("carl", "compliance");
  static final Principal SAM = Principal.of("sam");

  static final String USAGE = "SELECT product_name, queries, distinct_principals, rows_served, top_consumers"
      + " FROM catalog.usage ORDER BY product_name";

  @TempDir
  Path dir;

  private Mesh mesh(String db) throws SQLException {
    String url = MeshTesting.h2(db,
        "CREATE TABLE orders(id INT PRIMARY KEY, customer INT, amount INT)",
        "INSERT INTO orders VALUES (1, 1, 10), (2, 1, 20), (3, 2, 30)",
        "CREATE TABLE customers(id INT PRIMARY KEY, name VARCHAR(20))",
        "INSERT INTO customers VALUES (1, 'Acme'), (2, 'Initech')");
    return Mesh.fromYaml(MeshTesting.write(dir.resolve("mesh.yaml"), """
        name: acme
        domains:
          - name: sales
            owner: sales@acme.example
            members: {roles: [compliance]}
            sources:
              - {name: erp, type: jdbc, url: "%s", user: sa}
            products:
              - {name: orders, sql: SELECT * FROM erp.orders}
              - {name: customers, sql: SELECT * FROM erp.customers}
              - {name: margins, discoverable: false, sql: "SELECT id, amount FROM erp.orders"}
        policies:
          - {name: analysts-read-sales, grant: {products: ["sales.orders", "sales.customers"], roles: [analyst]}}
          - {name: compliance-reads-margins, grant: {products: ["sales.margins"], roles: [compliance]}}
        """.formatted(url)));
  }

  @Test
  void countsQueriesPrincipalsRowsAndConsumers() throws Exception {
    try (Mesh mesh = mesh("usage_counts")) {
      Instant before = Instant.now().minusMillis(1);
      try (Connection c = mesh.connect(ANA)) {
        MeshTesting.rows(c, "SELECT * FROM sales.orders");
        MeshTesting.rows(c, "SELECT * FROM sales.orders");
        // A join: its two rows count for both products.
        MeshTesting.rows(c, "SELECT o.id FROM sales.orders o JOIN sales.customers c ON o.customer = c.id"
            + " WHERE c.name = 'Acme'");
      }
      try (Connection c = mesh.connect(BOB)) {
        MeshTesting.rows(c, "SELECT id FROM sales.orders WHERE id = 3");
      }
      try (Connection c = mesh.connect(SAM)) {
        assertThrows(SQLException.class, () -> MeshTesting.rows(c, "SELECT * FROM sales.orders"));
      }
      try (Connection c = mesh.connect(CARL)) {
        MeshTesting.rows(c, "SELECT * FROM sales.margins");
      }
      Instant after = Instant.now().plusMillis(1);

      try (Connection c = mesh.connect(ANA)) {
        // The denied statement does not count; margins is not in ana's catalog; who used them is not ana's to see.
        assertEquals(List.of("customers,1,1,2,null", "orders,4,2,9,null"), MeshTesting.rows(c, USAGE));
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT last_used FROM catalog.usage WHERE product_name = 'orders'")) {
          assertTrue(rs.next());
          Instant last = rs.getTimestamp(1, Calendar.getInstance(TimeZone.getTimeZone("UTC"))).toInstant();
          assertFalse(last.isBefore(before) || last.isAfter(after), last + " not in [" + before + ", " + after + "]");
        }
      }
      // carl is a member of sales, so he sees its consumers.
      try (Connection c = mesh.connect(CARL)) {
        assertEquals(List.of("customers,1,1,2,ana", "margins,1,1,3,carl", "orders,4,2,9,ana,bob"),
            MeshTesting.rows(c, USAGE));
      }
    }
  }

  @Test
  void unusedProductsShowZeros() throws Exception {
    try (Mesh mesh = mesh("usage_unused"); Connection c = mesh.connect(SAM)) {
      assertEquals(List.of("customers,0,0,0,null,null", "orders,0,0,0,null,null"), MeshTesting.rows(c,
          "SELECT product_name, queries, distinct_principals, rows_served, last_used, top_consumers"
              + " FROM catalog.usage ORDER BY product_name"));
    }
  }

  @Test
  void topConsumersAreTheFiveMostFrequentAndTotalsOutliveTheAuditRing() {
    UsageStats stats = new UsageStats();
    Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
    String[] principals = {"f", "e", "d", "c", "b", "a"};
    int n = 0;
    for (int i = 0; i < principals.length; i++) {
      for (int k = 0; k <= i; k++) {
        stats.record(event(principals[i], t0.plusSeconds(n++), AuditEvent.Decision.ALLOWED));
      }
    }
    for (int i = 0; i < 20_000; i++) {
      stats.record(event("f", t0, AuditEvent.Decision.ALLOWED));
    }
    stats.record(event("zed", t0.plusSeconds(1_000), AuditEvent.Decision.DENIED));

    UsageStats.Usage usage = stats.of("sales.orders");
    assertEquals(21 + 20_000, usage.queries());
    assertEquals(6, usage.distinctPrincipals());
    assertEquals(2 * (21 + 20_000), usage.rowsServed());
    assertEquals(t0.plusSeconds(20), usage.lastUsed());
    assertEquals(List.of("f", "a", "b", "c", "d"), usage.topConsumers());
    assertEquals(UsageStats.Usage.NONE, stats.of("sales.nothing"));
  }

  private static AuditEvent event(String principal, Instant time, AuditEvent.Decision decision) {
    AuditEvent.Builder b = AuditEvent.builder().time(time).principal(principal).sql("SELECT 1")
        .decision(decision).duration(Duration.ZERO).rowsReturned(2)
        .product(new AuditEvent.ProductAccess("sales.orders", List.of(), List.of(), Map.of()));
    return decision == AuditEvent.Decision.DENIED ? b.error("denied").build() : b.build();
  }
}
