package dev.meshkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a terminal, loading rewrites one status line on stderr and clears it when done. */
class ProgressTest {

  @TempDir
  Path dir;

  @Test
  void loadingShowsEachStepOnATerminalOnly() throws Exception {
    String descriptor = CliMesh.write(dir).toString();
    ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    PrintStream stderr = System.err;
    System.setErr(new PrintStream(terminal, true, StandardCharsets.UTF_8));
    int code;
    StringWriter out = new StringWriter();
    try {
      code = MeshkitCommand.commandLine(new ByteArrayInputStream(new byte[0]), true, new PrintWriter(out),
          new PrintWriter(new StringWriter())).execute("validate", descriptor);
    } finally {
      System.setErr(stderr);
    }
    assertEquals(0, code, out::toString);
    // Our tests log at INFO to the same stderr; the library's log lines are not the subject here.
    String shown = withoutLog(terminal);
    assertTrue(shown.contains("\r\033[KLoading " + descriptor + ": 1/6 source sales.erp..."), shown);
    assertTrue(shown.contains("\r\033[KLoading " + descriptor + ": 6/6 product reference.nation..."), shown);
    assertTrue(shown.endsWith("\r\033[K"), "the status line is cleared: " + shown);
    // Piped (as in every other test), nothing goes to the real stderr.
    System.setErr(new PrintStream(terminal = new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, Cli.run("validate", descriptor).exitCode());
    } finally {
      System.setErr(stderr);
    }
    assertEquals("", withoutLog(terminal));
  }

  private static String withoutLog(ByteArrayOutputStream stderr) {
    return stderr.toString(StandardCharsets.UTF_8).replaceAll("\\[main\\] [^\n]*\n", "");
  }
}
