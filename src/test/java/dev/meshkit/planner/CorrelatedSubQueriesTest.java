package dev.meshkit.planner;

import dev.meshkit.SqlMesh;
import dev.meshkit.SqlMeshTestBase;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Correlated sub-queries against one H2 database: where an input of the outer query keeps none of
 * its columns (Calcite's early removal of unused columns failed there), and under aggregates whose
 * grouping keys are all constants (Calcite's decorrelator grouped those by nothing, one row for
 * empty input).
 */
class CorrelatedSubQueriesTest extends SqlMeshTestBase {

  /** Every ordered pair of different domains: the outer table, and the one it crosses. */
  static List<String[]> pairs() {
    return SqlMesh.DOMAINS.stream().flatMap(a -> SqlMesh.DOMAINS.stream().filter(b -> !b.equals(a))
        .map(b -> new String[] {a, b})).toList();
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void overACrossJoinWhoseOtherSideKeepsNoColumn(String outer, String other) throws SQLException {
    same("SELECT 1 AS c0 FROM %1$stab0 AS a1 CROSS JOIN %2$stab1 AS a2 WHERE ((SELECT TRUE AS c0"
        + " FROM (SELECT MIN('a') AS c0 FROM %2$stab1 AS a4) AS q3 WHERE (CAST(4.75 AS DOUBLE PRECISION) <> a1.col0)))",
        outer, other);
    same("SELECT a1.col0 FROM %1$stab0 AS a1 CROSS JOIN %2$stab1 AS a2"
        + " WHERE EXISTS (SELECT 1 FROM %2$stab1 AS a4 WHERE a1.col0 > 60) ORDER BY 1", outer, other);
    same("SELECT COUNT(*) FROM %1$stab0 AS a1, %2$stab1 AS a2"
        + " WHERE NOT EXISTS (SELECT 1 FROM %1$stab1 AS a4 WHERE a4.col0 = a1.col0 + 4)", outer, other);
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void inAScalarSubQueryOfTheSelectListOverAJoin(String outer, String other) throws SQLException {
    same("SELECT a2.col1 AS c0, (SELECT CAST(NULL AS DOUBLE PRECISION) FROM %1$stab1 AS a4"
        + " WHERE a4.col0 = 51 AND a1.col2 = 96) AS c1 FROM %2$stab1 AS a1 JOIN %1$stab0 AS a2 ON a1.col0 > a2.col1"
        + " ORDER BY 1, 2", outer, other);
    same("SELECT n.c0, n.c1 FROM (SELECT a2.col1 AS c0, (SELECT a4.col1 FROM %1$stab1 AS a4 WHERE a4.col0 = a1.col0)"
        + " AS c1, CAST(NULL AS BOOLEAN) AS c2 FROM %2$stab1 AS a1 JOIN %1$stab0 AS a2 ON a1.col0 > a2.col1) AS n"
        + " WHERE n.c2 IS NOT TRUE ORDER BY 1, 2", outer, other);
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void distinctConstantsOverACorrelatedIn(String outer, String other) throws SQLException {
    String in = "FROM %1$stab0 AS a1 WHERE a1.col0 IN (SELECT a2.col0 + 46 FROM %2$stab1 AS a2"
        + " WHERE a2.col1 < a1.col2 - CAST(? AS INTEGER))";
    for (int parameter : new int[] {90, 0}) {
      same("SELECT DISTINCT CAST(NULL AS BIGINT) AS c0 " + in, outer, other, parameter);
      same("SELECT 'k', COUNT(*), SUM(a1.col1) " + in + " GROUP BY 'k'", outer, other, parameter);
      same("(SELECT DISTINCT 1 AS c0 " + in + " AND TRUE) UNION (SELECT DISTINCT 1 AS c0 " + in + " AND NOT TRUE)",
          outer, other, parameter, parameter);
    }
  }

  /** Calcite's converter projected the select list over the wrong fields where the ON computes an operand. */
  @ParameterizedTest
  @MethodSource("pairs")
  void inTheSelectListOverAJoinWhoseConditionComputes(String outer, String other) throws SQLException {
    for (String on : List.of("a.col0 = b.a", "a.col0 + 0 = b.a", "CAST(a.col0 AS BIGINT) = b.a + b.b - b.b")) {
      for (String join : List.of("JOIN", "LEFT JOIN", "RIGHT JOIN")) {
        same("SELECT b.b, (SELECT MIN(t.col1) FROM %2$stab1 t WHERE a.col0 = t.col0) FROM %1$stab0 a " + join
            + " %2$sbig b ON " + on + " ORDER BY 1 NULLS FIRST, 2 NULLS FIRST", outer, other);
        same("SELECT a.col1, (SELECT COUNT(*) FROM %1$stab1 t WHERE t.col0 > a.col0 AND b.b IS NULL) FROM %1$stab0 a "
            + join + " %2$sbig b ON " + on + " ORDER BY 1 NULLS FIRST, 2", outer, other);
      }
    }
  }

  /** Calcite's decorrelator failed on the DISTINCT; the select list of an EXISTS is never read. */
  @ParameterizedTest
  @MethodSource("pairs")
  void aDistinctCorrelatedScalarSubQueryUnderExists(String outer, String other) throws SQLException {
    for (String where : List.of("a1.col0 = a1.col0", "a1.col0 = a3.col0", "a1.col0 > a3.col0 + 50")) {
      same("SELECT a1.col1 FROM %1$stab0 a1 WHERE EXISTS (SELECT DISTINCT (SELECT SUM(a3.col1) FROM %2$stab1 a3"
          + " WHERE " + where + ") FROM %2$stab1 a2 WHERE a2.col1 > 5 ORDER BY 1) ORDER BY 1", outer, other);
      same("SELECT a1.col1 FROM %1$stab0 a1 WHERE NOT EXISTS (SELECT DISTINCT (SELECT MIN(a3.col1) FROM %2$stab1 a3"
          + " WHERE " + where + "), a2.col0 FROM %2$stab1 a2 WHERE a2.col0 < a1.col0 - 40) ORDER BY 1", outer, other);
    }
  }

  @Test
  void aCorrelatedScalarSubQueryOfDistinctConstants() throws SQLException {
    same("SELECT a1.col0, (SELECT DISTINCT 'x' FROM %2$stab1 AS a2 WHERE a2.col0 + 46 = a1.col0) FROM %1$stab0 AS a1"
        + " ORDER BY 1", "h2.", "files.");
  }

  /** The statement over the mesh, its tables in {@code outer} and {@code other}, answers as over H2. */
  private static void same(String query, String outer, String other, int... parameters) throws SQLException {
    String o = outer.endsWith(".") ? outer : outer + ".";
    String p = other.endsWith(".") ? other : other + ".";
    assertPreparedAnswersAsReference(query.formatted("", ""), query.formatted(o, p), parameters);
  }
}
