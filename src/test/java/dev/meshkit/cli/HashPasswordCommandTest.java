package dev.meshkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.PasswordHasher;
import dev.meshkit.cli.Cli.Run;
import org.junit.jupiter.api.Test;

/** {@code meshkit hash-password}, off a terminal: the password comes from standard input. */
class HashPasswordCommandTest {

  @Test
  void printsASaltedHashThatVerifies() {
    Run first = Cli.runWithInput("correct horse\n", "hash-password");
    Run second = Cli.runWithInput("correct horse\n", "hash-password");
    assertEquals(0, first.exitCode(), first::toString);
    String hash = first.out().strip();
    assertTrue(hash.startsWith("pbkdf2-sha256$"), hash);
    assertTrue(PasswordHasher.verify("correct horse".toCharArray(), hash));
    assertFalse(PasswordHasher.verify("correct horse!".toCharArray(), hash));
    assertNotEquals(hash, second.out().strip(), "each hash has its own salt");
    assertFalse(first.out().contains("correct horse") || first.err().contains("correct horse"));
  }

  @Test
  void noOrEmptyPasswordIsAUsageError() {
    Run none = Cli.runWithInput("", "hash-password");
    assertEquals(2, none.exitCode(), none::toString);
    assertTrue(none.err().startsWith("No password on standard input."), none.err());
    Run empty = Cli.runWithInput("\n", "hash-password");
    assertEquals(2, empty.exitCode(), empty::toString);
    assertTrue(empty.err().startsWith("The password is empty; give at least one character."), empty.err());
  }

  @Test
  void takesNoArguments() {
    Run run = Cli.runWithInput("secret\n", "hash-password", "secret");
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().startsWith("Unmatched argument at index 1: 'secret'"), run.err());
  }
}
