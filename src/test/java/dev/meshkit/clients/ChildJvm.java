package dev.meshkit.clients;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;

/**
 * A tool's main class run in a JVM of its own with the test classpath, so that its
 * {@code System.exit}, logging setup and terminal cannot touch the test JVM. Its output goes to
 * files under {@code target/clients}, which stay there for reading after a failure.
 */
final class ChildJvm {

  static final Path LOGS = Path.of("target", "clients");

  /** What a finished child printed, and how it ended. */
  record Result(String command, int exitCode, String stdout, String stderr) {

    /** Everything the child printed, for assertion messages. */
    String printed() {
      return command + "\nexit code " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
    }
  }

  private ChildJvm() {
  }

  /** Runs {@code mainClass} to its end; a child still running after {@code timeout} is killed. */
  static Result run(String name, Duration timeout, String mainClass, List<String> args)
      throws IOException, InterruptedException {
    return run(name, timeout, mainClass, args, false);
  }

  /**
   * As {@link #run(String, Duration, String, List)}; with {@code merged}, stderr goes into stdout
   * as the child writes them, for tools that print part of one story on each.
   */
  static Result run(String name, Duration timeout, String mainClass, List<String> args, boolean merged)
      throws IOException, InterruptedException {
    Path stdout = LOGS.resolve(name + ".out");
    Path stderr = merged ? stdout : LOGS.resolve(name + ".err");
    Process process = start(stdout, stderr, mainClass, args);
    String command = mainClass + " " + String.join(" ", args);
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("still running after " + timeout.toSeconds() + " s, killed: " + command
          + "\n--- stdout\n" + Files.readString(stdout) + "\n--- stderr\n" + Files.readString(stderr));
    }
    return new Result(command, process.exitValue(), Files.readString(stdout), merged ? "" : Files.readString(stderr));
  }

  /** Starts {@code mainClass} with its output going to the two files (or one); the caller ends the process. */
  static Process start(Path stdout, Path stderr, String mainClass, List<String> args) throws IOException {
    Files.createDirectories(LOGS);
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m",
        // The same zone as the test JVM, so dates print the same on both sides.
        "-Duser.timezone=" + TimeZone.getDefault().getID(),
        "-Dfile.encoding=UTF-8",
        "-cp", System.getProperty("java.class.path"),
        mainClass));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(stdout.toFile());
    if (stderr.equals(stdout)) {
      builder.redirectErrorStream(true);
    } else {
      builder.redirectError(stderr.toFile());
    }
    Process process = builder.start();
    // No input: a tool that asks for some reads end of file instead of waiting.
    process.getOutputStream().close();
    return process;
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }
}
