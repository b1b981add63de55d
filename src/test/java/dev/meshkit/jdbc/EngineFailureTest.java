package dev.meshkit.jdbc;

import static dev.meshkit.MeshTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures inside the engine come back as SQL errors with their SQLState, the same on every
 * execution, and leave the connection usable: a value the JVM cannot compute (even a constant that
 * fails in a generated class's initializer), and statements nested deeper than the planner follows.
 */
class EngineFailureTest {

  @TempDir
  static Path dir;
  static StopMesh fixture;

  @BeforeAll
  static void load() throws Exception {
    fixture = new StopMesh(dir, "", 4);
  }

  @AfterAll
  static void close() {
    fixture.close();
  }

  @Test
  void divisionByZeroIs22012OnEveryExecution() throws Exception {
    String[] divisions = {
        "SELECT 1/0",                                                  // a constant of the plan
        "SELECT i + 1/0 FROM f.big",                                   // a constant inside the row code
        "SELECT v + 1/0, COUNT(*) FROM f.big GROUP BY v + 1/0",        // ... of an aggregate, run as it binds
        "SELECT i / (v - v) FROM f.big",                               // a value computed per row
        "SELECT CAST(i AS DECIMAL(10, 2)) / 0 FROM f.big",             // decimal division
    };
    try (Connection c = fixture.connect()) {
      for (String sql : divisions) {
        for (int run = 0; run < 3; run++) {
          SQLException zero = assertThrows(SQLException.class, () -> rows(c, sql), sql);
          assertEquals("22012", zero.getSQLState(), () -> sql + ": " + zero.getMessage());
          assertTrue(zero.getMessage().startsWith("statement failed")
              && zero.getMessage().endsWith(": division by zero (SQLState 22012)"), zero.getMessage());
        }
        try (PreparedStatement prepared = c.prepareStatement(sql)) {
          for (int run = 0; run < 2; run++) {
            SQLException zero = assertThrows(SQLException.class, () -> StopMesh.drain(prepared.executeQuery()), sql);
            assertEquals("22012", zero.getSQLState(), () -> sql + ": " + zero.getMessage());
          }
        }
        assertEquals(List.of("1"), rows(c, "SELECT 1"));
      }
    }
  }

  @Test
  void aFailedConversionIs22018AndQuotesNoValue() throws Exception {
    try (Connection c = fixture.connect()) {
      SQLException cast = assertThrows(SQLException.class,
          () -> rows(c, "SELECT CAST('x' || CAST(i AS VARCHAR) AS INTEGER) FROM f.big"));
      assertEquals("22018", cast.getSQLState(), cast::getMessage);
      assertEquals("statement failed while reading data product f.big: invalid character value for cast"
          + " (SQLState 22018)", cast.getMessage());
    }
  }

  @Test
  void statementsNestedTooDeeplyAre54001AndTheConnectionGoesOn() throws Exception {
    StringBuilder nestedCase = new StringBuilder("SELECT ");
    nestedCase.append("CASE WHEN i = 1 THEN 1 ELSE ".repeat(3000)).append('0').append(" END".repeat(3000));
    String[] deep = {
        "SELECT " + "(".repeat(5000) + "1" + ")".repeat(5000),
        "SELECT i FROM f.big WHERE " + String.join(" OR ", Collections.nCopies(3000, "i = 5")),
        nestedCase + " FROM f.big",
        "SELECT * FROM " + "(SELECT * FROM ".repeat(1200) + "f.big" + ") t".repeat(1200),
        "SELECT 1" + " UNION ALL SELECT 1".repeat(3000),
    };
    try (Connection c = fixture.connect()) {
      for (String sql : deep) {
        SQLException tooDeep = assertThrows(SQLException.class, () -> rows(c, sql));
        assertEquals("54001", tooDeep.getSQLState(), tooDeep::getMessage);
        assertTrue(tooDeep.getMessage().startsWith("the statement is nested too deeply"), tooDeep.getMessage());
        assertFalse(tooDeep.getMessage().contains("SELECT"), tooDeep.getMessage());
        assertEquals(List.of("3000"), rows(c, "SELECT COUNT(*) FROM f.big"));
      }
      // Prepared, the same.
      SQLException prepared = assertThrows(SQLException.class, () -> c.prepareStatement(deep[1]));
      assertEquals("54001", prepared.getSQLState(), prepared::getMessage);
      // Long but flat: an IN list of 3,000 values and a CASE of 3,000 branches still run.
      String in = "SELECT COUNT(*) FROM f.big WHERE i IN (" + String.join(", ",
          Collections.nCopies(3000, "5")) + ")";
      assertEquals(List.of("1"), rows(c, in));
    }
  }

  @Test
  void nestingBelowTheLimitThatStillExhaustsTheStackIs54001Too() throws Exception {
    try (Connection c = fixture.connect()) {
      for (int terms : new int[] {600, 900}) {
        String chain = "SELECT i FROM f.big WHERE " + String.join(" OR ", Collections.nCopies(terms, "i + 1 = 5"));
        try {
          assertEquals(List.of("4"), rows(c, chain));
        } catch (SQLException e) {
          // Whether it fits depends on the thread's stack; if it does not, it is this error.
          assertEquals("54001", e.getSQLState(), e::getMessage);
          assertTrue(e.getMessage().startsWith("the statement is nested too deeply for meshkit to plan"),
              e.getMessage());
        }
        assertEquals(List.of("3000"), rows(c, "SELECT COUNT(*) FROM f.big"));
      }
    }
  }

  @Test
  void aParenthesisInATextIsNotNesting() throws Exception {
    try (Connection c = fixture.connect()) {
      String text = "'" + "(".repeat(5000) + "'";
      assertEquals(List.of("5000"), rows(c, "SELECT CHAR_LENGTH(" + text + ") -- ((((\n"));
    }
  }
}
