package dev.meshkit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.JMException;
import javax.management.ObjectName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Cancelling a statement, or its query timeout, cancels the statement its source runs: a
 * PostgreSQL {@code pg_sleep} and a MariaDB {@code SLEEP} of 60 s stop within about a second, the
 * database no longer runs them, and the pool has its connection back.
 */
@Tag("integration")
class SourceCancelTest {

  static final String PG_SCHEMA = "meshkit_it_cancel";
  /** Slow enough that nothing but a cancel ends it within the test. */
  static final int SLEEP_SECONDS = 60;

  @Test
  void postgresStopsSleepingWhenTheStatementIsCancelledOrTimesOut() throws Exception {
    Servers.requirePostgres();
    try (Connection admin = Servers.postgres()) {
      Servers.execute(admin, "DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE", "CREATE SCHEMA " + PG_SCHEMA,
          "CREATE VIEW " + PG_SCHEMA + ".slow AS SELECT 1 AS id FROM pg_sleep(" + SLEEP_SECONDS + ")");
      try (Mesh mesh = mesh("pg_cancel", Map.of("url", Servers.PG_URL, "user", Servers.PG_USER,
          "schema", PG_SCHEMA))) {
        String running = "SELECT COUNT(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%slow%'"
            + " AND pid <> pg_backend_pid()";
        assertStops(mesh, "pg_cancel", admin, running);
      }
    }
  }

  @Test
  void mariaDbStopsSleepingWhenTheStatementIsCancelledOrTimesOut() throws Exception {
    Servers.requireMariaDb();
    try (Connection admin = Servers.mariadb()) {
      Servers.execute(admin, "CREATE OR REPLACE VIEW meshkit_it_cancel_slow AS SELECT SLEEP(" + SLEEP_SECONDS
          + ") AS id");
      try (Mesh mesh = mesh("maria_cancel", Map.of("url", Servers.MARIADB_URL, "user", Servers.MARIADB_USER))) {
        String running = "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE COMMAND = 'Query'"
            + " AND INFO LIKE '%meshkit_it_cancel_slow%' AND ID <> CONNECTION_ID()";
        assertStops(mesh, "maria_cancel", admin, running);
      } finally {
        Servers.execute(admin, "DROP VIEW IF EXISTS meshkit_it_cancel_slow");
      }
    }
  }

  /** A mesh whose one product reads the database's slow view, with its pool visible over JMX. */
  private static Mesh mesh(String source, Map<String, Object> settings) {
    Map<String, Object> all = new LinkedHashMap<>(settings);
    all.put("pool", Map.of("registerMbeans", true));
    String table = source.startsWith("pg") ? "slow" : "meshkit_it_cancel_slow";
    return Mesh.builder().grant("everyone-reads-everything", "*").name("cancel")
        .domain("slow", d -> d.owner("ops@example.com").source(source, "jdbc", all)
            .product("sleep", "SELECT * FROM " + source + "." + table))
        .build();
  }

  private static void assertStops(Mesh mesh, String source, Connection admin, String runningSql) throws Exception {
    String sql = "SELECT id FROM slow.sleep";
    try (Connection c = mesh.connect(Principal.of("ann")); PreparedStatement s = c.prepareStatement(sql)) {
      ScheduledExecutorService canceller = Executors.newSingleThreadScheduledExecutor();
      try {
        AtomicLong cancelledAt = new AtomicLong();
        canceller.schedule(() -> {
          cancelledAt.set(System.nanoTime());
          s.cancel();
          return null;
        }, 1500, TimeUnit.MILLISECONDS);
        SQLException cancelled = assertTimeoutPreemptively(Duration.ofSeconds(30),
            () -> assertThrows(SQLException.class, () -> drain(s.executeQuery())));
        long millis = (System.nanoTime() - cancelledAt.get()) / 1_000_000;
        System.out.println("[cancel] " + source + ": the source's sleep stopped " + millis + " ms after the cancel");
        assertEquals("57014", cancelled.getSQLState(), cancelled::getMessage);
        assertEquals("the statement was cancelled (Statement.cancel) (SQLState 57014)", cancelled.getMessage());
        assertTrue(millis < 2000, millis + " ms");
      } finally {
        canceller.shutdownNow();
      }
      assertEquals(0, active(source), "the pool's connection is back");
      assertEquals(0L, count(admin, runningSql), "the database still runs the statement");

      s.setQueryTimeout(1);
      long start = System.nanoTime();
      SQLException timedOut = assertTimeoutPreemptively(Duration.ofSeconds(30),
          () -> assertThrows(SQLException.class, () -> drain(s.executeQuery())));
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.println("[timeout] " + source + ": a 1 s query timeout stopped the source's sleep after " + millis
          + " ms");
      assertEquals("57014", timedOut.getSQLState(), timedOut::getMessage);
      assertTrue(millis < 3000, millis + " ms");
      assertEquals(0, active(source));
      assertEquals(0L, count(admin, runningSql));
    }
  }

  private static void drain(ResultSet rs) throws SQLException {
    try (rs) {
      while (rs.next()) {
        rs.getObject(1);
      }
    }
  }

  private static long count(Connection admin, String sql) throws SQLException {
    // The database may take a moment to tear the cancelled statement down.
    long n = 0;
    for (int i = 0; i < 20; i++) {
      try (Statement s = admin.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        rs.next();
        n = rs.getLong(1);
      }
      if (n == 0) {
        return 0;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return n;
  }

  private static int active(String source) throws JMException {
    ObjectName pool = new ObjectName("com.zaxxer.hikari:type=Pool (meshkit-slow." + source + ")");
    return (Integer) ManagementFactory.getPlatformMBeanServer().getAttribute(pool, "ActiveConnections");
  }
}
