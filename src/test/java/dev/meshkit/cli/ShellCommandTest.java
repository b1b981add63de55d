package dev.meshkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.cli.Cli.Run;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jline.terminal.impl.DumbTerminal;

/** The shell: statements piped in, as a script or a test would, and typed at a (test) terminal. */
class ShellCommandTest {

  @TempDir
  Path dir;

  String descriptor;

  @BeforeEach
  void mesh() throws Exception {
    descriptor = CliMesh.write(dir).toString();
  }

  @Test
  void multiLineStatementsRunAtTheirSemicolon() {
    Run run = Cli.runWithInput("""
        SELECT name,
               phone
        FROM sales.customer   -- the masked one
        ORDER BY name;
        SELECT 'x;y' AS s; SELECT COUNT(*) AS n FROM reference.nation;
        """, "shell", descriptor, "--user", "bert");
    assertEquals(1, run.exitCode(), run::toString);
    assertEquals("""
         name | phone
        ------+----------
         Bob  | XXXX0202
         Cy   | NULL
        (2 rows)
         s
        -----
         x;y
        (1 row)
        """, run.out().substring(0, run.out().indexOf("(1 row)") + 8));
    // bert has no grant on reference.nation: that statement fails and the shell says so.
    assertEquals("Error: access to data product reference.nation is denied: no policy grants it\n", run.err());
  }

  @Test
  void failedStatementsDoNotStopTheShellButSetTheExitCode() {
    Run run = Cli.runWithInput("SELECT nope FROM sales.orders;\nSELECT COUNT(*) AS n FROM sales.orders;\n",
        "shell", descriptor, "--user", "ann", "--format", "csv");
    assertEquals(1, run.exitCode(), run::toString);
    assertEquals("n\n3\n", run.out());
    assertTrue(run.err().startsWith("Error: ") && run.err().contains("Column 'nope' not found"), run.err());
  }

  @Test
  void theLastStatementMayOmitItsSemicolon() {
    Run run = Cli.runWithInput("SELECT COUNT(*) AS n\nFROM sales.orders\n", "shell", descriptor, "-u", "ann",
        "--format", "csv");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("n\n3\n", run.out());
  }

  @Test
  void quitEndsTheShell() {
    Run run = Cli.runWithInput("SELECT 1 AS a;\n\\q\nSELECT 2 AS b;\n", "shell", descriptor, "-u", "ann",
        "--format", "csv");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("a\n1\n", run.out());
    Run exit = Cli.runWithInput("exit\nSELECT 2 AS b;\n", "shell", descriptor, "-u", "ann");
    assertEquals("", exit.out());
  }

  @Test
  void backslashDListsProductsAndColumns() {
    Run run = Cli.runWithInput("\\d\n\\d sales.customer\n", "shell", descriptor, "--user", "bert", "--format", "csv");
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("""
        product,status,description
        sales.customer,active,"One row per customer, with contact details"
        column_name,data_type,nullable,masked_for_me,classification,description
        CUSTOMER_ID,INTEGER,false,false,,
        NAME,VARCHAR(20),true,false,,
        PHONE,VARCHAR(20),true,true,,Contact phone
        NATION_ID,INTEGER,true,false,,
        """, run.out());
  }

  @Test
  void unknownCommandsAndProductsAreReported() {
    Run run = Cli.runWithInput("\\x\n\\d sales.nothing\n\\help\n", "shell", descriptor, "--user", "ann");
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.err().contains("Unknown command \\x: \\help lists the commands."), run.err());
    assertTrue(run.err().contains("No product sales.nothing in ann's catalog"), run.err());
    assertTrue(run.out().contains("\\d PRODUCT"), run.out());
    assertFalse(run.err().contains("\tat "), run.err());
  }

  @Test
  void onATerminalLinesAreEditedContinuedAndKeptInTheHistory() throws Exception {
    Path history = dir.resolve("history");
    ByteArrayInputStream keys = new ByteArrayInputStream(
        "SELECT name\nFROM sales.customer\nORDER BY name;\n\\q\n".getBytes(StandardCharsets.UTF_8));
    ByteArrayOutputStream screen = new ByteArrayOutputStream();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = MeshkitCommand.commandLine(InputStream.nullInputStream(), true, new PrintWriter(out), new PrintWriter(err),
        () -> new DumbTerminal("test", "dumb", keys, screen, StandardCharsets.UTF_8))
        .execute("shell", descriptor, "--user", "bert", "--history", history.toString());
    assertEquals(0, exit, () -> out + "\n" + err);
    assertTrue(out.toString().startsWith("meshkit shell: mesh shop as bert."), out::toString);
    assertTrue(out.toString().contains(" name\n------\n Bob\n Cy\n(2 rows)\n"), out::toString);
    String prompts = screen.toString(StandardCharsets.UTF_8);
    // Two prompts for four lines: the statement's three lines were read as one input, then \q.
    assertEquals(2, prompts.split("bert@shop> ", -1).length - 1, prompts);
    String saved = Files.readString(history);
    assertTrue(saved.contains("SELECT name") && saved.contains("ORDER BY name;"), saved);
  }
}
