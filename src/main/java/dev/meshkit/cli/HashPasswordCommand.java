package dev.meshkit.cli;

import dev.meshkit.PasswordHasher;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "hash-password", mixinStandardHelpOptions = true,
    description = {"Prints a salted hash of a password for a principal's 'password:' in the descriptor.",
        "On a terminal it asks twice without echo; otherwise it reads the first line of standard input. "
            + "The password is never an argument, where the shell history and `ps` would keep it."},
    footer = {"", "Examples:",
        "  meshkit hash-password",
        "  printf '%s\\n' \"$ANN_PASSWORD\" | meshkit hash-password",
        "",
        "Then in the descriptor:",
        "  principals:",
        "    - {name: ann, roles: [analyst], password: \"pbkdf2-sha256$600000$...\"}"})
final class HashPasswordCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @ParentCommand
  MeshkitCommand root;

  @Override
  public Integer call() throws IOException {
    char[] password = root.terminal() ? askTwice() : firstLine();
    try {
      if (password.length == 0) {
        throw new ParameterException(spec.commandLine(), "The password is empty; give at least one character");
      }
      spec.commandLine().getOut().println(PasswordHasher.hash(password));
      spec.commandLine().getOut().flush();
      return 0;
    } finally {
      Arrays.fill(password, '\0');
    }
  }

  private char[] askTwice() {
    Console console = System.console();
    char[] first = console.readPassword("Password: ");
    char[] second = console.readPassword("Again: ");
    if (first == null || second == null) {
      throw new CliException("No password given: input ended.", null);
    }
    boolean same = Arrays.equals(first, second);
    Arrays.fill(second, '\0');
    if (!same) {
      Arrays.fill(first, '\0');
      throw new CliException("The two passwords differ; nothing was hashed.", null);
    }
    return first;
  }

  private char[] firstLine() throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(root.in(), StandardCharsets.UTF_8));
    String line = reader.readLine();
    if (line == null) {
      throw new ParameterException(spec.commandLine(), "No password on standard input");
    }
    return line.toCharArray();
  }
}
