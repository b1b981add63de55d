package dev.meshkit.planner;

import static dev.meshkit.MeshTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshkit.SqlMeshTestBase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Equal values of different representations meet in the JVM's hash tables: a remainder's scale
 * depends on its operands' values (-2.5 mod 10.00 is -2.5, -2.5 mod -2.50 is 0.00, -2.5 mod 0.01
 * is 0.0), a parameter's on the caller. The hash join, the aggregate, set operations and window
 * partitions must find them equal, as the reference database does.
 */
class EqualKeysTest extends SqlMeshTestBase {

  static final List<String> QUERIES = List.of(
      "SELECT id FROM %1$smoney WHERE amount IN (SELECT MOD(CAST(? AS DECIMAL(5,1)), m.amount) FROM %2$smoney m)"
          + " ORDER BY 1",
      "SELECT a.id FROM %1$smoney a JOIN %2$smoney m ON a.amount = MOD(CAST(? AS DECIMAL(5,1)), m.amount + 0)"
          + " ORDER BY 1",
      "SELECT id FROM %1$smoney WHERE amount NOT IN (SELECT MOD(CAST(? AS DECIMAL(5,1)), m.amount) FROM %2$smoney m"
          + " WHERE m.amount IS NOT NULL) ORDER BY 1",
      "SELECT COUNT(*) AS n FROM (SELECT MOD(CAST(? AS DECIMAL(5,1)), amount) AS k FROM %1$smoney"
          + " UNION ALL SELECT MOD(CAST(-2.5 AS DECIMAL(5,1)), amount) FROM %2$smoney) q GROUP BY k ORDER BY n",
      "SELECT COUNT(DISTINCT k), COUNT(*) FROM (SELECT MOD(CAST(? AS DECIMAL(5,1)), amount) AS k FROM %1$smoney) q",
      "SELECT MOD(CAST(? AS DECIMAL(5,1)), amount) FROM %1$smoney WHERE amount IS NOT NULL"
          + " INTERSECT SELECT CAST(0 AS DECIMAL(6,2)) FROM %2$stab0",
      "SELECT COUNT(*) FROM (SELECT MOD(CAST(? AS DECIMAL(5,1)), amount) FROM %1$smoney"
          + " UNION SELECT MOD(CAST(-2.5 AS DECIMAL(5,1)), amount) FROM %2$smoney) q",
      "SELECT id, COUNT(*) OVER (PARTITION BY MOD(CAST(? AS DECIMAL(5,1)), amount)) FROM %1$smoney ORDER BY 1");

  static List<Object[]> cases() {
    return QUERIES.stream().flatMap(q -> domains().stream().flatMap(a -> domains().stream()
        .map(b -> new Object[] {q, a, b}))).toList();
  }

  @ParameterizedTest
  @MethodSource("cases")
  void equalDecimalsOfOtherScalesAreOneKey(String query, String outer, String inner) throws SQLException {
    String meshQuery = query.formatted(outer + ".", inner + ".");
    for (String value : List.of("-2.5", "-2.50", "4")) {
      assertEquals(run(sql.reference(), query.formatted("", ""), value), run(c, meshQuery, value),
          meshQuery + " with " + value);
    }
  }

  @Test
  void negativeAndPositiveZeroAreOneKey() throws SQLException {
    for (String domain : domains()) {
      assertEquals(List.of("0.0,3"), rows(c.createStatement().executeQuery(
          "SELECT x, COUNT(*) FROM (SELECT col1 * 0 AS x FROM " + domain + ".t5) q GROUP BY x")), domain);
    }
  }

  private static List<String> run(Connection connection, String query, String value) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(query)) {
      s.setBigDecimal(1, new BigDecimal(value));
      return rows(s.executeQuery());
    }
  }
}
