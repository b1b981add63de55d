package dev.meshkit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The same table in PostgreSQL, MariaDB, H2 and a CSV file, and the same answer from each: the
 * four compute division, sums and casts differently (MariaDB's {@code /} never divides integers,
 * H2 and PostgreSQL sum BIGINTs as NUMERIC, H2 rounds a DOUBLE to an integer half up), so what
 * would differ runs in the JVM, with PostgreSQL's semantics, and what does not is pushed down.
 */
@Tag("integration")
class ArithmeticAcrossSourcesTest {

  static final SourceLog log = new SourceLog();

  @RegisterExtension
  static final FourSources SOURCES = new FourSources("arith",
      "id INT, i INT, j INT, a BIGINT, b BIGINT, amount DECIMAL(10,2), x DOUBLE PRECISION, s VARCHAR(10)",
      Map.of("id", "integer", "i", "integer", "j", "integer", "a", "bigint", "b", "bigint", "amount", "decimal(10,2)",
          "x", "double", "s", "varchar"),
      "id,i,j,a,b,amount,x,s\n1,97,1,-97,30,10.00,2.5,12\n2,15,81,-15,40,0.01,3.5, 7 \n"
          + "3,87,21,-87,50,-2.50,-4.5,-3\n4,5,7,5,7,,,\n").listenedBy(log);

  @BeforeEach
  void clear() {
    log.clear();
  }

  /** The answer of each domain's table to {@code query}, which names it {@code %s}, all equal. */
  private static List<List<Object>> sameEverywhere(String query) throws SQLException {
    List<List<Object>> first = null;
    try (Connection c = SOURCES.connect()) {
      for (String domain : FourSources.DOMAINS) {
        List<List<Object>> answer = Rows.query(c, query.formatted(domain + ".t"));
        if (first == null) {
          first = answer;
        } else {
          assertEquals(first, answer, domain + " answers otherwise: " + query);
        }
      }
    }
    return first;
  }

  @Test
  void aQuotientOfSumsIsTheSameInEverySource() throws SQLException {
    assertEquals(List.of(List.of(-1L, 1L, -27L)),
        sameEverywhere("SELECT SUM(-i) / SUM(j), SUM(-a) / SUM(b), SUM(a) / 7 FROM %s"));
    assertFalse(log.all().stream().anyMatch(e -> e.sql().contains("/")), "no source divides: " + log.all());
  }

  @Test
  void integerDivisionTruncatesEvenWhereTheSourceWouldNot() throws SQLException {
    assertEquals(List.of(List.of(97L, 0L, -97L), List.of(0L, 5L, -15L), List.of(4L, 0L, -87L), List.of(0L, 1L, 5L)),
        sameEverywhere("SELECT i / j, j / i, a / 1 FROM %s ORDER BY id"));
    // MariaDB's 87 / 21 is 4.1429, so twice it would be 8 and it would not equal 4.
    assertEquals(List.of(List.of(87L, 8L)), sameEverywhere("SELECT i, i / j * 2 FROM %s WHERE i / j = 4"));
  }

  @Test
  void averagesAndDecimalQuotientsAreExact() throws SQLException {
    assertEquals(List.of(List.of("51", "-48.5", "2.5033333333333333")),
        sameEverywhere("SELECT AVG(i), AVG(a), SUM(amount) / 3 FROM %s"));
    assertEquals(List.of(List.of("10"), List.of("0.0001234567901235"), List.of("-0.119047619047619")),
        sameEverywhere("SELECT amount / j FROM %s WHERE amount IS NOT NULL ORDER BY id"));
  }

  @Test
  void equalDecimalsOfOtherScalesMeetInTheJvmsHashTables() throws SQLException {
    // -2.5 mod 10.00 is -2.5, of scale 1, where the column holds -2.50; -2.5 mod -2.50 is 0.00, mod 0.01 is 0.0.
    assertEquals(List.of(List.of(3L)),
        sameEverywhere("SELECT id FROM %1$s WHERE amount IN (SELECT MOD(CAST(-2.5 AS DECIMAL(5,1)), m.amount)"
            + " FROM %1$s m) ORDER BY 1"));
    assertEquals(List.of(List.of(1L), List.of(2L)),
        sameEverywhere("SELECT COUNT(*) AS n FROM %s WHERE amount IS NOT NULL"
            + " GROUP BY MOD(CAST(-2.5 AS DECIMAL(5,1)), amount) ORDER BY n"));
  }

  @Test
  void castsRoundAsPostgresqlDoes() throws SQLException {
    assertEquals(List.of(List.of(10L, "10", 2L, 12L), List.of(0L, "0", 4L, 7L), List.of(-3L, "-2.5", -4L, -3L),
            Arrays.asList(null, null, null, null)),
        sameEverywhere("SELECT CAST(amount AS INTEGER), CAST(amount AS DECIMAL(10,1)), CAST(x AS INTEGER),"
            + " CAST(s AS INTEGER) FROM %s ORDER BY id"));
  }

  @Test
  void divisionByZeroFailsInEverySource() throws SQLException {
    try (Connection c = SOURCES.connect()) {
      for (String domain : FourSources.DOMAINS) {
        for (String expression : List.of("i / (j - j)", "amount / (j - j)", "x / (j - j)", "i % (j - j)")) {
          String query = "SELECT " + expression + " FROM " + domain + ".t";
          SQLException e = assertThrows(SQLException.class, () -> Rows.query(c, query), query);
          assertEquals("22012", e.getSQLState(), query + ": " + e.getMessage());
        }
      }
    }
  }

  @Test
  void whatEverySourceComputesAlikeIsStillPushedDown() throws SQLException {
    assertEquals(List.of(List.of(4L, 320L, 10L)),
        sameEverywhere("SELECT COUNT(*), SUM(i + j * 2 - 1) - 100, CAST(MAX(amount) AS INTEGER) FROM %s WHERE i > 1"));
    for (String domain : List.of("pg", "maria", "h2")) {
      assertEquals(1, log.all().stream().filter(e -> e.domain().equals(domain)
          && e.sql().contains("SUM") && e.sql().contains("> 1")).count(), domain + ": " + log.all());
    }
  }
}
