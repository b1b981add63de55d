package dev.meshkit.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshkit.SqlMeshTestBase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A function or operator given a NULL without a type beside a typed operand ({@code MOD(b, NULL)})
 * takes the typed operand's type, as PostgreSQL resolves an unknown operand, and is NULL; alone
 * ({@code ABS(NULL)}, {@code NULL + NULL}) it takes the parameter's preferred type. Calcite kept
 * the type NULL, which MOD passes on to its result and for which no code is generated. Answers
 * are one H2 database's, in projections, filters and aggregates' arguments, over every source kind.
 */
class UntypedNullOperandsTest extends SqlMeshTestBase {

  static Stream<Arguments> queries() {
    List<String> queries = List.of(
        "SELECT MIN(MOD(a3.b, NULL)) FROM %s.big a3",
        "SELECT a, MOD(a, NULL), MOD(NULL, b), POWER(NULL, a), a + NULL, NULL * b FROM %s.big ORDER BY a",
        "SELECT ABS(NULL), ABS(NULL) + 1, MOD(NULL, NULL), NULL + NULL, -NULL, SIGN(NULL) FROM %s.big",
        "SELECT MIN(ABS(NULL)), MAX(MOD(a, NULL)), MIN(POWER(b, NULL)), COUNT(MOD(a, NULL))"
            + " FROM %s.big",
        "SELECT MIN(CASE WHEN a > 0 THEN NULL ELSE MOD(a, NULL) END), MAX(COALESCE(NULL, MOD(b, NULL), a))"
            + " FROM %s.big",
        "SELECT UPPER(NULL), SUBSTRING(col2, NULL, 2), col2 || NULL, NULL || NULL FROM %s.t5 ORDER BY pk",
        "SELECT MAX(col2 || NULL), MIN(SUBSTRING(col2 FROM NULL)), MAX(TRIM(NULL)), MIN(CHAR_LENGTH(NULL))"
            + " FROM %s.t5",
        "SELECT a FROM %s.big WHERE MOD(a, NULL) = 1 OR a = NULL OR NULL = NULL OR NULL < b",
        "SELECT MIN(a = NULL), MAX(NULL = NULL), COUNT(*) FROM %s.big GROUP BY MOD(b, NULL)",
        "SELECT pk, col1 > NULL, NULL <> col2, NOT NULL FROM %s.t5 ORDER BY pk");
    return inEveryDomain(queries);
  }

  @ParameterizedTest
  @MethodSource("queries")
  void answersAsOneDatabase(String domain, String query) throws SQLException {
    assertAnswersAsReference(query.formatted("public"), query.formatted(domain));
  }

  @Test
  void theUntypedOperandTakesTheOtherOperandsType() throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT MOD(b, NULL), NULL || col2, ABS(NULL) FROM files.t5 a3, files.big b3")) {
      assertEquals(Types.BIGINT, r.getMetaData().getColumnType(1));
      assertEquals(Types.VARCHAR, r.getMetaData().getColumnType(2));
      assertEquals(Types.DOUBLE, r.getMetaData().getColumnType(3));
    }
  }
}
