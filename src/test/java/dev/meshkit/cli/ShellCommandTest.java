package dev.meshkit.cli;

import static java.util.stream.Collectors.joining;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.MeshTesting;
import dev.meshkit.cli.Cli.Run;
import java.io.ByteArrayInputStream;
import java.io.BufferedWriter;
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
import org.jline.terminal.Terminal;
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
        customer_id,INTEGER,false,false,,
        name,VARCHAR(20),true,false,,
        phone,VARCHAR(20),true,true,,Contact phone
        nation_id,INTEGER,true,false,,
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
  void ctrlCStopsAStatementAndItsRowsDoNotFollowTheNextPrompt() throws Exception {
    String id = "shell_" + System.nanoTime();
    String a = MeshTesting.h2(id + "_a", "CREATE TABLE n(i INT PRIMARY KEY)",
        "INSERT INTO n SELECT X FROM SYSTEM_RANGE(1, 3000)");
    String b = MeshTesting.h2(id + "_b", "CREATE TABLE m(i INT PRIMARY KEY)",
        "INSERT INTO m SELECT X FROM SYSTEM_RANGE(1, 3000)");
    Path mesh = MeshTesting.write(dir.resolve("cross.yaml"), """
        name: cross
        domains:
          - {name: a, owner: a@x.example, sources: [{name: db, type: jdbc, url: "%s", user: sa}],
             products: [{name: n, sql: "SELECT * FROM db.n"}]}
          - {name: b, owner: b@x.example, sources: [{name: db, type: jdbc, url: "%s", user: sa}],
             products: [{name: m, sql: "SELECT * FROM db.m"}]}
        principals: [{name: ann}]
        policies: [{name: all, grant: {products: ["*"]}}]
        """.formatted(a, b));
    // Nine million rows, streamed as they are joined; Ctrl-C stops them.
    ByteArrayInputStream keys = new ByteArrayInputStream(
        "SELECT x.i AS x, y.i AS y FROM a.n x, b.m y;\nSELECT 'after' AS marker;\n\\q\n".getBytes(StandardCharsets.UTF_8));
    // stdout buffers and stderr does not, as in a real process; both reach one screen.
    StringWriter screen = new StringWriter();
    PrintWriter out = new PrintWriter(new BufferedWriter(screen, 1 << 16));
    PrintWriter err = new PrintWriter(screen, true);
    DumbTerminal terminal = new DumbTerminal("test", "dumb", keys, new ByteArrayOutputStream(), StandardCharsets.UTF_8);
    Thread ctrlC = new Thread(() -> {
      try {
        awaitRows(screen);
        terminal.raise(Terminal.Signal.INT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    ctrlC.start();
    int exit = MeshkitCommand.commandLine(InputStream.nullInputStream(), true, out, err, () -> terminal)
        .execute("shell", mesh.toString(), "--user", "ann", "--format", "csv", "--history",
            dir.resolve("history").toString());
    ctrlC.join(10_000);
    out.flush();
    String text = screen.toString();
    assertEquals(0, exit, text);
    int error = text.indexOf("Error: the statement was cancelled (Statement.cancel) (SQLState 57014)\n");
    assertTrue(error > 0, text.length() > 2000 ? text.substring(text.length() - 2000) : text);
    // After the error: the next statement's output and nothing of the cancelled one.
    assertEquals("marker\nafter\n", text.substring(error).lines().skip(1).collect(joining("\n", "", "\n")));
  }

  /** Waits until rows reach the screen, which they do once the statement runs and fills stdout's buffer. */
  private static void awaitRows(StringWriter screen) throws InterruptedException {
    for (int i = 0; i < 600 && !screen.toString().contains("x,y\n"); i++) {
      Thread.sleep(50);
    }
    Thread.sleep(200);
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
