package dev.meshkit.tpch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The comparator against H2 answering the same question in different ways. */
class ResultComparatorTest {

  private static Connection h2;

  @BeforeAll
  static void createTable() throws SQLException {
    h2 = DriverManager.getConnection("jdbc:h2:mem:comparator;QUERY_CACHE_SIZE=0");
    try (Statement s = h2.createStatement()) {
      s.execute("CREATE TABLE t (k INTEGER, name CHAR(10), amount DECIMAL(15,2), shipped DATE)");
      s.execute("INSERT INTO t VALUES (1, 'a', 10.50, DATE '1995-01-01'), (1, 'b', 20.25, DATE '1995-01-02'),"
          + " (2, 'c', 0.01, DATE '1995-01-03'), (3, 'd', 1234567.89, NULL)");
    }
  }

  @AfterAll
  static void close() throws SQLException {
    h2.close();
  }

  @Test
  void unorderedResultsMatchInAnyOrder() throws SQLException {
    assertMatches(query("SELECT * FROM t ORDER BY k"), query("SELECT * FROM t ORDER BY name DESC"), List.of());
  }

  @Test
  void orderedResultsMayBreakTiesDifferently() throws SQLException {
    assertMatches(query("SELECT * FROM t ORDER BY k, name"), query("SELECT * FROM t ORDER BY k, name DESC"),
        List.of("k"));
  }

  @Test
  void orderedResultsOutOfOrderFail() throws SQLException {
    String diff = mismatch(query("SELECT * FROM t ORDER BY k"), query("SELECT * FROM t ORDER BY k DESC"),
        List.of("k"));
    assertTrue(diff.contains("compared in order of [k]"), diff);
    assertTrue(diff.contains("row 1: expected [1, 'a', 10.50, 1995-01-01]"), diff);
  }

  @Test
  void aPerturbedValueFails() throws SQLException {
    String diff = mismatch(query("SELECT * FROM t"),
        query("SELECT k, name, CASE WHEN k = 2 THEN amount + 0.01 ELSE amount END, shipped FROM t"), List.of());
    assertTrue(diff.contains("row 3: expected [2, 'c', 0.01, 1995-01-03]"), diff);
    assertTrue(diff.contains("actual   [2, 'c', 0.02, 1995-01-03]"), diff);
    assertTrue(diff.contains("differs in amount"), diff);
  }

  @Test
  void largeValuesCompareRelatively() throws SQLException {
    // A cent on 1.2 million is within 1e-6; ten dollars are not.
    assertMatches(query("SELECT amount FROM t"),
        query("SELECT CASE WHEN k = 3 THEN amount + 0.01 ELSE amount END FROM t"), List.of());
    mismatch(query("SELECT amount FROM t"),
        query("SELECT CASE WHEN k = 3 THEN amount + 10 ELSE amount END FROM t"), List.of());
  }

  @Test
  void roundingNoiseIsTolerated() throws SQLException {
    assertMatches(query("SELECT amount FROM t"),
        query("SELECT CAST(amount AS DOUBLE PRECISION) * (1 + 1e-9) + 1e-5 FROM t"), List.of());
  }

  @Test
  void charPaddingAndTypesAreNormalized() throws SQLException {
    assertMatches(query("SELECT k, name, shipped FROM t"),
        query("SELECT CAST(k AS BIGINT), CAST(TRIM(name) AS VARCHAR), shipped FROM t"), List.of());
  }

  @Test
  void missingRowsAreCounted() throws SQLException {
    String diff = mismatch(query("SELECT k FROM t"), query("SELECT k FROM t WHERE k < 3"), List.of());
    assertTrue(diff.startsWith("expected 4 rows, actual 3"), diff);
    assertTrue(diff.contains("first extra row (expected): [3]"), diff);
  }

  @Test
  void differentColumnCountsFail() throws SQLException {
    String diff = mismatch(query("SELECT k, name FROM t"), query("SELECT k FROM t"), List.of());
    assertTrue(diff.startsWith("expected 2 columns"), diff);
  }

  @Test
  void unknownOrderByKeyIsAnError() throws SQLException {
    QueryResult result = query("SELECT k FROM t");
    assertThrows(IllegalArgumentException.class, () -> ResultComparator.mismatch(result, result, List.of("x")));
  }

  private static void assertMatches(QueryResult expected, QueryResult actual, List<String> orderBy) {
    assertEquals(Optional.empty(), ResultComparator.mismatch(expected, actual, orderBy));
  }

  private static String mismatch(QueryResult expected, QueryResult actual, List<String> orderBy) {
    return ResultComparator.mismatch(expected, actual, orderBy).orElseThrow(() -> new AssertionError("no mismatch"));
  }

  private static QueryResult query(String sql) throws SQLException {
    try (Statement s = h2.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return QueryResult.of(rs);
    }
  }
}
