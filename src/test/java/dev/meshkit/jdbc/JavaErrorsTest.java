package dev.meshkit.jdbc;

import static dev.meshkit.MeshTesting.assertNoStackTrace;
import static dev.meshkit.MeshTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.meshkit.SqlMeshTestBase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No Java error leaves the driver: statements that meet one inside the engine (an assertion of
 * Calcite's, a number that does not parse, an arithmetic exception, an index out of bounds, a stack
 * overflow) fail with an SQLException of the right SQLState, plain or prepared, and the connection
 * answers the next statement. The build runs this class with assertions enabled and disabled, as
 * production does, and the outcome is the same.
 */
@Tag("assertions-off")
class JavaErrorsTest extends SqlMeshTestBase {

  /** A statement, the SQLState it fails with, and the Java error it meets inside the engine. */
  record Failing(String sql, String state, String meets) {
    @Override
    public String toString() {
      return meets + ": " + sql;
    }
  }

  static List<Failing> failing() {
    String deep = "SELECT " + "(".repeat(5000) + "1" + ")".repeat(5000);
    return List.of(
        new Failing("SELECT CAST(col2 AS INTEGER ARRAY) FROM files.t5", "0A000", "an assertion in code generation"),
        new Failing("SELECT * FROM h2.tab0 TABLESAMPLE SYSTEM(50)", "0A000", "CannotPlanException"),
        new Failing("SELECT CAST(col2 AS INTEGER) FROM files.t5", "22018", "NumberFormatException"),
        new Failing("SELECT CAST(col2 AS DOUBLE) FROM files.t5", "22018", "NumberFormatException"),
        new Failing("SELECT col0 / (col1 - col1) FROM files.tab0", "22012", "ArithmeticException"),
        new Failing("SELECT amount / (qty - qty) FROM h2.money", "22012", "ArithmeticException"),
        new Failing("SELECT col0 * 100000000 FROM files.tab0", "22003", "ArithmeticException (overflow)"),
        new Failing("SELECT SUBSTRING(col2 FROM 1 FOR col0 - 5) FROM files.t5", "22011", "StringIndexOutOfBounds"),
        new Failing("SELECT CAST(col2 AS DATE) FROM files.t5", "22007", "DateTimeException"),
        new Failing(deep, "54001", "StackOverflowError"));
  }

  @ParameterizedTest
  @MethodSource("failing")
  void aJavaErrorInsideBecomesAnSqlExceptionAndTheConnectionGoesOn(Failing f) throws SQLException {
    // A connection of its own, so that each case shows the connection that met the error goes on.
    try (Connection own = sql.connect()) {
      assertFails(f, () -> rows(own, f.sql()));
      assertFails(f, () -> {
        try (PreparedStatement ps = own.prepareStatement(f.sql()); ResultSet rs = ps.executeQuery()) {
          rows(rs);
        }
      });
      assertEquals(List.of("3"), rows(own, "SELECT COUNT(*) FROM files.tab0"), "the connection answers");
    }
  }

  private interface Call {
    void run() throws SQLException;
  }

  private static void assertFails(Failing f, Call call) {
    Throwable thrown = null;
    try {
      call.run();
    } catch (Throwable t) {
      thrown = t;
    }
    SQLException e = assertInstanceOf(SQLException.class, thrown, f.toString());
    assertEquals(f.state(), e.getSQLState(), () -> f + ": " + e.getMessage());
    assertNull(e.getCause(), f.toString());
    assertNoStackTrace(e.getMessage());
  }

  /**
   * Once the JVM has compiled a division hot, it throws its exceptions without a message
   * (OmitStackTraceInFastThrow); a division by zero is still 22012 then, not any arithmetic error.
   */
  @Test
  void aDivisionByZeroCompiledHotIsStillOne() throws SQLException {
    try (Connection own = sql.connect();
        PreparedStatement ps = own.prepareStatement(
            "SELECT col0 / (col1 - col1), col0 % (col1 - col1) FROM files.tab0")) {
      for (int i = 0; i < 20_000; i++) {
        SQLException e = assertThrows(SQLException.class, () -> {
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
          }
        });
        assertEquals("22012", e.getSQLState(), "execution " + i + ": " + e.getMessage());
      }
    }
  }
}
