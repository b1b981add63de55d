package dev.meshkit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshkit.AuditEvent;
import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.ObjectName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Prepared statements run again and again over PostgreSQL: a lookup by primary key (a statement of at
 * most one row, which the source runs outside a transaction), and a statement with a DATE parameter
 * bound from the types the planner recorded rather than the driver's parameter metadata. Each
 * answers as PostgreSQL does for every parameter, a streaming scan and a query mixing both kinds on
 * one pooled connection still answer in between, every execution is audited, and the pool has its
 * connection back after each.
 */
@Tag("integration")
class PostgresPointQueryTest {

  private static final String SCHEMA = "meshkit_it_thin_points";
  private static final String POOL = "com.zaxxer.hikari:type=Pool (meshkit-d.pg)";

  @Test
  void repeatedPointQueriesAnswerEveryTimeAndReturnTheirConnection() throws Exception {
    Servers.requirePostgres();
    try (Connection admin = Servers.postgres()) {
      Servers.execute(admin, "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE", "CREATE SCHEMA " + SCHEMA,
          "CREATE TABLE " + SCHEMA + ".thin_items(id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, placed DATE NOT NULL)",
          "INSERT INTO " + SCHEMA + ".thin_items SELECT i, 'item-' || i, DATE '2024-01-01' + (i % 40)"
              + " FROM generate_series(1, 500) i");
      List<AuditEvent> events = new CopyOnWriteArrayList<>();
      Map<String, Object> source = new LinkedHashMap<>(Map.of("url", Servers.PG_URL, "user", Servers.PG_USER,
          "schema", SCHEMA, "fetchSize", 10));
      source.put("pool", Map.of("maximumPoolSize", 1, "registerMbeans", true, "connectionTimeout", 2000));
      try (Mesh mesh = Mesh.builder().name("points").grant("everyone-reads-everything", "*").auditSink(events::add)
          .domain("d", d -> d.owner("ops@example.com").source("pg", "jdbc", source)
              .product("items", "SELECT * FROM pg.thin_items"))
          .build();
          Connection c = mesh.connect(Principal.of("ann"))) {
        String byKey = "SELECT id, name, placed FROM %s WHERE id = ?";
        String byDay = "SELECT COUNT(*), MIN(id) FROM %s WHERE placed = ?";
        try (PreparedStatement lookup = c.prepareStatement(byKey.formatted("d.items"));
            PreparedStatement day = c.prepareStatement(byDay.formatted("d.items"));
            PreparedStatement expectedLookup = admin.prepareStatement(byKey.formatted(SCHEMA + ".thin_items"));
            PreparedStatement expectedDay = admin.prepareStatement(byDay.formatted(SCHEMA + ".thin_items"))) {
          int executions = 0;
          for (int key : new int[] {7, 499, 1, 501, 7, 250}) {
            lookup.setInt(1, key);
            expectedLookup.setInt(1, key);
            assertEquals(rows(expectedLookup), rows(lookup), "id " + key);
            assertIdle();
            Date placed = Date.valueOf(LocalDate.of(2024, 1, 1).plusDays(key % 41));
            day.setDate(1, placed);
            expectedDay.setDate(1, placed);
            assertEquals(rows(expectedDay), rows(day), "placed " + placed);
            assertIdle();
            executions += 2;
          }
          // Streams 10 rows a fetch, then runs single-row statements beside its rows on the one connection.
          String mixed = "SELECT i.id, (SELECT MAX(id) FROM %1$s) - i.id FROM %1$s i WHERE i.id <= 95 ORDER BY i.id";
          assertEquals(Rows.query(admin, mixed.formatted(SCHEMA + ".thin_items")),
              Rows.query(c, mixed.formatted("d.items")));
          assertIdle();
          assertEquals(executions + 1, events.size());
          events.forEach(event -> assertEquals(AuditEvent.Decision.ALLOWED, event.decision(), event::toString));
        }
      } finally {
        Servers.execute(admin, "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      }
    }
  }

  private static List<List<Object>> rows(PreparedStatement statement) throws SQLException {
    try (ResultSet rs = statement.executeQuery()) {
      return new ArrayList<>(Rows.read(rs));
    }
  }

  private static void assertIdle() throws Exception {
    assertEquals(0, ManagementFactory.getPlatformMBeanServer().getAttribute(new ObjectName(POOL), "ActiveConnections"),
        "the source's connection is back");
  }
}
