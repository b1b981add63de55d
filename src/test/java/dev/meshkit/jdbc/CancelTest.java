package dev.meshkit.jdbc;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.jdbc.StopMesh.Stopped;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statement.cancel and setQueryTimeout stop a query within about a second wherever it works: in
 * the JVM's joins, sorts and aggregates, in a file scan, or inside a database; the statement then
 * fails with SQLState 57014, its source connections are back in their pools, and it runs again.
 */
class CancelTest {

  /** Three-way cross joins: without a stop, hours of work. */
  static final String JVM_CROSS_JOIN =
      "SELECT COUNT(*) FROM a.n x, b.m y, b.m z WHERE x.v + y.v + z.v < 0";
  static final String JVM_SORT = "SELECT x.i, y.i FROM a.n x, b.m y, f.big z ORDER BY x.v * y.v * z.v";
  static final String JVM_AGGREGATE =
      "SELECT x.v + y.v + z.v AS s, COUNT(*) FROM a.n x, b.m y, f.big z GROUP BY x.v + y.v + z.v";
  static final String FILE_SCAN = "SELECT COUNT(*) FROM f.huge x, f.huge y WHERE x.v + y.v < 0";
  static final String IN_H2 = "SELECT COUNT(*) FROM a.n x, a.n y, a.n z WHERE x.v + y.v + z.v < 0";

  /** Generous for a loaded machine; the measured times are well under a second. */
  static final long STOP_MILLIS = 2000;

  @TempDir
  static Path dir;
  static StopMesh fixture;

  @BeforeAll
  static void load() throws Exception {
    fixture = new StopMesh(dir, "", 4);
  }

  @AfterAll
  static void close() {
    fixture.close();
  }

  @Test
  void cancelStopsJoinsSortsAggregatesAndScansInTheJvm() throws Exception {
    try (Connection c = fixture.connect()) {
      for (String sql : new String[] {JVM_CROSS_JOIN, JVM_SORT, JVM_AGGREGATE, FILE_SCAN}) {
        Stopped stopped = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> StopMesh.cancelAfter(c, sql, 700));
        assertCancelled(stopped, sql);
        fixture.assertPoolsIdle();
      }
      assertEquals(StopMesh.ROWS, StopMesh.count(c, "SELECT COUNT(*) FROM a.n"));
    }
  }

  @Test
  void cancelStopsAQueryRunningInsideTheDatabase() throws Exception {
    try (Connection c = fixture.connect()) {
      Stopped stopped = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> StopMesh.cancelAfter(c, IN_H2, 700));
      assertCancelled(stopped, IN_H2);
      fixture.assertPoolsIdle();
    }
  }

  @Test
  void aTimedOutStatementStopsAtItsTimeoutAndRunsAgain() throws Exception {
    try (Connection c = fixture.connect(); PreparedStatement s = c.prepareStatement(JVM_CROSS_JOIN)) {
      s.setQueryTimeout(1);
      assertEquals(1, s.getQueryTimeout());
      for (int run = 0; run < 2; run++) {
        long start = System.nanoTime();
        SQLException timedOut = assertTimeoutPreemptively(Duration.ofSeconds(60),
            () -> assertThrows(SQLException.class, () -> StopMesh.drain(s.executeQuery())));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("57014", timedOut.getSQLState(), timedOut::getMessage);
        assertEquals("the statement ran past its query timeout of 1 s (Statement.setQueryTimeout) and was cancelled"
            + " (SQLState 57014)",
            timedOut.getMessage());
        assertTrue(millis >= 1000 && millis < 1000 + STOP_MILLIS, "timed out after " + millis + " ms");
        fixture.assertPoolsIdle();
      }
      s.setQueryTimeout(0);
      try (Statement plain = c.createStatement()) {
        plain.setQueryTimeout(1);
        assertThrows(SQLException.class, () -> StopMesh.drain(plain.executeQuery(IN_H2)));
        // The timeout bounds each execution; a short one after it has the whole second again.
        assertEquals(StopMesh.ROWS, StopMesh.drain(plain.executeQuery("SELECT i FROM a.n")));
      }
    }
  }

  @Test
  void aCancelledStatementRunsAgainAndCancelWithNothingRunningDoesNothing() throws Exception {
    try (Connection c = fixture.connect(); Statement s = c.createStatement()) {
      s.cancel();
      assertEquals(StopMesh.ROWS, StopMesh.drain(s.executeQuery("SELECT i FROM b.m")));
      try (PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM a.n x, b.m y WHERE x.v + y.v < ?")) {
        p.setInt(1, Integer.MAX_VALUE);
        assertCancelled(StopMesh.cancelAfter(p, 300), "the prepared statement");
        p.setInt(1, 0);
        assertEquals(1, assertDoesNotThrow(() -> StopMesh.drain(p.executeQuery())));
      }
      assertEquals(StopMesh.ROWS, StopMesh.drain(s.executeQuery("SELECT i FROM b.m")));
      s.close();
      SQLException closed = assertThrows(SQLException.class, s::cancel);
      assertEquals("HY010", closed.getSQLState());
    }
  }

  @Test
  void aNegativeTimeoutIsRefused() throws Exception {
    try (Connection c = fixture.connect(); Statement s = c.createStatement()) {
      SQLException negative = assertThrows(SQLException.class, () -> s.setQueryTimeout(-1));
      assertEquals("22023", negative.getSQLState());
      assertEquals(0, s.getQueryTimeout());
    }
  }

  static void assertCancelled(Stopped stopped, String sql) {
    assertEquals("57014", stopped.error().getSQLState(), () -> sql + ": " + stopped.error().getMessage());
    assertEquals("the statement was cancelled (Statement.cancel) (SQLState 57014)", stopped.error().getMessage());
    assertTrue(stopped.millisAfterStop() < STOP_MILLIS, sql + " stopped " + stopped.millisAfterStop()
        + " ms after the cancel");
    System.out.println("[cancel] " + stopped.millisAfterStop() + " ms: " + sql);
  }
}
