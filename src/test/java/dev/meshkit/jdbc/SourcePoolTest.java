package dev.meshkit.jdbc;

import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A query never waits on its own source connections, and gives back every one it took however it
 * ends. The pools here hold one connection (two where the row limit is set), and nearly every query
 * below has more statements of source a open at once than that: scalar sub-queries read while the
 * outer rows of the same source stream, say. After each test no connection is checked out and the
 * sources answer.
 */
class SourcePoolTest {

  /** Beside the outer rows of a.n: two more statements of the same source, read while the outer one streams. */
  private static final String TWO_SCALARS =
      "(SELECT MAX(v) FROM a.n WHERE i < 10) + (SELECT MIN(v) FROM a.n WHERE i > 10)";
  /** Long enough to be stopped: a cross join in the JVM, with three statements of a open beside b's. */
  private static final String LONG = "SELECT COUNT(*) FROM a.n x, b.m y, b.m z WHERE x.v + y.v + z.v + " + TWO_SCALARS
      + " < 0";

  @TempDir
  static Path dir;
  @TempDir
  static Path limitedDir;
  static StopMesh fixture;
  /** The same mesh holding at most 1,000 rows in memory per query. */
  static StopMesh limited;
  /** An H2 database of its own holding copies of a.n and b.m, which answers what the mesh should. */
  static String expected;

  @BeforeAll
  static void load() throws Exception {
    fixture = new StopMesh(dir, "", 1);
    limited = new StopMesh(limitedDir, "settings: {maxQueryRows: 1000}", 2);
    expected = h2("pool_expected_" + UUID.randomUUID().toString().replace("-", ""),
        "CREATE LINKED TABLE source_n('org.h2.Driver', '" + fixture.urlA + "', 'sa', '', 'N')",
        "CREATE LINKED TABLE source_m('org.h2.Driver', '" + fixture.urlB + "', 'sa', '', 'M')",
        "CREATE TABLE n AS SELECT * FROM source_n", "CREATE TABLE m AS SELECT * FROM source_m");
  }

  @AfterAll
  static void close() {
    fixture.close();
    limited.close();
  }

  /** After every test, whatever it did: no connection is still checked out, and both sources answer. */
  @AfterEach
  void everyConnectionIsBackAndTheSourcesAnswer() throws Exception {
    for (StopMesh mesh : new StopMesh[] {fixture, limited}) {
      mesh.assertPoolsIdle();
      try (Connection c = mesh.connect()) {
        assertEquals(List.of(String.valueOf(StopMesh.ROWS)), rows(c, "SELECT COUNT(*) FROM a.n"));
        assertEquals(List.of(String.valueOf(StopMesh.ROWS)), rows(c, "SELECT COUNT(*) FROM b.m"));
      }
      mesh.assertPoolsIdle();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      // scalar sub-queries in the select list, read while the outer rows of the same source stream
      "SELECT x.i, y.i, (SELECT MAX(v) FROM a.n WHERE i < 10), (SELECT MIN(v) FROM a.n WHERE i > 10)"
          + " FROM a.n x, b.m y WHERE x.i < y.i AND y.i < 20 AND x.i < 20 ORDER BY x.i, y.i",
      // scalar sub-queries in a condition over a nested loop
      "SELECT x.i, y.i FROM a.n x, b.m y WHERE x.i < 20 AND y.i < 20"
          + " AND x.v + y.v < (SELECT MAX(v) FROM a.n WHERE i < 10) + (SELECT MIN(v) FROM a.n WHERE i > 10)"
          + " ORDER BY x.i, y.i",
      // a correlated EXISTS over a nested loop, its condition reading a scalar sub-query
      "SELECT x.i, y.i FROM a.n x, b.m y WHERE x.i < y.i AND y.i < 20 AND x.i < 20"
          + " AND EXISTS (SELECT 1 FROM a.n z WHERE z.v = x.v AND z.i > y.i * (SELECT MAX(v) FROM a.n))"
          + " ORDER BY x.i, y.i",
      // a correlated IN over a nested loop, likewise
      "SELECT x.i, y.i FROM a.n x, b.m y WHERE x.i < y.i AND y.i < 20 AND x.i < 20"
          + " AND x.i IN (SELECT z.i FROM a.n z WHERE z.v < y.i + (SELECT MIN(v) FROM a.n)) ORDER BY x.i, y.i",
      // a nested loop whose right input is the same source as its left
      "SELECT x.i, y.i FROM a.n x JOIN b.m y ON x.i < y.i JOIN a.n z ON z.i > y.i AND z.i < 33"
          + " WHERE x.i < 30 AND y.i < 30 ORDER BY x.i, y.i",
      // a union of branches of the same source, each with scalar sub-queries of its own
      "SELECT x.i FROM a.n x, b.m y WHERE x.i = y.i + 1"
          + " AND x.v < (SELECT MAX(v) FROM a.n WHERE i < 10) + (SELECT MIN(v) FROM a.n WHERE i > 10)"
          + " UNION SELECT x.i + 1000 FROM a.n x, b.m y WHERE x.i = y.i + 2"
          + " AND x.v > (SELECT MAX(v) FROM a.n WHERE i < 50) + (SELECT MIN(v) FROM a.n WHERE i > 50)"
          + " UNION SELECT x.i + 2000 FROM a.n x WHERE x.v = (SELECT MIN(v) FROM a.n WHERE i > 90) ORDER BY 1"})
  void aQueryNeedingMoreStatementsOfASourceAtOnceThanItsPoolHoldsAnswers(String sql) throws Exception {
    try (Connection c = fixture.connect()) {
      List<String> answer = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> rows(c, sql));
      assertEquals(direct(sql), answer);
    }
  }

  @Test
  void aSourceErrorAtPrepareGivesTheConnectionsBack() throws Exception {
    try (Connection h2 = DriverManager.getConnection(fixture.urlA, "sa", "");
        Statement s = h2.createStatement()) {
      s.execute("DROP TABLE spare");
    }
    try (Connection c = fixture.connect()) {
      // The outer statement or a scalar one may run first: the dropped table fails whichever comes.
      SQLException failed = assertThrows(SQLException.class,
          () -> rows(c, "SELECT i, " + TWO_SCALARS + " FROM a.spare"));
      assertTrue(failed.getMessage().startsWith("source 'db_"), failed.getMessage());
    }
  }

  @Test
  void anErrorMidStreamGivesTheConnectionsBack() throws Exception {
    try (Connection c = fixture.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT i / ((SELECT MAX(v) FROM a.n) - v), " + TWO_SCALARS + " FROM a.n")) {
      // MAX(v) is 96, which v reaches at i = 96: a division by zero in the JVM after rows were read.
      assertTrue(rs.next());
      SQLException failed = assertThrows(SQLException.class, () -> {
        while (rs.next()) {
          rs.getObject(1);
        }
      });
      assertEquals("22012", failed.getSQLState(), failed::getMessage);
      // The failed fetch ended the query: its connections are back while the result set is still open,
      // and reading on opens none.
      fixture.assertPoolsIdle();
      try {
        rs.next();
      } catch (SQLException afterTheEnd) {
        // Either way: what matters is what the pool has.
      }
      fixture.assertPoolsIdle();
    }
  }

  @Test
  void waitingOutThePoolsTimeoutGivesTheConnectionsBack() throws Exception {
    try (Connection holder = fixture.connect(); Statement held = holder.createStatement();
        ResultSet open = held.executeQuery("SELECT i FROM a.n");
        Connection c = fixture.connect()) {
      assertTrue(open.next());
      assertEquals(1, fixture.active("a"), "another query holds the pool's one connection");
      // The scalar sub-query's statement would share a connection, but the outer one gets none in time.
      SQLException unavailable = assertThrows(SQLException.class, () -> rows(c, "SELECT i, " + TWO_SCALARS
          + " FROM a.n"));
      assertTrue(unavailable.getSQLState().startsWith("08"), unavailable::getMessage);
      assertEquals(1, fixture.active("a"), "only the other query's connection is out");
    }
  }

  @Test
  void anErrorInAJvmOperatorGivesTheConnectionsBack() throws Exception {
    try (Connection c = fixture.connect()) {
      SQLException failed = assertThrows(SQLException.class, () -> rows(c, "SELECT x.v, COUNT(*) FROM a.n x"
          + " WHERE CAST(CASE WHEN x.i < 500 THEN '1' ELSE 'x' END || CAST(" + TWO_SCALARS + " AS VARCHAR) AS INTEGER)"
          + " > 0 GROUP BY x.v"));
      assertEquals("22018", failed.getSQLState(), failed::getMessage);
    }
  }

  @Test
  void aCancelGivesTheConnectionsBack() throws Exception {
    try (Connection c = fixture.connect()) {
      StopMesh.Stopped stopped = assertTimeoutPreemptively(Duration.ofSeconds(60),
          () -> StopMesh.cancelAfter(c, LONG, 500));
      assertEquals("57014", stopped.error().getSQLState(), stopped.error()::getMessage);
    }
  }

  @Test
  void aQueryTimeoutGivesTheConnectionsBack() throws Exception {
    try (Connection c = fixture.connect(); Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      SQLException failed = assertTimeoutPreemptively(Duration.ofSeconds(60),
          () -> assertThrows(SQLException.class, () -> StopMesh.drain(s.executeQuery(LONG))));
      assertEquals("57014", failed.getSQLState(), failed::getMessage);
    }
  }

  @Test
  void closingTheResultSetStatementOrConnectionAfterOneRowGivesTheConnectionsBack() throws Exception {
    String sql = "SELECT i, " + TWO_SCALARS + " FROM a.n";
    try (Connection c = fixture.connect()) {
      Statement s = c.createStatement();
      ResultSet rs = s.executeQuery(sql);
      assertTrue(rs.next());
      assertTrue(fixture.active("a") > 0, "the query reads source a");
      rs.close();
      fixture.assertPoolsIdle();
      rs = s.executeQuery(sql);
      assertTrue(rs.next());
      s.close();
      fixture.assertPoolsIdle();
    }
    Connection c = fixture.connect();
    ResultSet rs = c.createStatement().executeQuery(sql);
    assertTrue(rs.next());
    c.close();
  }

  @Test
  void theRowLimitGivesTheConnectionsBack() throws Exception {
    try (Connection c = limited.connect()) {
      SQLException failed = assertThrows(SQLException.class,
          () -> rows(c, "SELECT i, " + TWO_SCALARS + " FROM a.n ORDER BY v, i"));
      assertEquals("53200", failed.getSQLState(), failed::getMessage);
    }
  }

  @Test
  void aQueryThatFailsToPlanGivesTheConnectionsBack() throws Exception {
    try (Connection c = fixture.connect()) {
      SQLException failed = assertThrows(SQLException.class,
          () -> rows(c, "SELECT i, " + TWO_SCALARS + " FROM a.n TABLESAMPLE SYSTEM(50)"));
      assertEquals("0A000", failed.getSQLState(), failed::getMessage);
    }
  }

  /** The answer of H2 itself, over copies of the sources' tables named as the products. */
  private static List<String> direct(String sql) throws SQLException {
    try (Connection h2 = DriverManager.getConnection(expected, "sa", "")) {
      return rows(h2, sql.replace("a.n", "n").replace("b.m", "m"));
    }
  }
}
