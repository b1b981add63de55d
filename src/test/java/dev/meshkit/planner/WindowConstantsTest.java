package dev.meshkit.planner;

import dev.meshkit.SqlMeshTestBase;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Window functions over constants (a number, text, a NULL, a typed NULL), with and without
 * PARTITION BY and ORDER BY, answer as one H2 database does, in H2 sources and in CSV files, where
 * the window runs in the JVM. Orders name their NULLs' place, which differs from H2's by default. Calcite's window could neither generate code for a NULL constant nor
 * split a projection whose window reads no column, nor Calcite's rewrite of sub-queries find one
 * in a window ({@code MeshPrograms.WindowArgumentColumnsRule}).
 */
class WindowConstantsTest extends SqlMeshTestBase {

  static Stream<Arguments> queries() {
    List<String> queries = List.of(
        "SELECT col0, MIN(NULL) OVER (ORDER BY col0) FROM %s.tab0 ORDER BY col0",
        "SELECT col0, MIN(CAST(NULL AS INTEGER)) OVER (PARTITION BY col1) FROM %s.tab0 ORDER BY col0",
        "SELECT MIN(5) OVER () FROM %s.tab0",
        "SELECT MAX('a') OVER (), COUNT(7) OVER () FROM %s.tab0",
        "SELECT col0, COUNT(5) OVER (ORDER BY col0 NULLS FIRST),"
            + " SUM(3) OVER (PARTITION BY col1 > 10 ORDER BY col0 NULLS FIRST),"
            + " MAX(NULL) OVER (PARTITION BY col1), ROW_NUMBER() OVER (ORDER BY col0 DESC NULLS LAST)"
            + " FROM %s.tab1 ORDER BY col0 NULLS FIRST",
        "SELECT col0, COUNT(NULL) OVER (), MIN(CAST(NULL AS VARCHAR)) OVER (ORDER BY col0 DESC NULLS LAST),"
            + " SUM(CAST(NULL AS BIGINT)) OVER (PARTITION BY col2) FROM %s.tab1 ORDER BY col0 NULLS FIRST",
        "SELECT col0, SUM(2) OVER (ORDER BY col0 ROWS BETWEEN 1 PRECEDING AND CURRENT ROW),"
            + " FIRST_VALUE(9) OVER (PARTITION BY 1 ORDER BY col0), LAG(4, 1, 0) OVER (ORDER BY col0)"
            + " FROM %s.tab0 ORDER BY col0",
        "SELECT a, SUM(a) OVER (), MAX(-1) OVER (PARTITION BY b), COUNT(*) OVER (ORDER BY a),"
            + " MIN(a + 1) OVER (ORDER BY b) FROM %s.big ORDER BY a",
        "SELECT COUNT(*) FROM (SELECT MIN(5) OVER () AS m FROM %s.tab0) t WHERE m = 5",
        // A CASE that folds to a column, only once the window's arguments are columns (fuzz query 8249).
        "SELECT SUM(CASE TRUE WHEN FALSE THEN col1 WHEN TRUE THEN col1 ELSE col1 END) OVER () FROM %s.tab0",
        "SELECT col0, MAX(CASE WHEN TRUE THEN col1 END) OVER (PARTITION BY CASE WHEN FALSE THEN 1 ELSE col2 END"
            + " ORDER BY col0) FROM %s.tab1 ORDER BY col0 NULLS FIRST",
        // Sub-queries as window arguments and keys: Calcite's rewrite of sub-queries did not find them.
        "SELECT SUM((SELECT MIN(b.col1) FROM %1$s.tab1 AS b)) OVER () FROM %1$s.tab0",
        "SELECT col0, MAX((SELECT COUNT(*) FROM %1$s.tab1 AS b WHERE b.col0 > 60) + col1) OVER (PARTITION BY"
            + " col1 > 10) FROM %1$s.tab0 ORDER BY col0");
    return inEveryDomain(queries);
  }

  @ParameterizedTest
  @MethodSource("queries")
  void answersAsOneDatabase(String domain, String query) throws SQLException {
    assertAnswersAsReference(query.formatted("public"), query.formatted(domain));
  }
}
