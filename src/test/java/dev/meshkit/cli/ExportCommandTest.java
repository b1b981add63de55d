package dev.meshkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** meshkit export trino: refuses with the report (exit 1) unless told to skip, then writes and lists the files. */
class ExportCommandTest {

  @TempDir
  Path dir;

  @Test
  void refusesAMeshWithSourcesTrinoCannotReach() {
    Cli.Run run = Cli.run("export", "trino", "examples/acme/mesh.yaml", "--out", dir.resolve("out").toString());
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.err().contains("product sales.orders cannot move: it reads source erp of domain sales (type jdbc):"
        + " Trino has no connector for h2 databases"), run::toString);
    assertFalse(Files.exists(dir.resolve("out")));
  }

  @Test
  void skipsWhenToldAndListsWhatItLeftOut() {
    Cli.Run run = Cli.run("export", "trino", "examples/acme/mesh.yaml", "--out", dir.toString(), "--skip-unsupported");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().contains("  etc/rules.json"), run::toString);
    assertTrue(run.out().contains("Left out, denied to everyone:"), run::toString);
    assertTrue(Files.exists(dir.resolve("etc/rules.json")));
  }

  @Test
  void namesTheEnginesItExportsTo() {
    Cli.Run run = Cli.run("export");
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().contains("Name the engine to export to: meshkit export trino"), run::toString);
  }

  @Test
  void needsAnOutputFolder() {
    Cli.Run run = Cli.run("export", "trino", "examples/acme/mesh.yaml");
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().contains("--out"), run::toString);
  }
}
