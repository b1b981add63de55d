package dev.meshkit.jdbc;

import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * A mesh for queries that run long or hold much, loaded from a descriptor: {@code a.n} and
 * {@code b.m}, 3,000 rows each in two H2 databases (so joining them runs in the JVM), and
 * {@code f.big} (3,000 rows) and {@code f.huge} (300,000 rows) in a CSV folder. Pools register with
 * JMX so that tests can see connections come back.
 */
final class StopMesh implements AutoCloseable {

  static final int ROWS = 3000;
  static final int HUGE = 300_000;

  final Mesh mesh;
  private final String id;
  /** The URLs of domain a's and b's H2 databases, for reading or changing them behind the mesh's back. */
  final String urlA;
  final String urlB;

  /**
   * @param settings the descriptor's {@code settings:} mapping, or "" for none
   * @param poolSize the H2 sources' maximumPoolSize
   */
  StopMesh(Path dir, String settings, int poolSize) throws SQLException {
    id = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String a = h2("stop_a_" + id, "CREATE TABLE n(i INT PRIMARY KEY, v INT)",
        "INSERT INTO n SELECT X, MOD(X, 97) FROM SYSTEM_RANGE(1, " + ROWS + ")",
        "CREATE TABLE spare(i INT PRIMARY KEY)", "INSERT INTO spare SELECT X FROM SYSTEM_RANGE(1, 97)");
    urlA = a;
    String b = h2("stop_b_" + id, "CREATE TABLE m(i INT PRIMARY KEY, v INT)",
        "INSERT INTO m SELECT X, MOD(X, 89) FROM SYSTEM_RANGE(1, " + ROWS + ")");
    urlB = b;
    StringBuilder big = new StringBuilder("i,v\n");
    for (int i = 1; i <= ROWS; i++) {
      big.append(i).append(',').append(i % 101).append('\n');
    }
    write(dir.resolve("files/big.csv"), big.toString());
    StringBuilder huge = new StringBuilder(HUGE * 12).append("i,v\n");
    for (int i = 1; i <= HUGE; i++) {
      huge.append(i).append(',').append(i % 1000).append('\n');
    }
    write(dir.resolve("files/huge.csv"), huge.toString());
    String pool = "pool: {maximumPoolSize: " + poolSize + ", registerMbeans: true, connectionTimeout: 2000}";
    Path descriptor = write(dir.resolve("mesh-" + id + ".yaml"), """
        name: stop
        %5$s
        domains:
          - name: a
            owner: a@example.com
            sources:
              - {name: db_%1$s, type: jdbc, url: "%2$s;QUERY_CACHE_SIZE=0", user: sa, password: "", %4$s}
            products:
              - {name: n, description: numbers, sql: "SELECT * FROM db_%1$s.n"}
              - {name: spare, description: a table to drop, sql: "SELECT * FROM db_%1$s.spare"}
          - name: b
            owner: b@example.com
            sources:
              - {name: db_%1$s, type: jdbc, url: "%3$s;QUERY_CACHE_SIZE=0", user: sa, password: "", %4$s}
            products:
              - {name: m, description: more numbers, sql: "SELECT * FROM db_%1$s.m"}
          - name: f
            owner: f@example.com
            sources:
              - {name: files, type: csv, path: files}
            products:
              - {name: big, description: a file, sql: "SELECT * FROM files.big"}
              - {name: huge, description: a bigger file, sql: "SELECT * FROM files.huge"}
        policies:
          - name: everyone-reads-everything
            grant: {products: ["*"]}
        """.formatted(id, a, b, pool, settings));
    mesh = Mesh.fromYaml(descriptor);
  }

  Connection connect() throws SQLException {
    return mesh.connect(Principal.of("ann"));
  }

  /** Connections of domain {@code domain}'s pool checked out right now. */
  int active(String domain) {
    try {
      ObjectName name = new ObjectName("com.zaxxer.hikari:type=Pool (meshkit-" + domain + ".db_" + id + ")");
      return (Integer) ManagementFactory.getPlatformMBeanServer().getAttribute(name, "ActiveConnections");
    } catch (JMException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Asserts that both database pools have every connection back. */
  void assertPoolsIdle() {
    assertEquals(0, active("a"), "connections of a's pool still checked out");
    assertEquals(0, active("b"), "connections of b's pool still checked out");
  }

  /** How a statement ended when something stopped it, and how long after the stop. */
  record Stopped(SQLException error, long millisAfterStop) {
  }

  /**
   * Runs {@code sql} to its last row on a prepared statement (so planning is done first), cancels it
   * from another thread after {@code afterMillis}, and measures how long the executing thread took
   * to get the error after the cancel.
   */
  static Stopped cancelAfter(Connection c, String sql, long afterMillis) throws Exception {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      return cancelAfter(statement, afterMillis);
    }
  }

  /** Executes {@code statement} to its last row, cancelling it from another thread after {@code afterMillis}. */
  static Stopped cancelAfter(PreparedStatement statement, long afterMillis) throws Exception {
    ScheduledExecutorService canceller = Executors.newSingleThreadScheduledExecutor();
    try {
      AtomicLong cancelledAt = new AtomicLong();
      canceller.schedule(() -> {
        cancelledAt.set(System.nanoTime());
        statement.cancel();
        return null;
      }, afterMillis, TimeUnit.MILLISECONDS);
      SQLException error = assertThrows(SQLException.class, () -> drain(statement.executeQuery()));
      long millis = (System.nanoTime() - cancelledAt.get()) / 1_000_000;
      return new Stopped(error, millis);
    } finally {
      canceller.shutdownNow();
    }
  }

  /** Reads every row. */
  static long drain(ResultSet rs) throws SQLException {
    try (rs) {
      long n = 0;
      while (rs.next()) {
        n++;
      }
      return n;
    }
  }

  static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public void close() {
    mesh.close();
  }
}
