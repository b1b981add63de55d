package dev.meshkit.jdbc;

import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.MeshException;
import dev.meshkit.MeshTesting;
import dev.meshkit.Principal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code settings: {maxQueryRows: n}} (or {@code Mesh.builder().maxQueryRows(n)}) bounds the rows
 * the JVM holds for one query: sorts, hash join build sides, set operations and the groups of
 * aggregates count, rows streamed to the caller do not. Over it the query fails with SQLState 53200,
 * the mesh keeps serving and the source connections are back in their pools.
 */
class MemoryLimitTest {

  /** Between the 3,000 rows of a table and the 1,000 groups of f.huge by v. */
  static final int LIMIT = 2000;

  @TempDir
  static Path dir;
  static StopMesh fixture;

  @BeforeAll
  static void load() throws Exception {
    fixture = new StopMesh(dir, "settings: {maxQueryRows: " + LIMIT + "}", 4);
  }

  @AfterAll
  static void close() {
    fixture.close();
  }

  @Test
  void whatTheJvmHoldsPastTheLimitFailsTheQuery() throws Exception {
    String[] holding = {
        "SELECT i, v FROM f.big ORDER BY v DESC, i",                            // a sort of 3,000 rows
        "SELECT x.i FROM a.n x JOIN b.m y ON x.i = y.i",                         // a hash join building on 3,000
        "SELECT i, COUNT(*) FROM f.huge GROUP BY i",                            // 300,000 groups
        "SELECT i, v, COUNT(*) FROM f.big GROUP BY GROUPING SETS ((i), (v))",   // 3,000 + 101 groups
        "SELECT DISTINCT i FROM f.big",                                          // 3,000 distinct rows
        "SELECT i FROM a.n UNION SELECT i FROM b.m",                             // a set of 3,000
        "SELECT i, ROW_NUMBER() OVER (ORDER BY v) FROM f.big",                  // a window over 3,000
        "SELECT x.i FROM a.n x, b.m y WHERE x.i = y.v ORDER BY x.i",
    };
    try (Connection c = fixture.connect()) {
      for (String sql : holding) {
        SQLException over = assertThrows(SQLException.class, () -> rows(c, sql), sql);
        assertEquals("53200", over.getSQLState(), () -> sql + ": " + over.getMessage());
        assertEquals("the query holds more than " + LIMIT + " rows in memory for its joins, sorts and aggregates,"
            + " the limit set by the mesh's maxQueryRows setting; filter or aggregate in the sources first, or"
            + " raise the limit (SQLState 53200)", over.getMessage());
        fixture.assertPoolsIdle();
      }
    }
  }

  @Test
  void rowsStreamedOrGroupedBelowTheLimitPass() throws Exception {
    try (Connection c = fixture.connect()) {
      // Streamed rows, however many, are not held.
      assertEquals(StopMesh.HUGE, StopMesh.drain(c.createStatement().executeQuery("SELECT i, v FROM f.huge")));
      // 300,000 rows read, 1,000 groups held.
      assertEquals(1000, rows(c, "SELECT v, COUNT(*) FROM f.huge GROUP BY v").size());
      assertEquals(1001, rows(c, "SELECT v, COUNT(*) FROM f.huge GROUP BY ROLLUP (v)").size());
      assertEquals(List.of("1000"), rows(c, "SELECT COUNT(*) FROM (SELECT DISTINCT v FROM f.huge)"));
      // Sorts and joins pushed into the database hold nothing in the JVM.
      assertEquals(StopMesh.ROWS, rows(c, "SELECT i FROM a.n ORDER BY v, i").size());
      // A hash join holds only its build side.
      assertEquals(97, rows(c, "SELECT x.i FROM f.huge x JOIN (SELECT i FROM a.n WHERE i <= 97) y ON x.i = y.i").size());
      fixture.assertPoolsIdle();
    }
  }

  @Test
  void theBuilderSettingOverridesTheDescriptorAndZeroMeansNoLimit() throws Exception {
    String url = h2("memory_limit_builder", "CREATE TABLE t(i INT PRIMARY KEY)",
        "INSERT INTO t SELECT X FROM SYSTEM_RANGE(1, 500)");
    Path files = dir.resolve("builder");
    MeshTesting.write(files.resolve("t.csv"), "i\n" + "1\n".repeat(500));
    for (long limit : new long[] {100, 0}) {
      try (Mesh mesh = Mesh.builder().name("limited").maxQueryRows(limit).grant("all", "*")
          .domain("d", d -> d.owner("d@example.com")
              .jdbcSource("db", url, "sa", "")
              .source("files", "csv", Map.of("path", files.toString()))
              .product("t", "SELECT * FROM db.t").product("f", "SELECT * FROM files.t"))
          .build();
          Connection c = mesh.connect(Principal.of("ann"))) {
        String sort = "SELECT i FROM d.f ORDER BY i";
        if (limit == 0) {
          assertEquals(500, rows(c, sort).size());
        } else {
          SQLException over = assertThrows(SQLException.class, () -> rows(c, sort));
          assertTrue(over.getMessage().startsWith("the query holds more than 100 rows in memory"), over.getMessage());
        }
      }
    }
    assertThrows(IllegalArgumentException.class, () -> Mesh.builder().maxQueryRows(-1));
  }

  @Test
  void aLimitThatIsNotANumberIsReportedWithItsLine() {
    Path descriptor = MeshTesting.write(dir.resolve("bad-limit.yaml"), """
        name: bad
        settings:
          maxQueryRows: lots
          maxRows: 3
        domains: []
        """);
    MeshException bad = assertThrows(MeshException.class, () -> Mesh.fromYaml(descriptor));
    assertTrue(bad.getMessage().contains("bad-limit.yaml:3: field 'maxQueryRows' of the mesh's settings must be a whole"
        + " number of rows, 0 for no limit: lots"), bad.getMessage());
    assertTrue(bad.getMessage().contains("bad-limit.yaml:4: unknown field 'maxRows' in the mesh's settings"
        + " (accepted: maxQueryRows, metadataStore, parallelStatements, splitRows, watch)"), bad.getMessage());
  }
}
