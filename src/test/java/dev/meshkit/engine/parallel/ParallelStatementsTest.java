package dev.meshkit.engine.parallel;

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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.management.JMException;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The independent source statements of one query run at once, each on a connection of its own,
 * within what the sources' pools can spare. Two H2 databases, a and b, hold views that call a Java
 * function pausing a millisecond per row and recording when each database ran it: a query reading
 * both overlaps the two only if its statements ran in parallel. Three meshes read the same two
 * databases: pools of four, pools of one (no connection to spare: the statements run one after
 * another), and parallel statements switched off. After every test each pool has every connection back.
 */
public class ParallelStatementsTest { // public: H2 calls pause

  /** Rows of the slow views: each row pauses a millisecond. */
  private static final int FEW = 300;
  /** Rows of the slower views, for a query to cancel while it runs. */
  private static final int MANY = 3000;

  /** A union of both databases' slow views, summed: two statements that depend on nothing. */
  private static final String UNION = "SELECT COUNT(*), SUM(v) FROM (SELECT i, v FROM a.slow UNION ALL"
      + " SELECT i, v FROM b.slow) t";
  /** The same views joined in the JVM. */
  private static final String JOIN = "SELECT x.i, x.v, y.v FROM a.slow x JOIN b.slow y ON x.i = y.i"
      + " WHERE MOD(x.i, 10) = 0 ORDER BY x.i";

  /** When each database ran the pause: the database's name, the start and end in nanoseconds. */
  private static final ConcurrentLinkedQueue<Object[]> PAUSES = new ConcurrentLinkedQueue<>();

  @TempDir
  static Path dir;
  static String urlA;
  static String urlB;
  static TestMesh parallel;
  static TestMesh single;
  static TestMesh off;

  /** Called by H2 for every row of a slow view. */
  public static int pause(String db, int millis) throws InterruptedException {
    long start = System.nanoTime();
    Thread.sleep(millis);
    PAUSES.add(new Object[] {db, start, System.nanoTime()});
    return 0;
  }

  @BeforeAll
  static void load() throws Exception {
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    urlA = database("par_a_" + id, "a", 7);
    urlB = database("par_b_" + id, "b", 11);
    parallel = new TestMesh("p" + id, 4, "");
    single = new TestMesh("s" + id, 1, "");
    off = new TestMesh("o" + id, 4, "settings: {parallelStatements: 0}");
  }

  private static String database(String name, String label, int modulus) throws SQLException {
    String pause = "PAUSE('" + label + "', 1) = 0";
    return h2(name, "CREATE ALIAS PAUSE FOR '" + ParallelStatementsTest.class.getName() + ".pause'",
        "CREATE TABLE few(i INT PRIMARY KEY, v INT)",
        "INSERT INTO few SELECT X, MOD(X, " + modulus + ") FROM SYSTEM_RANGE(1, " + FEW + ")",
        "CREATE TABLE n(i INT PRIMARY KEY, v INT)",
        "INSERT INTO n SELECT X, MOD(X, " + modulus + ") FROM SYSTEM_RANGE(1, " + MANY + ")",
        "CREATE VIEW slow AS SELECT i, v FROM few WHERE " + pause,
        "CREATE VIEW slower AS SELECT i, v FROM n WHERE " + pause,
        "CREATE VIEW bad AS SELECT i, 100 / (i - 150) AS v FROM few");
  }

  @AfterAll
  static void close() {
    for (TestMesh mesh : new TestMesh[] {parallel, single, off}) {
      if (mesh != null) {
        mesh.mesh.close();
      }
    }
  }

  @BeforeEach
  void forgetPauses() {
    PAUSES.clear();
  }

  @AfterEach
  void everyConnectionIsBack() {
    for (TestMesh mesh : new TestMesh[] {parallel, single, off}) {
      mesh.assertPoolsIdle();
    }
  }

  @Test
  void independentStatementsOverlapAndTakeLessThanTheirSum() throws Exception {
    String expected = 2 * FEW + "," + (sumOfMods(7) + sumOfMods(11));
    try (Connection c = parallel.connect()) {
      rows(c, UNION); // plans it, so that the timed run below only executes
      PAUSES.clear();
      long start = System.nanoTime();
      assertEquals(List.of(expected), rows(c, UNION));
      long millis = (System.nanoTime() - start) / 1_000_000;
      Map<String, long[]> spans = spans();
      long a = (spans.get("a")[1] - spans.get("a")[0]) / 1_000_000;
      long b = (spans.get("b")[1] - spans.get("b")[0]) / 1_000_000;
      assertTrue(overlap(spans), "the statements of a and b ran one after another: " + describe(spans));
      assertTrue(millis < a + b, "the query took " + millis + " ms, the statements " + a + " and " + b + " ms");
    }
  }

  @Test
  void explainShowsTheStatementsThatRunInParallel() throws Exception {
    try (Connection c = parallel.connect()) {
      String plan = String.join("\n", rows(c, "EXPLAIN PLAN FOR " + UNION));
      assertEquals(2, plan.split("Prefetch", -1).length - 1, plan);
    }
    try (Connection c = off.connect()) {
      String plan = String.join("\n", rows(c, "EXPLAIN PLAN FOR " + UNION));
      assertFalse(plan.contains("Prefetch"), plan);
    }
  }

  @Test
  void answersAreThoseOfStatementsRunOneAfterAnother() throws Exception {
    for (String sql : List.of(UNION, JOIN,
        "SELECT x.v, COUNT(*) FROM a.few x JOIN b.few y ON x.v = y.v GROUP BY x.v ORDER BY x.v",
        "SELECT i FROM a.few WHERE v = 3 UNION SELECT i FROM b.few WHERE v = 3 ORDER BY i")) {
      List<String> expected;
      try (Connection c = off.connect()) {
        expected = rows(c, sql);
      }
      assertFalse(expected.isEmpty(), sql);
      for (TestMesh mesh : new TestMesh[] {parallel, single}) {
        try (Connection c = mesh.connect()) {
          assertEquals(expected, rows(c, sql), sql);
        }
      }
    }
  }

  @Test
  void aPoolOfOneRunsTheStatementsOneAfterAnother() throws Exception {
    try (Connection c = single.connect()) {
      assertEquals(List.of(2 * FEW + "," + (sumOfMods(7) + sumOfMods(11))), rows(c, UNION));
    }
    Map<String, long[]> spans = spans();
    assertFalse(overlap(spans), "a pool of one ran two statements at once: " + describe(spans));
  }

  @Test
  void aCancelStopsEveryStatementAndReturnsTheConnections() throws Exception {
    String sql = "SELECT COUNT(*) FROM (SELECT i FROM a.slower UNION ALL SELECT i FROM b.slower) t";
    try (Connection c = parallel.connect(); PreparedStatement statement = c.prepareStatement(sql)) {
      ScheduledExecutorService canceller = Executors.newSingleThreadScheduledExecutor();
      long[] cancelledAt = new long[1];
      try {
        canceller.schedule(() -> {
          cancelledAt[0] = System.nanoTime();
          statement.cancel();
          return null;
        }, 500, TimeUnit.MILLISECONDS);
        SQLException error = assertThrows(SQLException.class, () -> rows(statement.executeQuery()));
        long millis = (System.nanoTime() - cancelledAt[0]) / 1_000_000;
        assertEquals("57014", error.getSQLState(), error::getMessage);
        assertTrue(millis < 2000, "the query ended " + millis + " ms after the cancel");
      } finally {
        canceller.shutdownNow();
      }
      parallel.assertPoolsIdle();
      Map<String, long[]> spans = spans();
      assertTrue(overlap(spans), "the statements did not run at once: " + describe(spans));
      long last = Math.max(spans.get("a")[1], spans.get("b")[1]);
      assertTrue((last - cancelledAt[0]) / 1_000_000 < 2000, "a statement ran on long after the cancel");
    }
  }

  @Test
  void aFailingParallelStatementReportsWhatTheSameStatementReportsOnTheQueryThread() throws Exception {
    String sql = "SELECT COUNT(*), SUM(v) FROM (SELECT i, v FROM a.slow UNION ALL SELECT i, v FROM b.bad) t";
    SQLException sequential;
    try (Connection c = off.connect()) {
      sequential = assertThrows(SQLException.class, () -> rows(c, sql));
    }
    try (Connection c = parallel.connect()) {
      SQLException failed = assertThrows(SQLException.class, () -> rows(c, sql));
      assertEquals(sequential.getSQLState(), failed.getSQLState(), failed::getMessage);
      assertEquals(sequential.getMessage().replace(off.source, parallel.source), failed.getMessage());
      assertTrue(failed.getSQLState().startsWith("22"), failed::getSQLState);
      parallel.assertPoolsIdle();
      // the mesh serves on
      assertEquals(List.of(String.valueOf(FEW)), rows(c, "SELECT COUNT(*) FROM b.few"));
    }
  }

  @Test
  void aResultClosedEarlyStopsTheOtherStatementsAndReturnsTheConnections() throws Exception {
    // The first rows come from a at once; b's statement takes three seconds or more, and runs meanwhile.
    String sql = "SELECT i FROM a.few UNION ALL SELECT i FROM b.slower";
    try (Connection c = parallel.connect(); PreparedStatement statement = c.prepareStatement(sql)) {
      long closing;
      try (ResultSet rs = statement.executeQuery()) {
        assertTrue(rs.next());
        // A worker runs b's statement while the query reads a's rows; a loaded machine may start it late.
        assertTrue(paused("b", 10_000), "b's statement never started");
        closing = System.nanoTime();
      }
      parallel.assertPoolsIdle();
      long millis = (System.nanoTime() - closing) / 1_000_000;
      assertTrue(millis < MANY / 2, "closing waited for b's statement: " + millis + " ms");
    }
  }

  /** Whether a row of database {@code db} has paused within {@code millis}. */
  private static boolean paused(String db, long millis) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (System.nanoTime() < deadline) {
      if (PAUSES.stream().anyMatch(p -> p[0].equals(db))) {
        return true;
      }
      Thread.sleep(10);
    }
    return false;
  }

  @Test
  void aSettingThatIsNotANumberIsReportedWithItsLine() {
    Path descriptor = write(dir.resolve("bad-parallel.yaml"), """
        name: bad
        settings:
          parallelStatements: -2
        domains: []
        """);
    MeshException bad = assertThrows(MeshException.class, () -> Mesh.fromYaml(descriptor));
    assertTrue(bad.getMessage().contains("bad-parallel.yaml:3: field 'parallelStatements' of the mesh's settings must"
        + " be a whole number of statements, 0 to run each query's statements one after another: -2"), bad.getMessage());
  }

  private static long sumOfMods(int modulus) {
    long sum = 0;
    for (int i = 1; i <= FEW; i++) {
      sum += i % modulus;
    }
    return sum;
  }

  /** Each database's first pause start and last pause end. */
  private static Map<String, long[]> spans() {
    return PAUSES.stream().collect(Collectors.toMap(p -> (String) p[0], p -> new long[] {(long) p[1], (long) p[2]},
        (x, y) -> new long[] {Math.min(x[0], y[0]), Math.max(x[1], y[1])}));
  }

  private static boolean overlap(Map<String, long[]> spans) {
    long[] a = spans.get("a");
    long[] b = spans.get("b");
    return a[0] < b[1] && b[0] < a[1];
  }

  private static String describe(Map<String, long[]> spans) {
    long zero = Math.min(spans.get("a")[0], spans.get("b")[0]);
    return spans.entrySet().stream().map(e -> e.getKey() + " " + (e.getValue()[0] - zero) / 1_000_000 + "-"
        + (e.getValue()[1] - zero) / 1_000_000 + " ms").collect(Collectors.joining(", "));
  }

  /** A mesh over databases a and b, its pools of {@code poolSize} registered with JMX. */
  private static final class TestMesh {
    final Mesh mesh;
    final String source;

    TestMesh(String id, int poolSize, String settings) {
      source = "db_" + id;
      String pool = "pool: {maximumPoolSize: " + poolSize + ", registerMbeans: true, connectionTimeout: 2000}";
      StringBuilder yaml = new StringBuilder("name: parallel\n" + settings + "\ndomains:\n");
      for (String[] domain : new String[][] {{"a", urlA}, {"b", urlB}}) {
        yaml.append("""
              - name: %1$s
                owner: %1$s@example.com
                members: {users: [ann]}
                sources:
                  - {name: %2$s, type: jdbc, url: "%3$s", user: sa, password: "", %4$s}
                products:
                  - {name: few, description: numbers, sql: "SELECT * FROM %2$s.few"}
                  - {name: slow, description: numbers slowly, sql: "SELECT * FROM %2$s.slow"}
                  - {name: slower, description: more numbers slowly, sql: "SELECT * FROM %2$s.slower"}
                  - {name: bad, description: a division by zero, sql: "SELECT * FROM %2$s.bad"}
            """.formatted(domain[0], source, domain[1], pool));
      }
      yaml.append("""
          policies:
            - name: everyone-reads-everything
              grant: {products: ["*"]}
          """);
      mesh = Mesh.fromYaml(write(dir.resolve(id + ".yaml"), yaml.toString()));
    }

    Connection connect() throws SQLException {
      return mesh.connect(Principal.of("ann"));
    }

    void assertPoolsIdle() {
      for (String domain : List.of("a", "b")) {
        try {
          ObjectName name = new ObjectName("com.zaxxer.hikari:type=Pool (meshkit-" + domain + "." + source + ")");
          assertEquals(0, ManagementFactory.getPlatformMBeanServer().getAttribute(name, "ActiveConnections"),
              "connections of " + domain + "'s pool still checked out");
        } catch (JMException e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }
}
