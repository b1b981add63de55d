package dev.meshkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.cli.Cli.Run;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Help, version and usage errors, common to every command. */
class MeshkitCommandTest {

  @ParameterizedTest
  @ValueSource(strings = {"validate", "query", "shell", "catalog", "lineage", "quality", "serve"})
  void everyCommandHasHelp(String command) {
    Run run = Cli.run(command, "--help");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().startsWith("Usage: meshkit " + command + " "), run.out());
    assertTrue(run.out().contains("<descriptor>"), run.out());
    assertTrue(run.out().contains("Example"), run.out());
    Run viaHelp = Cli.run("help", command);
    assertEquals(run.out(), viaHelp.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "query", "shell", "catalog", "lineage", "quality", "serve"})
  void everyCommandWantsADescriptor(String command) {
    Run run = Cli.run(command);
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().startsWith("Missing required parameter"), run.err());
    assertTrue(run.err().contains("Try 'meshkit " + command + " --help' for more information."), run.err());
  }

  @Test
  void topLevelHelpListsTheCommands() {
    Run run = Cli.run("--help");
    assertEquals(0, run.exitCode(), run::toString);
    for (String command : new String[] {"validate", "query", "shell", "catalog", "lineage", "quality", "serve",
        "hash-password"}) {
      assertTrue(run.out().contains("\n  " + command + " "), run.out());
    }
    assertTrue(run.out().contains("Exit codes: 0 success, 1 failure or validation findings, 2 usage error."));
  }

  @Test
  void hashPasswordHasHelpWithoutADescriptor() {
    Run run = Cli.run("hash-password", "--help");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().startsWith("Usage: meshkit hash-password "), run.out());
    assertTrue(run.out().contains("Example"), run.out());
  }

  @Test
  void versionNamesMeshkitAndJava() {
    Run run = Cli.run("--version");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().startsWith("meshkit "), run.out());
    assertTrue(run.out().contains("Java " + System.getProperty("java.version")), run.out());
  }

  @Test
  void noCommandUnknownCommandAndUnknownOptionAreUsageErrors() {
    Run none = Cli.run();
    assertEquals(2, none.exitCode(), none::toString);
    assertEquals("Missing command: give one of validate, query, shell, catalog, lineage, quality, serve, hash-password, schema, diff, feedback, report.", none.err().lines().findFirst().orElseThrow());
    Run unknown = Cli.run("serve-me");
    assertEquals(2, unknown.exitCode(), unknown::toString);
    assertTrue(unknown.err().startsWith("Unmatched argument at index 0: 'serve-me'"), unknown.err());
    Run option = Cli.run("--colour");
    assertEquals(2, option.exitCode(), option::toString);
    assertTrue(option.err().startsWith("Unknown option: '--colour'."), option.err());
  }
}
