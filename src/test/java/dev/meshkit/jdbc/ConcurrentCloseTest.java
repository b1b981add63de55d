package dev.meshkit.jdbc;

import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.management.JMException;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Closing a statement or a connection from another thread while a query runs at the source ends
 * the query's use of the source: the pool gets its connection back and the executing thread an
 * SQLException. The source query blocks in an H2 function ({@link #pause}) until the test lets it
 * go, so the close always lands while the statement executes.
 */
public class ConcurrentCloseTest {

  private static final String SLOW = "SELECT n FROM sales.slow";

  static Mesh mesh;
  static ObjectName pool;
  /** Counted down when the source query is in {@link #pause}; null when pausing is off. */
  static volatile CountDownLatch entered;
  static volatile CountDownLatch release;

  final ExecutorService threadA = Executors.newSingleThreadExecutor();

  @BeforeAll
  static void load() throws SQLException, JMException {
    String url = h2("concurrent_close",
        "CREATE ALIAS PAUSE FOR '" + ConcurrentCloseTest.class.getName() + ".pause'",
        "CREATE VIEW slow AS SELECT PAUSE(X) AS n FROM SYSTEM_RANGE(1, 3)",
        "CREATE TABLE numbers(n INT PRIMARY KEY)",
        "INSERT INTO numbers SELECT X FROM SYSTEM_RANGE(1, 1000)");
    mesh = Mesh.builder().grant("everyone-reads-everything", "*").name("close")
        .domain("sales", d -> d
            .source("erp_close", "jdbc", Map.of("url", url, "user", "sa", "password", "",
                "pool", Map.of("registerMbeans", true)))
            .product("slow", "SELECT * FROM erp_close.slow")
            .product("numbers", "SELECT * FROM erp_close.numbers"))
        .build();
    pool = new ObjectName("com.zaxxer.hikari:type=Pool (meshkit-sales.erp_close)");
  }

  @AfterAll
  static void close() {
    mesh.close();
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (release != null) {
      release.countDown();
    }
    entered = null;
    threadA.shutdownNow();
    assertTrue(threadA.awaitTermination(10, TimeUnit.SECONDS));
  }

  /** Called by H2 for every row of the view: blocks the source query while a test holds it. */
  public static long pause(long n) throws InterruptedException {
    CountDownLatch in = entered;
    if (in != null) {
      in.countDown();
      release.await(30, TimeUnit.SECONDS);
    }
    return n;
  }

  @Test
  void statementClosedByAnotherThreadWhileExecutingReleasesTheSourceConnection() throws Exception {
    try (Connection c = mesh.connect(Principal.of("ann"))) {
      Statement s = c.createStatement();
      Future<Object> a = executeOnThreadA(s);
      s.close();
      assertTrue(s.isClosed());
      release.countDown();
      assertClosedWhileExecuting(a);
      SQLException again = assertThrows(SQLException.class, () -> s.executeQuery(SLOW));
      assertEquals("the statement is closed", again.getMessage());
      assertEquals(List.of("1", "2", "3"), rows(c, SLOW), "the connection still works");
    }
    assertNoActiveSourceConnection();
  }

  @Test
  void preparedStatementClosedByAnotherThreadWhileExecutingReleasesTheSourceConnection() throws Exception {
    try (Connection c = mesh.connect(Principal.of("ann"))) {
      Statement s = c.prepareStatement(SLOW);
      Future<Object> a = executeOnThreadA(s);
      s.close();
      release.countDown();
      assertClosedWhileExecuting(a);
    }
    assertNoActiveSourceConnection();
  }

  @Test
  void connectionClosedByAnotherThreadWhileExecutingReleasesTheSourceConnection() throws Exception {
    Connection c = mesh.connect(Principal.of("ann"));
    Statement s = c.createStatement();
    Future<Object> a = executeOnThreadA(s);
    c.close();
    release.countDown();
    assertClosedWhileExecuting(a);
    assertTrue(s.isClosed());
    assertNoActiveSourceConnection();
  }

  @Test
  void statementClosedByAnotherThreadWhileItsResultSetIsHalfReadReleasesTheSourceConnection() throws Exception {
    try (Connection c = mesh.connect(Principal.of("ann"))) {
      Statement s = c.createStatement();
      ResultSet rs = threadA.submit(() -> {
        ResultSet r = s.executeQuery("SELECT n FROM sales.numbers ORDER BY n");
        r.next();
        return r;
      }).get(10, TimeUnit.SECONDS);
      assertEquals(1, activeSourceConnections());
      s.close();
      assertTrue(rs.isClosed());
      ExecutionException next =
          assertThrows(ExecutionException.class, () -> threadA.submit(rs::next).get(10, TimeUnit.SECONDS));
      assertInstanceOf(SQLException.class, next.getCause());
    }
    assertNoActiveSourceConnection();
  }

  @Test
  void connectionClosedWhileAResultSetIsHalfReadReleasesTheSourceConnection() throws Exception {
    Connection c = mesh.connect(Principal.of("ann"));
    Statement s = c.createStatement();
    ResultSet rs = s.executeQuery("SELECT n FROM sales.numbers ORDER BY n");
    rs.next();
    assertEquals(1, activeSourceConnections());
    c.close();
    assertTrue(s.isClosed());
    assertTrue(rs.isClosed());
    assertNoActiveSourceConnection();
  }

  /** Starts {@code s} on thread A and returns once its source query is running. */
  private Future<Object> executeOnThreadA(Statement s) throws InterruptedException {
    release = new CountDownLatch(1);
    entered = new CountDownLatch(1);
    Future<Object> a = threadA.submit(() -> {
      try (ResultSet rs = s instanceof java.sql.PreparedStatement ps ? ps.executeQuery() : s.executeQuery(SLOW)) {
        return rows(rs);
      } catch (SQLException e) {
        return e;
      }
    });
    assertTrue(entered.await(10, TimeUnit.SECONDS), "the source query started");
    return a;
  }

  private static void assertClosedWhileExecuting(Future<Object> a) throws Exception {
    Object outcome = a.get(10, TimeUnit.SECONDS);
    SQLException e = assertInstanceOf(SQLException.class, outcome, () -> "thread A read " + outcome);
    assertEquals("the statement was closed while it executed", e.getMessage());
    assertEquals("HY008", e.getSQLState());
  }

  private static void assertNoActiveSourceConnection() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (activeSourceConnections() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(0, activeSourceConnections(), "source connections still checked out of the pool");
  }

  private static int activeSourceConnections() {
    try {
      return (Integer) ManagementFactory.getPlatformMBeanServer().getAttribute(pool, "ActiveConnections");
    } catch (JMException e) {
      throw new IllegalStateException("no pool MBean " + pool, e);
    }
  }
}
