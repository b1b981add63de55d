package dev.meshkit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Shapes the differential fuzzer found that a source refused once pushed down: each database has
 * its own gaps (MariaDB casts nothing to BOOLEAN and reads a constant in GROUP BY or ORDER BY as a
 * column's position; PostgreSQL types an empty {@code VALUES} as text; H2 binds a date inside a
 * cast as a number; MariaDB compares text ignoring case and trailing spaces, and reads {@code ||}
 * as OR). Every source of the same table gives one database's answer, H2's.
 */
@Tag("integration")
class PushedStatementsTest {

  @RegisterExtension
  static final FourSources SOURCES = new FourSources("pushed",
      "id INT, i INT, b BIGINT, d DECIMAL(10,2), s VARCHAR(10), dt DATE, f BOOLEAN",
      Map.of("id", "integer", "i", "integer", "b", "bigint", "d", "decimal(10,2)", "s", "varchar", "dt", "date",
          "f", "boolean"),
      "id,i,b,d,s,dt,f\n1,97,30,10.00,x,2000-02-29,true\n2,15,40,0.01, 7 ,1999-12-31,false\n3,-87,50,-2.50,,,\n"
          + "4,,,,ab,1970-01-01,true\n5,2,60,1.00,X,2000-01-01,false\n6,3,70,2.00,ab ,2000-01-02,true\n");

  /** Each domain's answer to {@code query} (which names the table {@code %s}), sorted, equals H2's. */
  private static void answersAsH2(String query, Object... params) throws SQLException {
    answersAs(sorted(run(SOURCES.reference(), query.replace("%s", "t"), params)), query, params);
  }

  /** The same against PostgreSQL, for what H2 cannot run (FULL JOIN). */
  private static void answersAsPostgres(String query, Object... params) throws SQLException {
    try (Connection pg = Servers.postgres()) {
      answersAs(sorted(run(pg, query.replace("%s", SOURCES.postgresTable()), params)), query, params);
    }
  }

  private static void answersAs(List<List<Object>> expected, String query, Object... params) throws SQLException {
    try (Connection c = SOURCES.connect()) {
      for (String domain : FourSources.DOMAINS) {
        assertEquals(expected, sorted(run(c, query.replace("%s", domain + ".t"), params)),
            domain + " answers otherwise: " + query);
      }
    }
  }

  private static List<List<Object>> run(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        return Rows.read(rs);
      }
    }
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    return rows.stream().sorted((a, b) -> a.toString().compareTo(b.toString())).toList();
  }

  @Test
  void castsOfParametersToBoolean() throws SQLException {
    answersAsH2("SELECT CAST(? AS BOOLEAN) FROM %s", true);
    answersAsH2("SELECT id FROM %s WHERE CAST(? AS BOOLEAN)", true);
    answersAsH2("SELECT id FROM %s WHERE NOT CAST(? AS BOOLEAN) OR CAST(? AS BOOLEAN) IS NULL", false, true);
    answersAsH2("SELECT id FROM %s WHERE f = CAST(? AS BOOLEAN)", false);
  }

  @Test
  void constantGroupingAndOrderingKeys() throws SQLException {
    answersAsH2("SELECT DISTINCT -4 FROM %s");
    answersAsH2("SELECT -4, COUNT(*) FROM %s GROUP BY -4");
    answersAsH2("SELECT i, 7 FROM %s GROUP BY i, 7");
    answersAsH2("SELECT FALSE FROM %s ORDER BY 1");
    answersAsH2("SELECT id, 2 AS two FROM %s ORDER BY two, id DESC");
    answersAsH2("SELECT DISTINCT -4 FROM %s WHERE id > 10");
    answersAsH2("SELECT DISTINCT -4, 'a' FROM %s");
    answersAsH2("SELECT 'a', s, COUNT(*) FROM %s GROUP BY 'a', s");
    answersAsH2("SELECT SUM(i) FROM %s GROUP BY FALSE");
    answersAsH2("SELECT id FROM %s ORDER BY FALSE IS NULL, FALSE, id");
  }

  @Test
  void fullJoinsOfATableWithItself() throws SQLException {
    answersAsPostgres("SELECT 1 FROM %s AS a FULL JOIN %s AS b ON TRUE");
    answersAsPostgres("SELECT a.id, b.id FROM %s AS a FULL JOIN %s AS b ON a.id = b.id + 2");
    answersAsPostgres("SELECT a.i, MIN(b.i) OVER () FROM %s AS a FULL JOIN %s AS b ON a.i = b.i AND a.id < b.id");
    answersAsPostgres("SELECT COUNT(*) FROM %s AS a FULL JOIN (SELECT * FROM %s WHERE id > 10) AS b ON a.id = b.id");
    answersAsPostgres("SELECT a.s, b.s FROM %s AS a FULL JOIN %s AS b ON a.s = b.s");
    // PostgreSQL has no FULL JOIN on a condition it cannot hash or merge; the mesh computes it.
    answersAs(List.of(List.of(14L)), "SELECT COUNT(*) FROM %s AS a FULL JOIN %s AS b ON a.i < b.i");
  }

  @Test
  void relationsThatFoldToNothing() throws SQLException {
    answersAsH2("SELECT i / -2 FROM %s WHERE NULL");
    answersAsH2("SELECT SUM(DISTINCT b), COUNT(DISTINCT s), AVG(d) FROM %s WHERE 1 = 0");
    answersAsH2("SELECT MAX('ab') FROM (SELECT s FROM %s WHERE CAST(NULL AS BOOLEAN)) AS q GROUP BY s < 'x'");
    answersAsH2("SELECT s || 'x', b + 1 FROM %s WHERE id IN (SELECT id FROM %s WHERE FALSE)");
    answersAsH2("SELECT b FROM %s WHERE NULL UNION ALL SELECT SUM(b) FROM %s WHERE 1 = 0");
  }

  @Test
  void dateParametersInsideCasts() throws SQLException {
    answersAsH2("SELECT id FROM %s WHERE dt <> ?", LocalDate.of(1999, 12, 31));
    answersAsH2("SELECT id FROM %s WHERE dt > ? AND id < ?", LocalDate.of(1980, 1, 1), 4);
    answersAsH2("SELECT id FROM %s WHERE dt <> CAST(? AS DATE)", LocalDate.of(1999, 12, 31));
    answersAsH2("SELECT id FROM %s WHERE CAST(? AS DATE) <= dt", LocalDate.of(1999, 12, 31));
    answersAsH2("SELECT -4 FROM %s AS a JOIN %s AS b ON CAST(? AS DATE) <= DATE '1970-01-01'",
        LocalDate.of(1969, 12, 31));
    answersAsH2("SELECT CAST(? AS DATE), id FROM %s", LocalDate.of(2000, 2, 29));
  }

  @Test
  void textComparesByCodePoint() throws SQLException {
    answersAsH2("SELECT id FROM %s WHERE s = 'x'");
    answersAsH2("SELECT id FROM %s WHERE s <> 'ab' AND s > 'a'");
    answersAsH2("SELECT id FROM %s WHERE s LIKE 'a%' OR s IN ('X ', 'AB')");
    answersAsH2("SELECT id FROM %s WHERE (s <> 'x') <> (s LIKE 'a%')");
    answersAsH2("SELECT NULLIF(s, CAST(? AS VARCHAR)), CASE WHEN s = 'ab' THEN 1 END FROM %s", "x");
    answersAsH2("SELECT a.id, b.id FROM %s AS a JOIN %s AS b ON a.s = b.s");
    answersAsH2("SELECT s, COUNT(*) FROM %s GROUP BY s");
    answersAsH2("SELECT DISTINCT s FROM %s");
    answersAsH2("SELECT COUNT(DISTINCT s), MIN(s), MAX(s) FROM %s");
    answersAsH2("SELECT s FROM %s WHERE s IS NOT NULL ORDER BY s LIMIT 3");
    answersAsH2("SELECT s FROM %s INTERSECT SELECT 'x' FROM %s");
    answersAsH2("SELECT id, RANK() OVER (ORDER BY s) FROM %s WHERE s IS NOT NULL");
    answersAsH2("SELECT id, POSITION('B' IN s), POSITION('b' IN UPPER(s)), REPLACE(s, 'A', '-') FROM %s");
  }

  @Test
  void groupingByAnExpressionOfAParameter() throws SQLException {
    answersAsH2("SELECT DISTINCT (i = CAST(? AS INTEGER)) FROM %s", 15);
    answersAsH2("SELECT q.k, COUNT(*) FROM (SELECT i + ? AS k FROM %s) AS q GROUP BY q.k", 1);
  }

  @Test
  void castsToADecimalTooNarrowFail() throws SQLException {
    try (Connection c = SOURCES.connect()) {
      for (String domain : FourSources.DOMAINS) {
        String query = "SELECT id FROM " + domain + ".t WHERE -10.0 <> CAST(b * 1000000000 AS DECIMAL(12,2))";
        SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> run(c, query));
        assertEquals("22003", e.getSQLState(), domain + ": " + e.getMessage());
      }
    }
    answersAsH2("SELECT CAST(b AS DECIMAL(4,1)), CAST(d AS DECIMAL(5,1)) FROM %s");
  }

  @Test
  void dateArithmeticIsADate() throws SQLException {
    answersAsH2("SELECT CAST(CAST(dt + INTERVAL '282' DAY AS DATE) AS VARCHAR), CAST(dt - INTERVAL '1' MONTH AS VARCHAR) FROM %s");
  }

  @Test
  void negativeIntervals() throws SQLException {
    answersAsH2("SELECT id FROM %s WHERE CAST(dt + INTERVAL '-186' DAY AS DATE) <> dt");
    answersAsH2("SELECT id, dt - INTERVAL '3' MONTH, dt + INTERVAL -'2' YEAR FROM %s");
  }

  @Test
  void textLiteralsOfDifferentLengthsAreNotPadded() throws SQLException {
    answersAsH2("SELECT MIN(CASE s WHEN 'a' THEN '3.5' WHEN 'x' THEN 'it''s' ELSE '-7' END), MAX(CASE WHEN id > 2 THEN 'a' ELSE 'bcd' END) FROM %s");
    answersAsH2("SELECT 'ab' FROM %s UNION ALL SELECT 'abcd' FROM %s");
  }

  @Test
  void sumsAndAveragesOfDecimalsSideBySide() throws SQLException {
    answersAsH2("SELECT SUM(d) FROM %s UNION ALL SELECT SUM(CAST(d AS DECIMAL(12,1))) FROM %s");
    answersAsH2("SELECT SUM(d) FROM %s UNION ALL SELECT CAST(AVG(b) AS DECIMAL(20,6)) FROM %s");
  }

  @Test
  void windowsOverLiterals() throws SQLException {
    answersAsH2("SELECT SUM(CAST(NULL AS INTEGER)) OVER (), COUNT(NULL) OVER (), MIN(5) OVER (PARTITION BY s) FROM %s");
  }

  @Test
  void functionsOfANull() throws SQLException {
    answersAsH2("SELECT REPLACE(s, 'A', CAST(NULL AS VARCHAR)), REPLACE(s, CAST(NULL AS VARCHAR), 'x') FROM %s");
    answersAsH2("SELECT REPLACE(s, 'a', CASE WHEN id > 100 THEN 'x' END), UPPER(CAST(NULL AS VARCHAR)) FROM %s");
  }

  @Test
  void aggregatesOverAggregates() throws SQLException {
    answersAsH2("SELECT id FROM %s WHERE i NOT IN (SELECT 1 - SUM(1) FROM %s)");
    answersAsH2("SELECT CAST(? AS DATE) FROM (SELECT MIN(dt) AS c1, (MIN(1) >= -5) AS c2 FROM %s) AS q WHERE q.c2",
        LocalDate.of(1970, 1, 1));
    answersAsH2("SELECT COUNT(*), MAX(q.t) FROM (SELECT SUM(i) * 2 AS t FROM %s GROUP BY s) AS q");
    answersAsH2("(SELECT SUM(1) FROM %s) INTERSECT (SELECT id + i FROM %s GROUP BY id + i)");
  }

  @Test
  void membershipInRemainders() throws SQLException {
    answersAsH2("SELECT id FROM %s WHERE d IN (SELECT MOD(d, CAST(? AS DECIMAL(12,2))) FROM %s)", new java.math.BigDecimal("4.0"));
    answersAsH2("SELECT id FROM %s WHERE d IN (SELECT MOD(a.d, CAST(? AS DECIMAL(12,2))) FROM %s AS a JOIN %s AS b ON a.s IS NOT NULL)", new java.math.BigDecimal("4.0"));
  }

  @Test
  void concatenationIsNotOr() throws SQLException {
    answersAsH2("SELECT s || '-' || id, 'a' || '-7' FROM %s");
    answersAsH2("SELECT id FROM %s WHERE 'b' >= ('a' || s)");
  }

  @Test
  void unaryPlusLeavesAnyValueAsItIs() throws SQLException {
    answersAsH2("SELECT +s, +i, +d, +dt FROM %s WHERE +s IS NOT NULL");
    answersAsH2("SELECT MIN(+'zz'), MAX(+ +s) FROM %s");
  }

  @Test
  void setOperationsOfDecimalsOfDifferentScales() throws SQLException {
    answersAsH2("SELECT d FROM %s INTERSECT SELECT CAST(NULL AS DECIMAL(19,16)) FROM %s");
    answersAsH2("SELECT d FROM %s UNION SELECT CAST(0.1234567890123456 AS DECIMAL(19,16)) FROM %s");
    answersAsH2("SELECT b FROM %s UNION ALL SELECT d FROM %s");
  }
}
