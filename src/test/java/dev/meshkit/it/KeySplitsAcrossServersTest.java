package dev.meshkit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.MeshTesting;
import dev.meshkit.Principal;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import javax.management.JMException;
import javax.management.ObjectName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statements over a large table of PostgreSQL and of MariaDB are split into ranges of its key, in
 * each dialect's SQL, and answer as the whole statement does: 1,000 orders and 4,000 items on each
 * server, read by a mesh splitting tables past 500 rows and by one that splits none.
 */
@Tag("integration")
class KeySplitsAcrossServersTest {

  private static final String PG_SCHEMA = "meshkit_it_split";
  private static final String MARIA_PREFIX = "meshkit_it_split_";

  private static final List<String> QUERIES = List.of(
      "SELECT flag, COUNT(*), COUNT(qty), SUM(qty), SUM(price), MIN(qty), MAX(price) FROM d.%s_items"
          + " GROUP BY flag ORDER BY flag",
      "SELECT COUNT(*), COUNT(qty), SUM(qty), SUM(price), MIN(price), MAX(qty) FROM d.%s_items",
      "SELECT COUNT(*), SUM(price), MAX(qty) FROM d.%s_items WHERE qty > 1000",
      "SELECT flag, AVG(price), AVG(qty) FROM d.%s_items GROUP BY flag ORDER BY flag",
      "SELECT o.c, SUM(i.price), COUNT(*) FROM d.%1$s_items i JOIN d.%1$s_orders o ON i.o_id = o.o_id"
          + " WHERE o.placed < DATE '2024-06-01' GROUP BY o.c ORDER BY o.c",
      "SELECT i.o_id, i.line, o.placed FROM d.%1$s_items i JOIN d.%1$s_orders o ON i.o_id = o.o_id"
          + " WHERE i.qty = 3 ORDER BY i.o_id, i.line");

  @TempDir
  Path dir;

  @Test
  void rangesOnPostgresAndMariaDbAnswerAsTheWholeStatement() throws Exception {
    Servers.requirePostgres();
    Servers.requireMariaDb();
    try (Connection pg = Servers.postgres(); Connection maria = Servers.mariadb()) {
      Servers.execute(pg, "DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE", "CREATE SCHEMA " + PG_SCHEMA,
          "CREATE TABLE " + PG_SCHEMA + ".orders(o_id INT PRIMARY KEY, c INT NOT NULL, placed DATE NOT NULL)",
          "INSERT INTO " + PG_SCHEMA + ".orders SELECT x, MOD(x, 13), DATE '2024-01-01' + MOD(x, 300)"
              + " FROM generate_series(1, 1000) x",
          "CREATE TABLE " + PG_SCHEMA + ".items(line INT NOT NULL, o_id INT NOT NULL, qty INT, price NUMERIC(12, 2),"
              + " flag CHAR(1), PRIMARY KEY (o_id, line))",
          "INSERT INTO " + PG_SCHEMA + ".items SELECT MOD(x, 4) + 1, (x + 3) / 4,"
              + " CASE WHEN MOD(x, 11) = 0 THEN NULL ELSE MOD(x, 50) END,"
              + " CASE WHEN MOD(x, 17) = 0 THEN NULL ELSE MOD(x * 7, 1000) / 8.0 END,"
              + " SUBSTRING('ABC', MOD(x, 3) + 1, 1) FROM generate_series(1, 4000) x",
          "ANALYZE " + PG_SCHEMA + ".orders", "ANALYZE " + PG_SCHEMA + ".items");
      Servers.execute(maria, "DROP TABLE IF EXISTS " + MARIA_PREFIX + "items, " + MARIA_PREFIX + "orders",
          "CREATE TABLE " + MARIA_PREFIX + "orders(o_id INT PRIMARY KEY, c INT NOT NULL, placed DATE NOT NULL)",
          "INSERT INTO " + MARIA_PREFIX + "orders SELECT seq, MOD(seq, 13), DATE '2024-01-01' + INTERVAL MOD(seq, 300)"
              + " DAY FROM seq_1_to_1000",
          "CREATE TABLE " + MARIA_PREFIX + "items(line INT NOT NULL, o_id INT NOT NULL, qty INT, price DECIMAL(12, 2),"
              + " flag CHAR(1), PRIMARY KEY (o_id, line))",
          "INSERT INTO " + MARIA_PREFIX + "items SELECT MOD(seq, 4) + 1, (seq + 3) DIV 4,"
              + " CASE WHEN MOD(seq, 11) = 0 THEN NULL ELSE MOD(seq, 50) END,"
              + " CASE WHEN MOD(seq, 17) = 0 THEN NULL ELSE MOD(seq * 7, 1000) / 8 END,"
              + " SUBSTRING('ABC', MOD(seq, 3) + 1, 1) FROM seq_1_to_4000",
          "ANALYZE TABLE " + MARIA_PREFIX + "orders, " + MARIA_PREFIX + "items");
      try (Mesh split = mesh(dir, "spl", 500); Mesh whole = mesh(dir, "who", 0);
          Connection s = split.connect(Principal.of("ann")); Connection w = whole.connect(Principal.of("ann"))) {
        for (String server : List.of("pg", "maria")) {
          for (String query : QUERIES) {
            String sql = query.formatted(server);
            String plan = String.join("\n", MeshTesting.rows(s, "EXPLAIN PLAN FOR " + sql));
            assertTrue(plan.contains("range 1 of 2 of ") && plan.contains("range 2 of 2 of "), plan);
            List<List<Object>> expected = Rows.query(w, sql);
            assertFalse(expected.isEmpty(), sql);
            assertEquals(expected, Rows.query(s, sql), sql);
            assertIdle("spl");
          }
        }
      } finally {
        Servers.execute(pg, "DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE");
        Servers.execute(maria, "DROP TABLE IF EXISTS " + MARIA_PREFIX + "items, " + MARIA_PREFIX + "orders");
      }
    }
  }

  /** Products over both servers, one source each, pools of four; {@code splitRows} 0 splits nothing. */
  private static Mesh mesh(Path dir, String prefix, long splitRows) {
    String pool = "pool: {maximumPoolSize: 4, registerMbeans: true, connectionTimeout: 2000}";
    String yaml = """
        name: split
        settings: {splitRows: %6$d}
        domains:
          - name: d
            owner: ops@example.com
            members: {users: [ann]}
            sources:
              - {name: %1$s_pg, type: jdbc, url: "%2$s", user: %3$s, schema: %7$s, %8$s}
              - {name: %1$s_maria, type: jdbc, url: "%4$s", user: %5$s, %8$s}
            products:
              - {name: pg_orders, description: orders, sql: "SELECT * FROM %1$s_pg.orders"}
              - {name: pg_items, description: items, sql: "SELECT * FROM %1$s_pg.items"}
              - {name: maria_orders, description: orders, sql: "SELECT * FROM %1$s_maria.%9$sorders"}
              - {name: maria_items, description: items, sql: "SELECT * FROM %1$s_maria.%9$sitems"}
        policies:
          - name: everyone-reads-everything
            grant: {products: ["*"]}
        """.formatted(prefix, Servers.PG_URL, Servers.PG_USER, Servers.MARIADB_URL, Servers.MARIADB_USER,
        splitRows, PG_SCHEMA, pool, MARIA_PREFIX);
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
