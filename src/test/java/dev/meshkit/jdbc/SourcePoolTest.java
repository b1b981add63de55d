package dev.meshkit.jdbc;

import static dev.meshkit.MeshTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A query gives back every source connection it took, however it ends, and one that needs more
 * connections of a source at once than the source's pool holds fails at once instead of waiting on
 * itself. The pools here hold one connection each.
 */
class SourcePoolTest {

  @TempDir
  static Path dir;
  static StopMesh fixture;

  @BeforeAll
  static void load() throws Exception {
    fixture = new StopMesh(dir, "", 1);
  }

  @AfterAll
  static void close() {
    fixture.close();
  }

  @Test
  void aQueryNeedingMoreConnectionsThanThePoolHoldsFailsAtOnce() throws Exception {
    // The scalar subquery is a second statement of the same source, read while the first streams.
    String twoAtOnce = "SELECT i, (SELECT MAX(v) FROM a.n WHERE i < 10) FROM a.n";
    try (Connection c = fixture.connect(); PreparedStatement prepared = c.prepareStatement(twoAtOnce)) {
      long start = System.nanoTime();
      SQLException drained = assertThrows(SQLException.class, () -> rows(prepared.executeQuery()));
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertEquals("53300", drained.getSQLState(), drained::getMessage);
      assertTrue(drained.getMessage().startsWith("the query needs more connections of source 'db_"), drained.getMessage());
      assertTrue(drained.getMessage().endsWith("' of domain 'a' at once than its pool holds (maximumPoolSize 1);"
          + " raise the pool's maximumPoolSize or simplify the query (SQLState 53300)"), drained.getMessage());
      // Well below the pool's 2 s connection timeout, which it would otherwise wait out.
      assertTrue(millis < 2000, millis + " ms");
      fixture.assertPoolsIdle();
      assertEquals(List.of(String.valueOf(StopMesh.ROWS)), rows(c, "SELECT COUNT(*) FROM a.n"));
    }
  }

  @Test
  void failedAndAbandonedQueriesGiveTheirConnectionsBack() throws Exception {
    try (Connection c = fixture.connect()) {
      // Failing in the source, in the JVM after rows were read, and over the row limit of a JVM operator.
      for (String failing : new String[] {"SELECT 1/0 FROM a.n", "SELECT x.i / (x.v - x.v) FROM a.n x, b.m y"}) {
        assertThrows(SQLException.class, () -> rows(c, failing), failing);
        fixture.assertPoolsIdle();
      }
      // Half read, then the statement closed without closing the result set.
      Statement s = c.createStatement();
      ResultSet rs = s.executeQuery("SELECT x.i FROM a.n x, b.m y");
      assertTrue(rs.next());
      assertEquals(1, fixture.active("a"));
      s.close();
      fixture.assertPoolsIdle();
      // Half read, then the connection closed.
      Connection other = fixture.connect();
      ResultSet open = other.createStatement().executeQuery("SELECT i FROM b.m");
      assertTrue(open.next());
      other.close();
      fixture.assertPoolsIdle();
      assertEquals(List.of(String.valueOf(StopMesh.ROWS)), rows(c, "SELECT COUNT(*) FROM b.m"));
    }
  }
}
