package dev.meshkit.planner.split;

import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.rows;
import static dev.meshkit.MeshTesting.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.MeshException;
import dev.meshkit.Principal;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A statement over a large table is read in key ranges at once and its answer is the one the
 * statement gives whole. One H2 database holds 1,000 orders and 4,000 items (whose key, declared
 * (O_ID, LINE), lists LINE first by name: the split must take O_ID, the key's first column), with
 * NULLs among quantities and prices. Two meshes read it: one splitting tables past 500 rows, one
 * with splitting switched off. After every test each pool has every connection back.
 */
class KeySplitsTest {

  private static final String ITEMS_SPLIT = "range 1 of 2 of ITEMS.O_ID";

  @TempDir
  static Path dir;
  static String url;
  static Mesh split;
  static Mesh whole;
  static String splitName;
  static String wholeName;

  @BeforeAll
  static void load() throws Exception {
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    url = h2("split_" + id,
        "CREATE TABLE orders(o_id INT PRIMARY KEY, c INT NOT NULL, placed DATE NOT NULL)",
        "INSERT INTO orders SELECT X, MOD(X, 13), DATE '2024-01-01' + CAST(MOD(X, 300) AS INT) FROM SYSTEM_RANGE(1, 1000)",
        "CREATE TABLE items(line INT NOT NULL, o_id INT NOT NULL, qty INT, price DECIMAL(12, 2), flag CHAR(1),"
            + " big BIGINT, PRIMARY KEY (o_id, line))",
        "INSERT INTO items SELECT MOD(X, 4) + 1, (X + 3) / 4, CASEWHEN(MOD(X, 11) = 0, NULL, MOD(X, 50)),"
            + " CASEWHEN(MOD(X, 17) = 0, NULL, CAST(MOD(X * 7, 1000) AS DECIMAL(12, 2)) / 8),"
            + " SUBSTRING('ABC', MOD(X, 3) + 1, 1), X * 1000000000 FROM SYSTEM_RANGE(1, 4000)",
        "ANALYZE");
    StringBuilder picks = new StringBuilder("o_id,keep\n");
    for (int i = 1; i <= 100; i++) {
      picks.append(i).append(',').append(i % 30 == 0 ? 1 : 0).append('\n');
    }
    write(dir.resolve("picks/picks.csv"), picks.toString());
    splitName = "split" + id;
    wholeName = "whole" + id;
    split = mesh(splitName, "settings: {splitRows: 500}");
    whole = mesh(wholeName, "settings: {splitRows: 0}");
  }

  @AfterAll
  static void close() {
    for (Mesh mesh : new Mesh[] {split, whole}) {
      if (mesh != null) {
        mesh.close();
      }
    }
  }

  @AfterEach
  void everyConnectionIsBack() {
    assertPoolIdle(split);
    assertPoolIdle(whole);
  }

  @Test
  void splitAnswersAreThoseOfTheWholeStatement() throws Exception {
    List<String> splitQueries = List.of(
        "SELECT flag, COUNT(*), COUNT(qty), SUM(qty), SUM(price), MIN(qty), MAX(price), MIN(big), SUM(big)"
            + " FROM shop.items GROUP BY flag ORDER BY flag",
        "SELECT COUNT(*), COUNT(qty), SUM(qty), SUM(price), MIN(price), MAX(qty) FROM shop.items",
        "SELECT COUNT(*), COUNT(qty), SUM(qty), SUM(price), MIN(price), MAX(qty) FROM shop.items WHERE qty > 1000",
        "SELECT flag, COUNT(*), SUM(price) FROM shop.items WHERE qty > 1000 GROUP BY flag",
        "SELECT flag, AVG(price), AVG(qty), SUM(qty) * 2 FROM shop.items GROUP BY flag ORDER BY flag",
        "SELECT flag, SUM(qty) FROM shop.items GROUP BY flag HAVING COUNT(*) > 1300 ORDER BY 2 DESC",
        "SELECT qty, COUNT(*) FROM shop.items WHERE price IS NULL GROUP BY qty ORDER BY qty NULLS FIRST",
        "SELECT o.c, SUM(i.price), COUNT(*), MAX(o.placed) FROM shop.items i JOIN shop.orders o ON i.o_id = o.o_id"
            + " WHERE o.placed < DATE '2024-06-01' GROUP BY o.c ORDER BY o.c",
        "SELECT o_id, line, qty, price FROM shop.items WHERE MOD(o_id, 7) = 0 ORDER BY o_id DESC, line",
        "SELECT i.o_id, i.line, o.placed FROM shop.items i JOIN shop.orders o ON i.o_id = o.o_id WHERE i.qty = 3"
            + " ORDER BY i.o_id, i.line");
    for (String sql : splitQueries) {
      assertTrue(explain(split, sql).contains(ITEMS_SPLIT), () -> sql + " was not split: " + explain(split, sql));
      assertSameAnswers(sql);
    }
  }

  @Test
  void theKeptSideOfAnOuterJoinIsSplitNeverTheOther() throws Exception {
    String sql = "SELECT o.o_id, COUNT(i.line), SUM(i.qty) FROM shop.orders o LEFT JOIN shop.items i ON i.o_id = o.o_id"
        + " AND i.qty > 45 GROUP BY o.o_id ORDER BY o.o_id";
    String plan = explain(split, sql);
    assertFalse(plan.contains("of ITEMS.O_ID"), plan);
    assertSameAnswers(sql);
  }

  @Test
  void statementsThatDoNotCombineAndKeyLookupsAreReadWhole() throws Exception {
    for (String sql : List.of(
        "SELECT o_id, line FROM shop.items ORDER BY o_id DESC, line LIMIT 5",
        "SELECT COUNT(DISTINCT qty) FROM shop.items",
        "SELECT flag, MIN(flag), COUNT(*) FROM shop.items GROUP BY flag ORDER BY flag",
        "SELECT line, qty FROM shop.items WHERE o_id = 7 ORDER BY line",
        "SELECT o_id, line, qty FROM shop.items WHERE o_id IN (3, 9, 700) ORDER BY o_id, line")) {
      String plan = explain(split, sql);
      assertFalse(plan.contains("range 1 of"), plan);
      assertSameAnswers(sql);
    }
  }

  @Test
  void aStatementADependentJoinNarrowsWithItsKeysIsNotSplit() throws Exception {
    String sql = "SELECT i.o_id, i.line, i.qty FROM shop.items i JOIN shop.picks p ON i.o_id = p.o_id"
        + " WHERE p.keep = 1 ORDER BY i.o_id, i.line";
    String plan = explain(split, sql);
    assertTrue(plan.contains("among the keys of dependent join"), plan);
    assertFalse(plan.contains("range 1 of"), plan);
    assertSameAnswers(sql);
  }

  @Test
  void explainListsEachRangeStatement() throws Exception {
    String plan = explain(split, "SELECT flag, SUM(qty) FROM shop.items GROUP BY flag");
    assertTrue(plan.contains("range 1 of 2 of ITEMS.O_ID, O_ID < "), plan);
    assertTrue(plan.contains("range 2 of 2 of ITEMS.O_ID, "), plan);
    assertEquals(2, plan.split("Prefetch", -1).length - 1, plan);
    assertFalse(explain(whole, "SELECT flag, SUM(qty) FROM shop.items GROUP BY flag").contains("range"), plan);
  }

  @Test
  void parametersBindInEveryRange() throws Exception {
    String sql = "SELECT COUNT(*), SUM(qty) FROM shop.items WHERE qty > ?";
    for (int bound : new int[] {10, 48}) {
      List<String> expected = query(whole, sql, bound);
      assertEquals(expected, query(split, sql, bound));
    }
  }

  @Test
  void aFailingRangeReportsWhatTheWholeStatementReports() throws Exception {
    String sql = "SELECT SUM(100 / (o_id - 900)) FROM shop.items";
    SQLException sequential;
    try (Connection c = whole.connect(Principal.of("ann"))) {
      sequential = assertThrows(SQLException.class, () -> rows(c, sql));
    }
    try (Connection c = split.connect(Principal.of("ann"))) {
      SQLException failed = assertThrows(SQLException.class, () -> rows(c, sql));
      assertEquals(sequential.getSQLState(), failed.getSQLState(), failed::getMessage);
      assertPoolIdle(split);
      assertEquals(List.of("4000"), rows(c, "SELECT COUNT(*) FROM shop.items"));
    }
  }

  @Test
  void aResultClosedEarlyReturnsEveryRangesConnection() throws Exception {
    try (Connection c = split.connect(Principal.of("ann"));
        PreparedStatement statement = c.prepareStatement("SELECT o_id, qty FROM shop.items")) {
      assertTrue(explain(split, "SELECT o_id, qty FROM shop.items").contains(ITEMS_SPLIT));
      try (ResultSet rs = statement.executeQuery()) {
        assertTrue(rs.next());
      }
      assertPoolIdle(split);
    }
  }

  @Test
  void aCancelStopsEveryRangeAndReturnsTheConnections() throws Exception {
    // Billions of rows joined: each range runs until the cancel.
    String sql = "SELECT COUNT(*) FROM shop.items a JOIN shop.items b ON a.flag = b.flag"
        + " JOIN shop.items c ON b.flag = c.flag";
    assertTrue(explain(split, sql).contains(ITEMS_SPLIT), () -> explain(split, sql));
    try (Connection c = split.connect(Principal.of("ann")); PreparedStatement statement = c.prepareStatement(sql)) {
      ScheduledExecutorService canceller = Executors.newSingleThreadScheduledExecutor();
      long[] cancelledAt = new long[1];
      try {
        canceller.schedule(() -> {
          cancelledAt[0] = System.nanoTime();
          statement.cancel();
          return null;
        }, 2500, TimeUnit.MILLISECONDS);
        SQLException error = assertThrows(SQLException.class, () -> rows(statement.executeQuery()));
        // Not stopped before the cancel: the bounds' two-second timeout stayed with their statement.
        assertTrue(cancelledAt[0] != 0, () -> "the query stopped before the cancel: " + error.getMessage());
        long millis = (System.nanoTime() - cancelledAt[0]) / 1_000_000;
        assertEquals("57014", error.getSQLState(), error::getMessage);
        assertTrue(millis < 3000, "the query ended " + millis + " ms after the cancel");
      } finally {
        canceller.shutdownNow();
      }
      assertPoolIdle(split);
    }
  }

  @Test
  void aNegativeSettingIsReportedWithItsLine() {
    Path descriptor = write(dir.resolve("bad-split.yaml"), """
        name: bad
        settings:
          splitRows: -1
        domains: []
        """);
    MeshException bad = assertThrows(MeshException.class, () -> Mesh.fromYaml(descriptor));
    assertTrue(bad.getMessage().contains("bad-split.yaml:3: field 'splitRows' of the mesh's settings must be a whole"
        + " number of rows, 0 to split no statement: -1"), bad.getMessage());
  }

  private static void assertSameAnswers(String sql) throws SQLException {
    List<String> expected;
    try (Connection c = whole.connect(Principal.of("ann"))) {
      expected = rows(c, sql);
    }
    try (Connection c = split.connect(Principal.of("ann"))) {
      assertEquals(expected, rows(c, sql), sql);
    }
  }

  private static List<String> query(Mesh mesh, String sql, int parameter) throws SQLException {
    try (Connection c = mesh.connect(Principal.of("ann")); PreparedStatement p = c.prepareStatement(sql)) {
      p.setInt(1, parameter);
      try (ResultSet rs = p.executeQuery()) {
        return rows(rs);
      }
    }
  }

  private static String explain(Mesh mesh, String sql) {
    try (Connection c = mesh.connect(Principal.of("ann"))) {
      return String.join("\n", rows(c, "EXPLAIN PLAN FOR " + sql));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Mesh mesh(String name, String settings) {
    String yaml = """
        name: %1$s
        %2$s
        domains:
          - name: shop
            owner: shop@example.com
            members: {users: [ann]}
            sources:
              - {name: %4$s, type: jdbc, url: "%3$s", user: sa, password: "",
                 pool: {maximumPoolSize: 4, registerMbeans: true, connectionTimeout: 2000}}
              - {name: files, type: csv, path: ./picks}
            products:
              - {name: orders, description: orders, sql: "SELECT * FROM %4$s.orders"}
              - {name: items, description: order lines, sql: "SELECT * FROM %4$s.items"}
              - {name: picks, description: orders picked from a file, sql: "SELECT * FROM files.picks"}
        policies:
          - name: everyone-reads-everything
            grant: {products: ["*"]}
        """.formatted(name, settings, url, name);
    return Mesh.fromYaml(write(dir.resolve(name + ".yaml"), yaml));
  }

  private static void assertPoolIdle(Mesh mesh) {
    String which = mesh == split ? splitName : wholeName;
    try {
      ObjectName name = new ObjectName("com.zaxxer.hikari:type=Pool (meshkit-shop." + which + ")");
      assertEquals(0, ManagementFactory.getPlatformMBeanServer().getAttribute(name, "ActiveConnections"),
          "connections of the " + which + " mesh's pool still checked out");
    } catch (JMException e) {
      throw new IllegalStateException(e);
    }
  }
}
