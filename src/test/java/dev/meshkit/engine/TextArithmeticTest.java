package dev.meshkit.engine;

import static dev.meshkit.MeshTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.SqlMeshTestBase;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Arithmetic on text, as PostgreSQL has it: a text literal is a number where one is expected, a
 * text column is not, and saying so is the statement's error (42883), whatever the rows hold and
 * whichever source holds them, never a conversion that fails on some value. A unary plus is no
 * arithmetic: it leaves any value as it is.
 */
@Tag("assertions-off")
class TextArithmeticTest extends SqlMeshTestBase {

  @ParameterizedTest
  @MethodSource("domains")
  void arithmeticOnATextColumnIsRefusedBeforeItRuns(String d) throws SQLException {
    String t = d + ".t5";
    for (String query : List.of("SELECT -col5 FROM " + t,
        "SELECT col5 + 1 FROM " + t, "SELECT 2 * col2 FROM " + t + " WHERE col2 IS NULL", "SELECT ABS(col5) FROM " + t)) {
      SQLException e = assertThrows(SQLException.class, () -> rows(c, query), query);
      assertInstanceOf(SQLSyntaxErrorException.class, e);
      assertEquals("42883", e.getSQLState(), e::getMessage);
      assertTrue(e.getMessage().contains("Cannot apply"), e.getMessage());
    }
    assertEquals(List.of("1"), rows(c, "SELECT COUNT(*) FROM " + t + " WHERE col5 IS NULL"), "the connection goes on");
  }

  /** A unary plus changes nothing, so it is no arithmetic: the text stays as it is, as in H2 and SQLite. */
  @ParameterizedTest
  @MethodSource("domains")
  void unaryPlusLeavesTextAlone(String d) throws SQLException {
    String t = d + ".t5";
    assertEquals(rows(c, "SELECT col1 FROM " + t + " WHERE col5 IS NULL"),
        rows(c, "SELECT +col1 FROM " + t + " WHERE +col5 IS NULL"));
    assertEquals(List.of("zz"), rows(c, "SELECT MIN(+'zz') FROM " + t));
  }

  @Test
  void aTextLiteralIsANumberWhereOneIsExpected() throws SQLException {
    assertEquals(List.of("13,3"), rows(c, "SELECT '12' + 1, 1 + CAST(+'2' AS INTEGER)"));
    assertEquals(List.of("2.5"), rows(c, "SELECT col1 FROM files.t5 WHERE pk = '0'"));
  }

  @Test
  void aParameterTakesTheTypeArithmeticNeeds() throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT col0 + ? FROM h2.tab0 WHERE col0 = 15")) {
      ps.setString(1, "2");
      assertEquals(List.of("17"), rows(ps.executeQuery()));
    }
  }
}
