package dev.meshkit.planner;

import static dev.meshkit.MeshTesting.rows;

import dev.meshkit.SqlMesh;
import dev.meshkit.SqlMeshTestBase;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Statements whose relations fold to no rows (a filter or join condition that is never true,
 * {@code LIMIT 0}) under projections, joins, aggregates and sorts: the mesh answers them as one
 * database does, with each table in every pair of sources. Such a relation is sorted on every
 * column, an order the planner once required of operators that could not deliver it.
 */
class EmptyRelationsTest extends SqlMeshTestBase {

  static List<String> queries() {
    return List.of(
        "SELECT AVG(1) AS c0 FROM %1$s.tab1 AS a JOIN (SELECT TRUE AS c0, ' a' AS c1, CAST(12 AS BIGINT)"
            + " AS c3 FROM %2$s.tab0) AS q ON CAST(NULL AS BOOLEAN) WHERE CAST(NULL AS BOOLEAN) GROUP BY q.c3",
        "SELECT col1 FROM %1$s.tab0 WHERE ((col0 = 1) IS NULL) IS NULL",
        "SELECT col2, col1 FROM %1$s.tab0 WHERE ((col0 = 1) IS NULL) IS NULL ORDER BY col1",
        "SELECT SUM(col1), COUNT(*) FROM %1$s.tab0 WHERE ((col0 = 1) IS NULL) IS NULL",
        "SELECT q.b, COUNT(*) FROM (SELECT 1 AS a, col1 AS b FROM %1$s.tab0 WHERE NULL) AS q GROUP BY q.b",
        "SELECT x.col1, y.col2 FROM %1$s.tab0 x JOIN %2$s.tab1 y ON x.col0 = y.col0 WHERE 1 = 2",
        "SELECT x.col1, y.k FROM %1$s.tab0 x LEFT JOIN (SELECT 5 AS j, col2 AS k FROM %2$s.tab1 WHERE"
            + " NULL) y ON x.col0 = y.k",
        "SELECT y, x FROM (VALUES (1, 2)) AS v(x, y) JOIN %1$s.tab0 t ON t.col0 = v.y WHERE NULL ORDER BY y DESC",
        "SELECT MAX(q.b) FROM (SELECT 'k' AS a, col1 AS b, col2 AS c FROM %1$s.tab0 WHERE col0 IS NULL"
            + " AND col0 = 1) q GROUP BY q.c, q.a",
        "SELECT col0 FROM %1$s.tab0 WHERE col0 IN (SELECT col1 FROM %2$s.tab1 WHERE NULL) ORDER BY col0",
        "SELECT 1 AS c0 FROM %1$s.tab0 ORDER BY 1 LIMIT 0",
        "SELECT col2, col1 FROM %1$s.tab0 ORDER BY col1 DESC, col2 LIMIT 0",
        "SELECT col2 FROM %1$s.tab0 ORDER BY col1 DESC LIMIT 0",
        "SELECT col2, COUNT(*) FROM %1$s.tab0 GROUP BY col2 ORDER BY 2 DESC, 1 LIMIT 0",
        "SELECT y.col2, x.col1 FROM %1$s.tab0 x JOIN %2$s.tab1 y ON x.col0 = y.col0 WHERE NULL ORDER BY x.col1",
        "SELECT q.c, COUNT(*) FROM (SELECT x.col0 AS a, 'k' AS b, y.col1 AS c FROM %1$s.tab0 x JOIN"
            + " %2$s.tab1 y ON NULL) q GROUP BY q.c",
        "SELECT DISTINCT q.c FROM (SELECT 1 AS a, col2 AS c FROM %1$s.tab0 WHERE ((col0 = 1) IS NULL) IS NULL) q",
        "SELECT COUNT(*), q.c FROM (SELECT col0 AS a, col1 AS c FROM %1$s.tab0 x WHERE ((x.col0 = 1) IS"
            + " NULL) IS NULL) q GROUP BY q.c",
        "SELECT q.c, AVG(q.a) FROM (SELECT x.col0 AS a, y.col2 AS c FROM %1$s.tab0 x, %2$s.tab1 y WHERE"
            + " x.col1 = y.col1 AND NULL) q GROUP BY q.c ORDER BY 1",
        "SELECT q.c, SUM(q.a) FROM (SELECT 2 AS a, CAST(12 AS BIGINT) AS c FROM %1$s.tab0 x JOIN"
            + " %2$s.tab1 y ON x.col0 = y.col0 WHERE NULL) q GROUP BY q.c",
        "SELECT q.c, MIN(q.a) FROM (SELECT 2 AS a, 'z' AS c FROM %1$s.tab0) q WHERE q.a IS NULL GROUP BY q.c");
  }

  static List<String[]> cases() {
    return queries().stream().flatMap(q -> SqlMesh.DOMAINS.stream().flatMap(a -> SqlMesh.DOMAINS.stream()
        .map(b -> new String[] {q, a, b}))).toList();
  }

  @ParameterizedTest(name = "{1}, {2}: {0}")
  @MethodSource("cases")
  void answersAsOneDatabase(String query, String a, String b) throws SQLException {
    String reference = query.replace("%1$s.", "").replace("%2$s.", "");
    assertAnswersAsReference(reference, query.formatted(a, b));
  }
}
