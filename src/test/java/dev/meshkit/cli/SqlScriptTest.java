package dev.meshkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Where statements end: semicolons outside quotes and comments. */
class SqlScriptTest {

  @Test
  void splitsOnlyOnSemicolonsThatAreCode() {
    assertEquals(List.of("SELECT 'a;b', 'it''s;' FROM t", "SELECT \"x;y\" FROM u -- no; end", "/* ; */ SELECT 3"),
        SqlScript.split("SELECT 'a;b', 'it''s;' FROM t;\nSELECT \"x;y\" FROM u -- no; end\n;/* ; */ SELECT 3;  \n"));
    assertEquals(List.of(), SqlScript.split(" ;; -- only a comment\n/* and another */"));
  }

  @Test
  void aStatementIsCompleteAtItsSemicolon() {
    assertTrue(SqlScript.complete("SELECT 1;"));
    assertTrue(SqlScript.complete("SELECT 1; -- done\n"));
    assertFalse(SqlScript.complete("SELECT 1"));
    assertFalse(SqlScript.complete("SELECT ';"));
    assertFalse(SqlScript.complete("SELECT 1; SELECT"));
    assertFalse(SqlScript.complete("SELECT 1 /* ; */"));
  }
}
