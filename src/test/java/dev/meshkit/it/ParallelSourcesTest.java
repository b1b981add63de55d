package dev.meshkit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.MeshTesting;
import dev.meshkit.Principal;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.ObjectName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statements of one query on PostgreSQL and MariaDB run at once: two on each server, through one
 * source each, so that each needs a connection of its own beside the one its query shares (PostgreSQL)
 * or takes (MariaDB). Each view sleeps 400 ms on the server before its rows. The same mesh with
 * parallel statements switched off gives the answer and the time to beat. Cancelling and failing
 * queries give every connection back.
 */
@Tag("integration")
class ParallelSourcesTest {

  private static final String PG_SCHEMA = "meshkit_it_parallel";
  private static final String MARIA_PREFIX = "meshkit_it_parallel_";
  private static final String UNION = "SELECT COUNT(*), SUM(v) FROM (SELECT v FROM d.pg_a UNION ALL SELECT v FROM d.pg_b"
      + " UNION ALL SELECT v FROM d.maria_a UNION ALL SELECT v FROM d.maria_b) t";

  @TempDir
  Path dir;

  @Test
  void statementsOnPostgresAndMariaDbRunAtOnce() throws Exception {
    Servers.requirePostgres();
    Servers.requireMariaDb();
    try (Connection pg = Servers.postgres(); Connection maria = Servers.mariadb()) {
      Servers.execute(pg, "DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE", "CREATE SCHEMA " + PG_SCHEMA,
          "CREATE TABLE " + PG_SCHEMA + ".n AS SELECT i, MOD(i, 97) AS v FROM generate_series(1, 3000) i",
          "CREATE VIEW " + PG_SCHEMA + ".a AS SELECT n.i, n.v FROM " + PG_SCHEMA + ".n, pg_sleep(0.4)",
          "CREATE VIEW " + PG_SCHEMA + ".b AS SELECT n.i, n.v FROM " + PG_SCHEMA + ".n, pg_sleep(0.4)",
          "CREATE VIEW " + PG_SCHEMA + ".stuck AS SELECT n.i, n.v FROM " + PG_SCHEMA + ".n, pg_sleep(30)",
          "CREATE VIEW " + PG_SCHEMA + ".bad AS SELECT i, 100 / (i - 1500) AS v FROM " + PG_SCHEMA + ".n");
      Servers.execute(maria, "DROP VIEW IF EXISTS " + MARIA_PREFIX + "a, " + MARIA_PREFIX + "b",
          "DROP TABLE IF EXISTS " + MARIA_PREFIX + "n",
          "CREATE TABLE " + MARIA_PREFIX + "n AS SELECT seq AS i, MOD(seq, 89) AS v FROM seq_1_to_3000",
          "CREATE VIEW " + MARIA_PREFIX + "a AS SELECT n.i, n.v FROM " + MARIA_PREFIX + "n n,"
              + " (SELECT SLEEP(0.4) AS s) z",
          "CREATE VIEW " + MARIA_PREFIX + "b AS SELECT n.i, n.v FROM " + MARIA_PREFIX + "n n,"
              + " (SELECT SLEEP(0.4) AS s) z");
      try (Mesh parallel = mesh(dir, "par", 4); Mesh off = mesh(dir, "seq", 0);
          Connection p = parallel.connect(Principal.of("ann")); Connection o = off.connect(Principal.of("ann"))) {
        List<List<Object>> expected = Rows.query(o, UNION);
        assertEquals(6000 * 2, ((Number) expected.get(0).get(0)).longValue());
        long sequential = time(() -> Rows.query(o, UNION));
        assertEquals(expected, Rows.query(p, UNION));
        long concurrent = time(() -> Rows.query(p, UNION));
        assertTrue(concurrent < sequential * 3 / 4,
            "parallel statements took " + concurrent + " ms, one after another " + sequential + " ms");
        assertIdle("par");

        cancelStopsEveryStatement(p);
        assertIdle("par");

        SQLException failed = assertThrows(SQLException.class,
            () -> Rows.query(p, "SELECT COUNT(*) FROM (SELECT v FROM d.maria_a UNION ALL SELECT v FROM d.pg_bad) t"));
        assertEquals("22012", failed.getSQLState(), failed::getMessage);
        assertIdle("par");
        assertEquals(expected, Rows.query(p, UNION));
        assertIdle("par");
      } finally {
        Servers.execute(pg, "DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE");
        Servers.execute(maria, "DROP VIEW IF EXISTS " + MARIA_PREFIX + "a, " + MARIA_PREFIX + "b",
            "DROP TABLE IF EXISTS " + MARIA_PREFIX + "n");
      }
    }
  }

  private static void cancelStopsEveryStatement(Connection c) throws Exception {
    String sql = "SELECT COUNT(*) FROM (SELECT v FROM d.pg_stuck UNION ALL SELECT v FROM d.maria_a"
        + " UNION ALL SELECT v FROM d.pg_a) t";
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      ScheduledExecutorService canceller = Executors.newSingleThreadScheduledExecutor();
      long[] cancelledAt = new long[1];
      try {
        canceller.schedule(() -> {
          cancelledAt[0] = System.nanoTime();
          statement.cancel();
          return null;
        }, 800, TimeUnit.MILLISECONDS);
        SQLException error = assertThrows(SQLException.class, () -> {
          try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
              rs.getObject(1);
            }
          }
        });
        long millis = (System.nanoTime() - cancelledAt[0]) / 1_000_000;
        assertEquals("57014", error.getSQLState(), error::getMessage);
        assertTrue(millis < 3000, "the query ended " + millis + " ms after the cancel");
      } finally {
        canceller.shutdownNow();
      }
    }
  }

  private interface Run {
    void run() throws Exception;
  }

  private static long time(Run run) throws Exception {
    long start = System.nanoTime();
    run.run();
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** Products over both servers, one source each, pools of four; {@code parallelStatements} 0 switches them off. */
  private static Mesh mesh(Path dir, String prefix, int parallelStatements) {
    String pool = "pool: {maximumPoolSize: 4, registerMbeans: true, connectionTimeout: 2000}";
    String yaml = """
        name: parallel
        settings: {parallelStatements: %6$d}
        domains:
          - name: d
            owner: ops@example.com
            sources:
              - {name: %1$s_pg, type: jdbc, url: "%2$s", user: %3$s, schema: %7$s, %8$s}
              - {name: %1$s_maria, type: jdbc, url: "%4$s", user: %5$s, %8$s}
            products:
              - {name: pg_a, description: a, sql: "SELECT * FROM %1$s_pg.a"}
              - {name: pg_b, description: b, sql: "SELECT * FROM %1$s_pg.b"}
              - {name: pg_stuck, description: stuck, sql: "SELECT * FROM %1$s_pg.stuck"}
              - {name: pg_bad, description: bad, sql: "SELECT * FROM %1$s_pg.bad"}
              - {name: maria_a, description: a, sql: "SELECT * FROM %1$s_maria.%9$sa"}
              - {name: maria_b, description: b, sql: "SELECT * FROM %1$s_maria.%9$sb"}
        policies:
          - name: everyone-reads-everything
            grant: {products: ["*"]}
        """.formatted(prefix, Servers.PG_URL, Servers.PG_USER, Servers.MARIADB_URL, Servers.MARIADB_USER,
        parallelStatements, PG_SCHEMA, pool, MARIA_PREFIX);
    return Mesh.fromYaml(MeshTesting.write(dir.resolve(prefix + ".yaml"), yaml));
  }

  private static void assertIdle(String prefix) throws JMException {
    for (String source : new String[] {prefix + "_pg", prefix + "_maria"}) {
      ObjectName pool = new ObjectName("com.zaxxer.hikari:type=Pool (meshkit-d." + source + ")");
      assertEquals(0, ManagementFactory.getPlatformMBeanServer().getAttribute(pool, "ActiveConnections"),
          source + "'s connections are back");
    }
  }
}
