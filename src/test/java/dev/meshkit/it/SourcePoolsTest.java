package dev.meshkit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.JMException;
import javax.management.ObjectName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A query with more statements of one source open at once than the source's pool holds (here: one
 * connection, and scalar sub-queries read while the outer rows stream, 10 rows a fetch). PostgreSQL
 * keeps several cursors of one connection open, so the query's statements share its one
 * connection and it answers; MariaDB's driver would read the rest of a streaming result into memory
 * first, so there it fails at once with 53300 instead of waiting for the pool's timeout. Either way
 * the pool has its connection back and the next query answers.
 */
@Tag("integration")
class SourcePoolsTest {

  private static final String PG_SCHEMA = "meshkit_it_pools";
  private static final String MARIA_TABLE = "meshkit_it_pools_n";
  /** x and y are two sources on the same database, so that their join runs in the JVM. */
  private static final String QUERY = "SELECT x.i, y.i FROM d.x x, d.y y WHERE x.i < 20 AND y.i < 20"
      + " AND x.v + y.v < (SELECT MAX(v) FROM d.x WHERE i < 10) + (SELECT MIN(v) FROM d.x WHERE i > 10)"
      + " ORDER BY x.i, y.i";
  /** A division by zero in the JVM once MAX(v), 96, meets v: after rows were read, with cursors open. */
  private static final String FAILING = "SELECT x.i / ((SELECT MAX(v) FROM d.x) - x.v) FROM d.x x, d.y y"
      + " WHERE y.i < 3";

  @Test
  void postgresQueriesShareTheirConnection() throws Exception {
    Servers.requirePostgres();
    try (Connection admin = Servers.postgres()) {
      Servers.execute(admin, "DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE", "CREATE SCHEMA " + PG_SCHEMA,
          "CREATE TABLE " + PG_SCHEMA + ".n AS SELECT i, MOD(i, 97) AS v FROM generate_series(1, 3000) i");
      Map<String, Object> settings = Map.of("url", Servers.PG_URL, "user", Servers.PG_USER, "schema", PG_SCHEMA);
      try (Mesh mesh = mesh("pg_pools", settings); Connection c = mesh.connect(Principal.of("ann"))) {
        String direct = QUERY.replace("d.x", PG_SCHEMA + ".n").replace("d.y", PG_SCHEMA + ".n");
        assertEquals(Rows.query(admin, direct), Rows.query(c, QUERY));
        assertIdle("pg_pools");
        SQLException failed = assertThrows(SQLException.class, () -> Rows.query(c, FAILING));
        assertEquals("22012", failed.getSQLState(), failed::getMessage);
        assertIdle("pg_pools");
        assertEquals(Rows.query(admin, direct), Rows.query(c, QUERY));
      }
    }
  }

  @Test
  void mariaDbQueriesNeedingMoreConnectionsThanThePoolHoldsFailAtOnce() throws Exception {
    Servers.requireMariaDb();
    try (Connection admin = Servers.mariadb()) {
      Servers.execute(admin, "DROP TABLE IF EXISTS " + MARIA_TABLE,
          "CREATE TABLE " + MARIA_TABLE + " AS SELECT seq AS i, MOD(seq, 97) AS v FROM seq_1_to_3000");
      Map<String, Object> settings = Map.of("url", Servers.MARIADB_URL, "user", Servers.MARIADB_USER);
      try (Mesh mesh = mesh("maria_pools", settings); Connection c = mesh.connect(Principal.of("ann"))) {
        long start = System.nanoTime();
        SQLException drained = assertThrows(SQLException.class, () -> Rows.query(c, QUERY));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("53300", drained.getSQLState(), drained::getMessage);
        assertTrue(drained.getMessage().startsWith("the query needs more connections of source 'maria_pools_x' of"
            + " domain 'd' at once than its pool holds (maximumPoolSize 1)"), drained.getMessage());
        assertTrue(millis < 2000, millis + " ms, not the pool's 2 s connection timeout");
        assertIdle("maria_pools");
        assertEquals(List.of(List.of(3000L)), Rows.query(c, "SELECT COUNT(*) FROM d.x"));
      } finally {
        Servers.execute(admin, "DROP TABLE IF EXISTS " + MARIA_TABLE);
      }
    }
  }

  /** Products x and y over the same table through two sources, each pooling one connection. */
  private static Mesh mesh(String prefix, Map<String, Object> settings) {
    String table = prefix.startsWith("pg") ? "n" : MARIA_TABLE;
    return Mesh.builder().grant("everyone-reads-everything", "*").name("pools")
        .domain("d", d -> d.owner("ops@example.com")
            .source(prefix + "_x", "jdbc", source(settings)).product("x", "SELECT * FROM " + prefix + "_x." + table)
            .source(prefix + "_y", "jdbc", source(settings)).product("y", "SELECT * FROM " + prefix + "_y." + table))
        .build();
  }

  private static Map<String, Object> source(Map<String, Object> settings) {
    Map<String, Object> all = new LinkedHashMap<>(settings);
    all.put("fetchSize", 10);
    all.put("pool", Map.of("maximumPoolSize", 1, "registerMbeans", true, "connectionTimeout", 2000));
    return all;
  }

  /** Asserts that neither pool of the mesh's two sources has a connection checked out. */
  private static void assertIdle(String prefix) throws JMException {
    for (String source : new String[] {prefix + "_x", prefix + "_y"}) {
      ObjectName pool = new ObjectName("com.zaxxer.hikari:type=Pool (meshkit-d." + source + ")");
      assertEquals(0, ManagementFactory.getPlatformMBeanServer().getAttribute(pool, "ActiveConnections"),
          source + "'s connection is back");
    }
  }
}
