package dev.meshkit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * NULLs sort as in PostgreSQL wherever the sort runs: after every value ascending and before them
 * descending unless the statement says otherwise, and where it says NULLS FIRST or NULLS LAST, as
 * it says. H2 and MariaDB sort NULL first ascending, so a sort pushed into them (a whole UNION ALL
 * with its ORDER BY, or one table's) must say where its NULLs go. The answers, in order, are
 * PostgreSQL's own.
 */
@Tag("integration")
class NullOrderingTest {

  @RegisterExtension
  static final FourSources SOURCES = new FourSources("null_order", "id INT, i INT, s VARCHAR(10)",
      Map.of("id", "integer", "i", "integer", "s", "varchar"), "id,i,s\n1,97,x\n2,,\n3,-87,ab\n4,15,\n5,,b\n");

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT i FROM %1$s UNION ALL SELECT id FROM %1$s ORDER BY 1 NULLS LAST",
      "SELECT i FROM %1$s UNION ALL SELECT id FROM %1$s ORDER BY 1 DESC NULLS LAST",
      "SELECT s FROM %1$s UNION ALL SELECT 'c' FROM %1$s ORDER BY 1 NULLS FIRST",
      "SELECT i FROM %1$s UNION SELECT id FROM %1$s ORDER BY 1",
      "SELECT i FROM %1$s UNION SELECT id FROM %1$s ORDER BY 1 DESC",
      "SELECT i, id FROM %s ORDER BY i, id",
      "SELECT i, id FROM %s ORDER BY i DESC, id",
      "SELECT i, id FROM %s ORDER BY i NULLS FIRST, id",
      "SELECT i, id FROM %s ORDER BY i ASC NULLS LAST, id",
      "SELECT i, id FROM %s ORDER BY i DESC NULLS FIRST, id",
      "SELECT i, id FROM %s ORDER BY i DESC NULLS LAST, id DESC",
      "SELECT s, id FROM %s ORDER BY s DESC NULLS LAST, id",
      "SELECT s, id FROM %s ORDER BY s NULLS FIRST, id LIMIT 3",
      "SELECT i FROM %s ORDER BY i DESC NULLS LAST LIMIT 2",
      "SELECT id, ROW_NUMBER() OVER (ORDER BY i NULLS FIRST, id), ROW_NUMBER() OVER (ORDER BY i DESC, id)"
          + " FROM %s ORDER BY id"})
  void answersInPostgresOrder(String query) throws SQLException {
    List<List<Object>> expected;
    try (Connection pg = Servers.postgres()) {
      expected = Rows.query(pg, query.formatted(SOURCES.postgresTable()));
    }
    try (Connection c = SOURCES.connect()) {
      for (String domain : FourSources.DOMAINS) {
        assertEquals(expected, Rows.query(c, query.formatted(domain + ".t")), domain + " orders otherwise: " + query);
      }
    }
  }
}
