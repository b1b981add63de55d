package dev.meshkit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * EXTRACT and date arithmetic give PostgreSQL's answer whichever source holds the date. The
 * databases disagree on the day of the week (PostgreSQL counts from 0, Sunday; H2 and MariaDB from
 * 1), on the week (H2's is not the ISO week), on what MariaDB can extract at all, on a difference
 * of dates (an integer in PostgreSQL, a difference of the numbers YYYYMMDD in MariaDB) and on
 * truncation to a unit (H2 has none). The dates sit at the edges: turns of years, centuries and
 * millennia, leap days, month ends, ISO weeks that belong to the year before or after.
 */
@Tag("integration")
class DatesAcrossSourcesTest {

  @RegisterExtension
  static final FourSources SOURCES = new FourSources("dates", "id INT, d DATE",
      Map.of("id", "integer", "d", "date"),
      "id,d\n1,1999-12-31\n2,2000-01-01\n3,2000-02-29\n4,2001-01-01\n5,2004-12-31\n6,2005-01-01\n"
          + "7,2008-12-29\n8,2010-01-03\n9,2020-12-31\n10,2021-01-03\n11,2023-01-01\n12,2024-12-30\n"
          + "13,2100-03-01\n14,1900-01-01\n15,\n16,2023-03-31\n17,2024-05-31\n");

  @ParameterizedTest
  @ValueSource(strings = {"YEAR", "QUARTER", "MONTH", "DAY", "DOW", "ISODOW", "DOY", "WEEK", "ISOYEAR", "DECADE",
      "CENTURY", "MILLENNIUM"})
  void everySourceExtractsAsPostgresDoes(String part) throws SQLException {
    String query = "SELECT id, EXTRACT(" + part + " FROM d) FROM %s ORDER BY id";
    List<List<Object>> postgres;
    try (Connection pg = Servers.postgres()) {
      postgres = numbers(Rows.query(pg, query.formatted(SOURCES.postgresTable())));
    }
    try (Connection c = SOURCES.connect()) {
      for (String domain : FourSources.DOMAINS) {
        assertEquals(postgres, numbers(Rows.query(c, query.formatted(domain + ".t"))), part + " in " + domain);
        // A filter on the part too, where a source could take it.
        String filtered = "SELECT COUNT(*) FROM %s WHERE EXTRACT(" + part + " FROM d) = "
            + postgres.get(0).get(1);
        try (Connection pg = Servers.postgres()) {
          assertEquals(Rows.count(pg, filtered.formatted(SOURCES.postgresTable())),
              Rows.count(c, filtered.formatted(domain + ".t")), part + " filtered in " + domain);
        }
      }
    }
  }

  /** Each expression in meshkit's SQL, and the same in PostgreSQL's. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "FLOOR(d TO MONTH) | CAST(DATE_TRUNC('month', d) AS DATE)",
      "FLOOR(d TO YEAR) | CAST(DATE_TRUNC('year', d) AS DATE)",
      "CEIL(d TO MONTH) | CAST(CASE WHEN DATE_TRUNC('month', d) = d THEN d"
          + " ELSE DATE_TRUNC('month', d) + INTERVAL '1' MONTH END AS DATE)",
      "TIMESTAMPADD(MONTH, 1, d) | CAST(d + INTERVAL '1' MONTH AS DATE)",
      "d - INTERVAL '1' MONTH | CAST(d - INTERVAL '1' MONTH AS DATE)",
      "d + INTERVAL '2' DAY * id | d + 2 * id",
      "TIMESTAMPDIFF(DAY, DATE '2000-01-01', d) | d - DATE '2000-01-01'",
      "CAST((d - DATE '2000-01-01') DAY AS INTEGER) | d - DATE '2000-01-01'",
      "TIMESTAMPDIFF(MONTH, DATE '2000-01-31', d) | (EXTRACT(YEAR FROM AGE(d, DATE '2000-01-31')) * 12"
          + " + EXTRACT(MONTH FROM AGE(d, DATE '2000-01-31')))::int"})
  void everySourceComputesWithDatesAsPostgresDoes(String expression, String postgresExpression) throws SQLException {
    List<List<Object>> postgres;
    try (Connection pg = Servers.postgres()) {
      postgres = dates(Rows.query(pg, "SELECT id, " + postgresExpression + " FROM " + SOURCES.postgresTable()
          + " ORDER BY id"));
    }
    try (Connection c = SOURCES.connect()) {
      for (String domain : FourSources.DOMAINS) {
        assertEquals(postgres, dates(Rows.query(c, "SELECT id, " + expression + " FROM " + domain + ".t ORDER BY id")),
            expression + " in " + domain);
        // In a filter too, where a source could take it.
        String filter = " WHERE " + expression + " >= (SELECT " + expression + " FROM %s WHERE id = 7)";
        try (Connection pg = Servers.postgres()) {
          assertEquals(Rows.count(pg, ("SELECT COUNT(*) FROM %s" + filter.replace(expression, postgresExpression))
                  .formatted(SOURCES.postgresTable(), SOURCES.postgresTable())),
              Rows.count(c, ("SELECT COUNT(*) FROM %s" + filter).formatted(domain + ".t", domain + ".t")),
              expression + " filtered in " + domain);
        }
      }
    }
  }

  private static List<List<Object>> dates(List<List<Object>> rows) {
    return numbers(rows).stream().map(row -> row.stream().map(v -> v instanceof java.util.Date d ? d.toString() : v)
        .toList()).toList();
  }

  /** PostgreSQL's EXTRACT is a numeric, meshkit's a BIGINT: compare their values. */
  private static List<List<Object>> numbers(List<List<Object>> rows) {
    return rows.stream().map(row -> row.stream().map(v -> v instanceof String s ? new BigDecimal(s).longValue()
        : v).toList()).toList();
  }
}
