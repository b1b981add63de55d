package dev.meshkit.planner;

import static dev.meshkit.MeshTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshkit.SqlMeshTestBase;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Expressions that are NULL whatever their input (a division by a NULL, a comparison with one, a
 * CASE without a true branch) are planned and answered as NULL, in every kind of source; in
 * Calcite they reach code that asserts they cannot happen.
 */
@Tag("assertions-off")
class NullFoldingTest extends SqlMeshTestBase {

  @Test
  void aDivisionByNullTimesAnAggregateIsNull() throws SQLException {
    assertEquals(List.of("null"), rows(c, "SELECT 67 / CASE 98 WHEN -86 THEN 1 END * COUNT(*)"));
  }

  @ParameterizedTest
  @MethodSource("domains")
  void aDivisionByNullOverSortedRowsIsNull(String d) throws SQLException {
    assertEquals(List.of("null,97", "null,87", "null,15"),
        rows(c, "SELECT 67 / CASE 98 WHEN -86 THEN 1 END * COUNT(*), col0 FROM " + d + ".tab0 GROUP BY col0"
            + " ORDER BY SUM(col1)"));
    assertEquals(List.of("null", "null", "null"),
        rows(c, "SELECT (67 / NULLIF(1, 1)) * col0 FROM (SELECT col0 FROM " + d + ".tab0 ORDER BY col0 LIMIT 10)"));
  }

  @ParameterizedTest
  @MethodSource("domains")
  void aComparisonWithAnExpressionThatIsNullKeepsNoRow(String d) throws SQLException {
    String t = d + ".tab0";
    assertEquals(List.of(), rows(c, "SELECT * FROM " + t + " WHERE -col0 = -0 + -CAST(NULL AS REAL)"));
    assertEquals(List.of(), rows(c, "SELECT col0 FROM " + t + " WHERE -col0 = -0 + -CAST(NULL AS REAL) GROUP BY col0"));
    assertEquals(List.of(), rows(c, "SELECT DISTINCT col0 FROM " + t + " WHERE col0 = NULLIF(1, 1)"));
    assertEquals(List.of(), rows(c, "SELECT col0 FROM " + t + " WHERE col0 + 1 = CASE 1 WHEN 2 THEN 3 END GROUP BY col0"));
    assertEquals(List.of("3"), rows(c, "SELECT COUNT(*) FROM " + t + " WHERE NOT (col0 = NULLIF(1, 1)) IS TRUE"));
  }

  @ParameterizedTest
  @MethodSource("domains")
  void aNullOperandInsideAggregatesAndSubqueries(String d) throws SQLException {
    String t = d + ".tab0";
    assertEquals(List.of("0,0,null"),
        rows(c, "SELECT COUNT(NULLIF(1, 1)), COUNT(col0 + CAST(NULL AS INTEGER)), SUM(NULL + col0) FROM " + t));
    assertEquals(List.of(), rows(c, "SELECT col0 FROM " + t + " WHERE col0 IN (SELECT col0 + NULLIF(1, 1) FROM h2b.tab0)"));
    assertEquals(List.of("15", "87", "97"),
        rows(c, "SELECT col0 FROM " + t + " WHERE col0 NOT IN (SELECT col1 - CASE WHEN 1 = 2 THEN 0 END FROM h2b.tab0"
            + " WHERE col1 > 1000) ORDER BY col0"));
  }

  /** Calcite's code for these, as a condition of a join the JVM runs, did not compile. */
  @ParameterizedTest
  @MethodSource("domains")
  void aNullTestOfAndOrOrWithANullOperandJoinsAcrossSources(String d) throws SQLException {
    String x = "a1.col0 >= a2.col0";
    for (String condition : List.of("(CAST(NULL AS BOOLEAN) OR (X)) IS NULL", "(CAST(NULL AS BOOLEAN) OR (X)) IS NOT NULL",
        "((X) AND CAST(NULL AS BOOLEAN)) IS NULL", "(CAST(NULL AS BOOLEAN) AND (X)) IS NOT NULL",
        "(CAST(NULL AS BOOLEAN) OR (X) OR a2.col1 < 40) IS NULL")) {
      String on = condition.replace("X", x);
      for (String query : List.of("SELECT a2.col1, a1.col1 FROM %1$stab0 a1 JOIN %2$stab1 a2 ON TRUE WHERE %3$s",
          "SELECT a2.col1, a1.col1 FROM %1$stab0 a1 LEFT JOIN %2$stab1 a2 ON %3$s")) {
        String ordered = query + " ORDER BY 1 NULLS FIRST, 2 NULLS FIRST";
        assertAnswersAsReference(ordered.formatted("", "", on), ordered.formatted(d + ".", "h2b.", on));
      }
    }
  }
}
