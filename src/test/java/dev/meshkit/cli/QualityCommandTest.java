package dev.meshkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.cli.Cli.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityCommandTest {

  @TempDir
  Path dir;

  String descriptor;

  @BeforeEach
  void mesh() throws Exception {
    descriptor = CliMesh.write(dir).toString();
  }

  @Test
  void aFailingCheckIsShownAndExitsOne() {
    Run run = Cli.run("quality", descriptor);
    assertEquals(1, run.exitCode(), run::toString);
    assertEquals("""
         product      | check         | status | observed | expected | severity
        --------------+---------------+--------+----------+----------+----------
         sales.orders | rowCount      | passed |        3 | > 0      | error
         sales.orders | no-big-orders | failed |        1 | = 0      | error
        (2 rows)
        2 checks: 1 passed, 1 failed, 0 could not run.
        """, run.out());
  }

  @Test
  void productsWithoutChecksPassAndUnknownOnesFail() {
    Run clean = Cli.run("quality", descriptor, "sales.customer");
    assertEquals(0, clean.exitCode(), clean::toString);
    assertTrue(clean.out().endsWith("(0 rows)\n0 checks: 0 passed, 0 failed, 0 could not run.\n"), clean.out());
    Run unknown = Cli.run("quality", descriptor, "sales.nope");
    assertEquals(1, unknown.exitCode(), unknown::toString);
    assertEquals("No quality checks for sales.nope in " + descriptor + ": no data product sales.nope\n", unknown.err());
  }
}
