package dev.meshkit.engine;

import static dev.meshkit.MeshTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshkit.SqlMeshTestBase;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Everyday analytic SQL at small scale, over tables of one source and over tables of three (two H2
 * databases and CSV files, so joins and sub-queries cross sources), answered as the reference H2
 * database answers with every table in one place: window functions and frames, GROUPING SETS,
 * INTERSECT and EXCEPT ALL, correlated sub-queries, CTEs, COUNT(DISTINCT), NULL ordering, LIMIT and
 * OFFSET. Where H2 is not PostgreSQL (the average of integers, the day of the week, truncation to
 * a month), the reference computes PostgreSQL's answer its own way. The integration suite's
 * {@code AnalyticWorkloadTest} checks the same classes at scale against PostgreSQL itself.
 */
class AnalyticSqlTest extends SqlMeshTestBase {

  /** Queries over {@code {0}tab0}, {@code {1}tab1} and {@code {2}money}; each has a total order. */
  private static final List<String> QUERIES = List.of(
      // NTILE of 12 rows in 5 tiles: 3, 3, 2, 2, 2 rows (Calcite's own spread them 3, 2, 3, 2, 2).
      "SELECT a.col0, b.col1, NTILE(5) OVER (ORDER BY a.col0, b.col1 NULLS LAST) FROM {0}tab0 a CROSS JOIN {1}tab1 b"
          + " ORDER BY 1, 2 NULLS LAST",
      "SELECT a.col0, b.col2, PERCENT_RANK() OVER (PARTITION BY a.col0 ORDER BY b.col2 NULLS LAST),"
          + " CUME_DIST() OVER (ORDER BY b.col2 NULLS FIRST) FROM {0}tab0 a CROSS JOIN {1}tab1 b ORDER BY 1, 2 NULLS LAST",
      "SELECT a.col0, b.col0, ROW_NUMBER() OVER (PARTITION BY a.col0 ORDER BY b.col0 DESC NULLS LAST),"
          + " RANK() OVER (ORDER BY a.col1), DENSE_RANK() OVER (ORDER BY a.col1 DESC)"
          + " FROM {0}tab0 a JOIN {1}tab1 b ON b.col2 > a.col2 ORDER BY 1, 2 NULLS LAST",
      // LEAD and LAG with a default, over a column that holds a NULL.
      "SELECT col0, LAG(col0) OVER (ORDER BY col0 NULLS LAST), LEAD(col0, 1, -1) OVER (ORDER BY col0 NULLS LAST),"
          + " LAG(col1, 2, 0) OVER (ORDER BY col0 NULLS FIRST), FIRST_VALUE(col2) OVER (ORDER BY col0 NULLS LAST),"
          + " LAST_VALUE(col2) OVER (ORDER BY col0 NULLS LAST"
          + " ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) FROM {1}tab1 ORDER BY 1 NULLS LAST",
      "SELECT id, SUM(amount) OVER (ORDER BY id ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING),"
          + " COUNT(*) OVER (ORDER BY qty RANGE BETWEEN 2 PRECEDING AND CURRENT ROW),"
          + " SUM(qty) OVER (ORDER BY id) FROM {2}money WHERE qty IS NOT NULL ORDER BY 1",
      "SELECT a.col0, m.id, SUM(m.qty) OVER (PARTITION BY a.col0 ORDER BY m.id) FROM {0}tab0 a"
          + " JOIN {2}money m ON m.qty < a.col1 ORDER BY 1, 2",
      "SELECT x FROM (SELECT col0 AS x FROM {1}tab1 EXCEPT SELECT col0 FROM {0}tab0"
          + " INTERSECT SELECT col0 FROM {1}tab1) t ORDER BY 1 NULLS FIRST",
      "SELECT col0, (SELECT COUNT(*) FROM {1}tab1 b WHERE b.col2 > a.col1) FROM {0}tab0 a ORDER BY 1",
      "SELECT col0 FROM {0}tab0 a WHERE EXISTS (SELECT 1 FROM {1}tab1 b WHERE b.col1 < a.col1)"
          + " AND NOT EXISTS (SELECT 1 FROM {2}money m WHERE m.qty = a.col1) ORDER BY 1",
      "SELECT id FROM {2}money WHERE qty NOT IN (SELECT col1 FROM {0}tab0) ORDER BY 1",
      "SELECT id FROM {2}money WHERE qty NOT IN (SELECT col1 FROM {1}tab1) ORDER BY 1",
      "SELECT col0 FROM {0}tab0 WHERE col1 IN (SELECT b.col1 + m.qty FROM {1}tab1 b JOIN {2}money m"
          + " ON m.id < 3) ORDER BY 1",
      "WITH t AS (SELECT a.col0, b.col2 FROM {0}tab0 a JOIN {1}tab1 b ON b.col1 < a.col1),"
          + " m AS (SELECT MAX(col2) AS highest FROM t) SELECT col0, col2 FROM t WHERE col2 = (SELECT highest FROM m)"
          + " OR col2 < (SELECT highest FROM m) - 40 ORDER BY 1, 2",
      "SELECT a.col0, COUNT(DISTINCT b.col1), COUNT(DISTINCT m.qty), COUNT(*), SUM(m.qty), MAX(b.col2)"
          + " FROM {0}tab0 a CROSS JOIN {1}tab1 b JOIN {2}money m ON m.id <= 3 GROUP BY a.col0 ORDER BY 1",
      "SELECT COUNT(DISTINCT a.col1), COUNT(DISTINCT b.col0), COUNT(DISTINCT m.amount)"
          + " FROM {0}tab0 a CROSS JOIN {1}tab1 b CROSS JOIN {2}money m",
      "SELECT col0, col1 FROM {1}tab1 ORDER BY col0 NULLS FIRST",
      "SELECT col0, col1 FROM {1}tab1 ORDER BY col0 DESC NULLS LAST",
      "SELECT id, amount FROM {2}money ORDER BY amount DESC NULLS LAST, id",
      "SELECT a.col0, b.col0 FROM {0}tab0 a CROSS JOIN {1}tab1 b ORDER BY a.col0, b.col0 NULLS FIRST"
          + " LIMIT 4 OFFSET 3",
      "SELECT col0 FROM {1}tab1 ORDER BY col0 NULLS FIRST OFFSET 2 ROWS",
      "SELECT CASE WHEN a.col0 > 50 THEN 'high' WHEN b.col0 IS NULL THEN 'none' ELSE 'low' END AS band,"
          + " COUNT(*), SUM(CASE WHEN b.col1 > 10 THEN 1 ELSE 0 END) FROM {0}tab0 a CROSS JOIN {1}tab1 b"
          + " GROUP BY CASE WHEN a.col0 > 50 THEN 'high' WHEN b.col0 IS NULL THEN 'none' ELSE 'low' END"
          + " HAVING COUNT(*) > 1 ORDER BY 1");

  static Stream<Arguments> queries() {
    return Stream.concat(
        domains().stream().flatMap(d -> QUERIES.stream().map(q -> Arguments.of(d + " only", q, d, d, d))),
        QUERIES.stream().map(q -> Arguments.of("three sources", q, "h2", "h2b", "files")));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("queries")
  void answersAsTheReference(String where, String query, String first, String second, String third)
      throws SQLException {
    assertAnswersAsReference(query.replace("{0}", "").replace("{1}", "").replace("{2}", ""),
        query.replace("{0}", first + ".").replace("{1}", second + ".").replace("{2}", third + "."));
  }

  /**
   * Queries H2 cannot answer (GROUPING SETS, ROLLUP, CUBE, GROUPING, INTERSECT ALL, EXCEPT ALL), each
   * beside a reference query that says the same in SQL H2 has: grouping sets as a union of GROUP BYs,
   * the ALL set operations as the plain ones over rows numbered within their duplicates.
   */
  private static final List<List<String>> WITHOUT_REFERENCE_SYNTAX = List.of(
      List.of("SELECT a.col1, b.col1, COUNT(*), SUM(a.col0), GROUPING(a.col1), GROUPING(b.col1)"
              + " FROM {0}tab0 a CROSS JOIN {1}tab1 b GROUP BY ROLLUP(a.col1, b.col1)"
              + " ORDER BY 5, 6, 1, 2 NULLS FIRST",
          "SELECT * FROM (SELECT a.col1 AS k1, b.col1 AS k2, COUNT(*) AS n, SUM(a.col0) AS s, 0 AS g1, 0 AS g2"
              + " FROM tab0 a CROSS JOIN tab1 b GROUP BY a.col1, b.col1"
              + " UNION ALL SELECT a.col1, NULL, COUNT(*), SUM(a.col0), 0, 1 FROM tab0 a CROSS JOIN tab1 b"
              + " GROUP BY a.col1 UNION ALL SELECT NULL, NULL, COUNT(*), SUM(a.col0), 1, 1"
              + " FROM tab0 a CROSS JOIN tab1 b) t ORDER BY 5, 6, 1, 2 NULLS FIRST"),
      List.of("SELECT col1, col2, COUNT(*), GROUPING(col1, col2) FROM {1}tab1 GROUP BY CUBE(col1, col2)"
              + " ORDER BY 4, 1 NULLS FIRST, 2 NULLS FIRST",
          "SELECT * FROM (SELECT col1 AS k1, col2 AS k2, COUNT(*) AS n, 0 AS g FROM tab1 GROUP BY col1, col2"
              + " UNION ALL SELECT col1, NULL, COUNT(*), 1 FROM tab1 GROUP BY col1"
              + " UNION ALL SELECT NULL, col2, COUNT(*), 2 FROM tab1 GROUP BY col2"
              + " UNION ALL SELECT NULL, NULL, COUNT(*), 3 FROM tab1) t ORDER BY 4, 1 NULLS FIRST, 2 NULLS FIRST"),
      List.of("SELECT qty, id, SUM(amount), GROUPING(qty) FROM {2}money GROUP BY GROUPING SETS ((qty), (id), ())"
              + " ORDER BY 4, 1 NULLS FIRST, 2 NULLS FIRST",
          "SELECT * FROM (SELECT qty, NULL AS id, SUM(amount) AS s, 0 AS g FROM money GROUP BY qty"
              + " UNION ALL SELECT NULL, id, SUM(amount), 1 FROM money GROUP BY id"
              + " UNION ALL SELECT NULL, NULL, SUM(amount), 1 FROM money) t ORDER BY 4, 1 NULLS FIRST, 2 NULLS FIRST"),
      List.of("SELECT x FROM (SELECT a.col0 / 50 AS x FROM {0}tab0 a CROSS JOIN {2}money m"
              + " INTERSECT ALL SELECT col2 / 30 FROM {1}tab1) t ORDER BY 1",
          "SELECT x FROM (SELECT x, ROW_NUMBER() OVER (PARTITION BY x) FROM (SELECT a.col0 / 50 AS x"
              + " FROM tab0 a CROSS JOIN money m) l INTERSECT SELECT y, ROW_NUMBER() OVER (PARTITION BY y)"
              + " FROM (SELECT col2 / 30 AS y FROM tab1) r) t ORDER BY 1"),
      List.of("SELECT x FROM (SELECT b.col1 % 3 AS x FROM {1}tab1 b CROSS JOIN {0}tab0"
              + " EXCEPT ALL SELECT qty % 3 FROM {2}money) t ORDER BY 1 NULLS FIRST",
          "SELECT x FROM (SELECT x, ROW_NUMBER() OVER (PARTITION BY x) FROM (SELECT b.col1 % 3 AS x"
              + " FROM tab1 b CROSS JOIN tab0) l EXCEPT SELECT y, ROW_NUMBER() OVER (PARTITION BY y)"
              + " FROM (SELECT qty % 3 AS y FROM money) r) t ORDER BY 1 NULLS FIRST"));

  static Stream<Arguments> withoutReferenceSyntax() {
    return Stream.concat(
        domains().stream().flatMap(d -> WITHOUT_REFERENCE_SYNTAX.stream()
            .map(q -> Arguments.of(d + " only", q.get(0), q.get(1), d, d, d))),
        WITHOUT_REFERENCE_SYNTAX.stream().map(q -> Arguments.of("three sources", q.get(0), q.get(1), "h2", "h2b",
            "files")));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("withoutReferenceSyntax")
  void answersAsTheReferenceSaysItOtherwise(String where, String query, String reference, String first,
      String second, String third) throws SQLException {
    assertAnswersAsReference(reference,
        query.replace("{0}", first + ".").replace("{1}", second + ".").replace("{2}", third + "."));
  }

  /** NULLs sort last ascending and first descending, as in PostgreSQL (H2 sorts them first). */
  @ParameterizedTest
  @MethodSource("domains")
  void nullsSortAsInPostgres(String d) throws SQLException {
    assertEquals(List.of("4,null", "1,10.00", "2,0.01", "3,-2.50"),
        rows(c, "SELECT id, amount FROM " + d + ".money ORDER BY amount DESC, id"));
    assertEquals(List.of("2,0.01", "1,10.00", "4,null"),
        rows(c, "SELECT id, amount FROM " + d + ".money ORDER BY amount, id LIMIT 3 OFFSET 1"));
  }

  /** PostgreSQL's AVG of integers is an exact decimal; meshkit's keeps 6 fraction digits, rounded. */
  @Test
  void averageOfIntegersAcrossSourcesIsExact() throws SQLException {
    assertAnswersAsReference(
        "SELECT a.col0, CAST(ROUND(CAST(SUM(b.col1 + m.qty) AS DECIMAL(20, 6)) / COUNT(b.col1 + m.qty), 6)"
            + " AS DECIMAL(20, 6)) FROM tab0 a CROSS JOIN tab1 b CROSS JOIN money m GROUP BY a.col0 ORDER BY 1",
        "SELECT a.col0, AVG(b.col1 + m.qty) FROM h2.tab0 a CROSS JOIN h2b.tab1 b CROSS JOIN files.money m"
            + " GROUP BY a.col0 ORDER BY 1");
    // (97 + 15 + 87) * 3 + (3 + 7 + 2) * 3 = 633, over 9 pairs.
    assertEquals(List.of("70.333333"), rows(c, "SELECT AVG(a.col0 + m.qty) FROM files.money m CROSS JOIN h2.tab0 a"));
  }

  /** A decimal quotient of sums from three sources, exact to 16 fraction digits. */
  @Test
  void decimalDivisionAcrossSources() throws SQLException {
    // 12 * 7.51 = 90.12 over 4 * (97 + 15 + 87) * (14 + 5 + 47) = 52536: 0.00171539515760621...
    assertEquals(List.of("0.0017153951576062"), rows(c,
        "SELECT SUM(m.amount) / SUM(a.col0 * b.col1) FROM h2.tab0 a CROSS JOIN h2b.tab1 b CROSS JOIN files.money m"));
  }

  /** Dates are PostgreSQL's in every source: the day of the week counts from 0, Sunday. */
  @ParameterizedTest
  @MethodSource("domains")
  void datesAsPostgres(String d) throws SQLException {
    String day = "(DATE '2020-01-01' + col0 * INTERVAL '1' DAY)";
    assertAnswersAsReference(
        "SELECT col0, ISO_DAY_OF_WEEK(DATEADD(DAY, col0, DATE '2020-01-01')) % 7,"
            + " CAST(DATE_TRUNC('MONTH', DATEADD(DAY, col0, DATE '2020-01-01')) AS DATE),"
            + " DATEDIFF(DAY, DATE '2020-01-01', DATEADD(MONTH, 1, DATEADD(DAY, col0, DATE '2020-01-01')))"
            + " FROM tab0 ORDER BY 1",
        "SELECT col0, EXTRACT(DOW FROM " + day + "), FLOOR(" + day + " TO MONTH),"
            + " TIMESTAMPDIFF(DAY, DATE '2020-01-01', TIMESTAMPADD(MONTH, 1, " + day + "))"
            + " FROM " + d + ".tab0 ORDER BY 1");
    assertEquals(List.of("0,7,6"), rows(c, "SELECT EXTRACT(DOW FROM DATE '2023-01-01'),"
        + " EXTRACT(ISODOW FROM DATE '2023-01-01'), EXTRACT(DOW FROM DATE '2022-12-31')"));
  }
}
