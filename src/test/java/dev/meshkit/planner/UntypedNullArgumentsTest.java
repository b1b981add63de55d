package dev.meshkit.planner;

import static dev.meshkit.MeshTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.meshkit.SqlMeshTestBase;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Aggregate and window functions over an argument without a type of its own (a NULL literal, a
 * CASE of NULLs, a column of {@code SELECT NULL}) answer as one H2 database does, in an H2 source
 * and in CSV files: the argument is text for MIN, MAX and COUNT as in PostgreSQL, and SUM and AVG
 * of it are refused with 42883, as H2 and PostgreSQL refuse them.
 */
class UntypedNullArgumentsTest extends SqlMeshTestBase {

  static Stream<Arguments> answered() {
    List<String> queries = List.of(
        "SELECT MIN(NULL) AS c0 FROM %s.tab0",
        "SELECT MAX(NULL), COUNT(DISTINCT NULL), COUNT(NULL), MIN(NULL) FROM %s.tab1",
        "SELECT col0, MIN(NULL), MAX(NULL) FROM %s.tab0 GROUP BY col0 ORDER BY col0",
        "SELECT STDDEV_POP(NULL), VAR_SAMP(NULL), EVERY(NULL), ANY_VALUE(NULL) FROM %s.tab0",
        "SELECT MIN(CASE WHEN col0 > 50 THEN NULL END), MAX(NULLIF(NULL, NULL)) FROM %s.tab0",
        "SELECT MIN(x), COUNT(x) FROM (SELECT NULL AS x FROM %s.tab0) t",
        "SELECT MIN(NULL) || 'a' FROM %s.tab0",
        "SELECT col0 FROM %1$s.tab0 WHERE col1 > (SELECT MAX(NULL) FROM %1$s.tab1) ORDER BY col0",
        "SELECT x.col0, (SELECT MIN(NULL) FROM %1$s.tab1 t WHERE t.col0 = x.col0) FROM %1$s.tab0 x ORDER BY 1",
        "SELECT COUNT(*) FROM %s.tab0 GROUP BY col0 HAVING MIN(NULL) IS NULL ORDER BY 1",
        "SELECT col0, FIRST_VALUE(NULL) OVER (ORDER BY col0), LAG(NULL) OVER (ORDER BY col0) FROM %s.tab0 ORDER BY col0");
    return inEveryDomain(queries);
  }

  @ParameterizedTest
  @MethodSource("answered")
  void answersAsOneDatabase(String domain, String query) throws SQLException {
    assertAnswersAsReference(query.formatted("public"), query.formatted(domain));
  }

  static Stream<Arguments> refused() {
    List<String> queries = List.of(
        "SELECT SUM(NULL) FROM %s.tab0",
        "SELECT AVG(NULL) FROM %s.tab0 GROUP BY col0",
        "SELECT SUM(DISTINCT NULL) FROM %s.tab0",
        "SELECT col0, AVG(NULL) OVER () FROM %s.tab0");
    return inEveryDomain(queries);
  }

  @ParameterizedTest
  @MethodSource("refused")
  void sumAndAverageOfAnUntypedNullAreRefusedAsH2RefusesThem(String domain, String query) throws SQLException {
    assertThrows(SQLException.class, () -> rows(sql.reference(), query.formatted("public")));
    SQLException refused = assertThrows(SQLException.class, () -> rows(c, query.formatted(domain)));
    assertEquals("42883", refused.getSQLState());
    assertEquals(List.of("1"), rows(c, "SELECT 1"), "the connection stays usable");
  }
}
