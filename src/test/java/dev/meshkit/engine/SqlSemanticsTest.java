package dev.meshkit.engine;

import static dev.meshkit.MeshTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.meshkit.SqlMeshTestBase;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The semantics docs/sql.md states, PostgreSQL's where SQL leaves a choice, in every kind of
 * source: H2 (where what every database computes alike is pushed down) and CSV (where the JVM
 * computes everything) give the same answer to the same query.
 */
@Tag("assertions-off")
class SqlSemanticsTest extends SqlMeshTestBase {

  /** Calcite's EXTRACT failed (NullPointerException) where a program shared its part between two calls. */
  @ParameterizedTest
  @MethodSource("domains")
  void partsOfDatesUnderConditionalsAndInGroupingKeys(String d) throws SQLException {
    String day = "(DATE '2020-01-01' + a1.col0 * INTERVAL '1' DAY)";
    String other = "(DATE '2020-01-01' + a2.col1 * INTERVAL '40' DAY)";
    for (String query : List.of(
        "SELECT SUM(COALESCE(a2.col0, EXTRACT(YEAR FROM D))) FROM %1$stab0 a1 JOIN %1$stab1 a2 ON TRUE"
            + " GROUP BY EXTRACT(YEAR FROM O) ORDER BY 1",
        "SELECT CASE WHEN a2.col0 > 60 THEN EXTRACT(MONTH FROM D) END AS m, EXTRACT(MONTH FROM O) AS n,"
            + " EXTRACT(DAY FROM CAST(O AS TIMESTAMP)) AS k FROM %1$stab0 a1 JOIN %1$stab1 a2 ON TRUE"
            + " ORDER BY 1 NULLS FIRST, 2 NULLS FIRST, 3 NULLS FIRST")) {
      String sql = query.replace("D)", day + ")").replace("O)", other + ")").replace("O AS", other + " AS");
      assertAnswersAsReference(sql.formatted(""), sql.formatted(d + "."));
    }
  }

  @ParameterizedTest
  @MethodSource("domains")
  void integerDivisionTruncatesTowardZero(String d) throws SQLException {
    assertEquals(List.of("-1"), rows(c, "SELECT SUM(-col0) / SUM(col1) FROM " + d + ".tab0"));
    // H2 sums BIGINTs as NUMERIC and divided them so, rounding the quotient when it was read back.
    assertEquals(List.of("1,-27"), rows(c, "SELECT SUM(-a) / SUM(b), SUM(a) / 7 FROM " + d + ".big"));
    assertEquals(List.of("97,0,-97", "4,0,-87", "0,5,-15"),
        rows(c, "SELECT col0 / col1, col1 / col0, col0 / -1 FROM " + d + ".tab0 ORDER BY col1"));
    assertEquals(List.of("3,-3,-3,3"), rows(c, "SELECT 7 / 2, -7 / 2, 7 / -2, -7 / -2"));
  }

  @ParameterizedTest
  @MethodSource("domains")
  void sumOfIntegersIsABigintAndAvgAnExactDecimal(String d) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT SUM(col0), AVG(col0), SUM(a), AVG(a) FROM " + d + ".tab0, " + d + ".big WHERE b = 7")) {
      ResultSetMetaData meta = rs.getMetaData();
      assertEquals(List.of(Types.BIGINT, Types.DECIMAL, Types.BIGINT, Types.DECIMAL),
          List.of(meta.getColumnType(1), meta.getColumnType(2), meta.getColumnType(3), meta.getColumnType(4)));
      assertEquals(6, meta.getScale(2));
      assertEquals(List.of("199,66.333333,15,5.000000"), rows(rs));
    }
    assertEquals(List.of("2.500000"), rows(c, "SELECT AVG(qty) FROM " + d + ".money WHERE qty < 5"));
    assertEquals(List.of("15.000000,66.333333", "51.000000,66.333333", "66.333333,66.333333"),
        rows(c, "SELECT AVG(col0) OVER (ORDER BY col0), AVG(col0) OVER () FROM " + d + ".tab0 ORDER BY col0"));
  }

  @ParameterizedTest
  @MethodSource("domains")
  void decimalDivisionKeepsSixteenFractionDigitsRoundedHalfAwayFromZero(String d) throws SQLException {
    assertEquals(List.of("3.3333333333333333", "0.0014285714285714", "-1.2500000000000000", "null"),
        rows(c, "SELECT amount / qty FROM " + d + ".money ORDER BY id"));
    assertEquals(List.of("0.3333333333333333,2.5000000000000000,0.6666666666666667"),
        rows(c, "SELECT CAST(1 AS DECIMAL(10,2)) / 3, 10 / 4.0, -2 / -3.0"));
  }

  @ParameterizedTest
  @MethodSource("domains")
  void divisionByZeroIsAnErrorForEveryType(String d) throws SQLException {
    for (String expression : List.of("col0 / (col1 - col1)", "amount / (qty - qty)", "col1 / (col0 - col0)",
        "MOD(col0, col0 - col0)", "col0 % (col0 - col0)")) {
      String table = expression.contains("amount") ? "money" : expression.startsWith("col1 /") ? "t5" : "tab0";
      String query = "SELECT " + expression + " FROM " + d + "." + table;
      SQLException e = assertThrows(SQLException.class, () -> rows(c, query), query);
      assertEquals("22012", e.getSQLState(), query + ": " + e.getMessage());
    }
  }

  @ParameterizedTest
  @MethodSource("domains")
  void integerOverflowIsAnError(String d) throws SQLException {
    for (String query : List.of("SELECT 2147483647 + col0 FROM " + d + ".tab0",
        "SELECT col0 * 100000000 FROM " + d + ".tab0", "SELECT a * 4000000000000000000 FROM " + d + ".big",
        "SELECT SUM(a + 9200000000000000000) FROM " + d + ".big")) {
      SQLException e = assertThrows(SQLException.class, () -> rows(c, query), query);
      assertEquals("22003", e.getSQLState(), query + ": " + e.getMessage());
    }
  }

  @ParameterizedTest
  @MethodSource("domains")
  void castsRoundHalfAwayFromZeroAndFloatingPointToIntegersHalfToEven(String d) throws SQLException {
    assertEquals(List.of("10,10.0,10", "0,0.0,0", "-3,-2.5,-3", "null,null,null"),
        rows(c, "SELECT CAST(amount AS INTEGER), CAST(amount AS DECIMAL(10,1)), CAST(amount AS BIGINT) FROM "
            + d + ".money ORDER BY id"));
    assertEquals(List.of("2,3", "4,4", "-4,-5"),
        rows(c, "SELECT CAST(col1 AS INTEGER), CAST(col1 AS DECIMAL(5,0)) FROM " + d + ".t5 ORDER BY pk"));
  }

  @Test
  void literalsCastAsValuesDo() throws SQLException {
    assertEquals(List.of("3,-3,2,4,2.35,-2.35,2.35,12"), rows(c, "SELECT CAST(2.5 AS INTEGER), CAST(-2.5 AS INTEGER),"
        + " CAST(2.5E0 AS INTEGER), CAST(3.5E0 AS INTEGER), CAST(2.345 AS DECIMAL(5,2)), CAST(-2.345 AS DECIMAL(5,2)),"
        + " CAST('2.345' AS DECIMAL(5,2)), CAST(' 12 ' AS INTEGER)"));
    for (String text : List.of("1.5", "1e3", "abc", "")) {
      SQLException e = assertThrows(SQLException.class, () -> rows(c, "SELECT CAST('" + text + "' AS INTEGER)"));
      assertEquals("22018", e.getSQLState(), e::getMessage);
    }
  }

  @ParameterizedTest
  @MethodSource("domains")
  void textBecomesANumberOnlyIfItIsOne(String d) throws SQLException {
    assertEquals(List.of("12"), rows(c, "SELECT CAST(col2 AS INTEGER) FROM " + d + ".t5 WHERE pk = 2"));
    SQLException e = assertThrows(SQLException.class,
        () -> rows(c, "SELECT CAST(col2 AS INTEGER) FROM " + d + ".t5 WHERE pk = 0"));
    assertEquals("22018", e.getSQLState(), e::getMessage);
  }

  @ParameterizedTest
  @MethodSource("domains")
  void remainderAndInequalityHaveTheirUsualOperators(String d) throws SQLException {
    assertEquals(List.of("87,3,-3"), rows(c, "SELECT col0, col0 % 7, -col0 % 7 FROM " + d + ".tab0"
        + " WHERE col0 != 15 AND col0 <> 97"));
  }
}
