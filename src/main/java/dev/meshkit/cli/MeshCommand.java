package dev.meshkit.cli;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** What every subcommand that works on a mesh shares: its descriptor, loading it, its principals. */
abstract class MeshCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "<descriptor>", description = "The mesh descriptor (YAML).")
  Path descriptor;

  @Spec
  CommandSpec spec;

  /** The top command, whose options (such as --verbose) every subcommand shares, however deeply nested. */
  MeshkitCommand root() {
    return (MeshkitCommand) spec.root().userObject();
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /**
   * Loads the mesh, with progress on a terminal.
   *
   * @throws ParameterException if the descriptor is not a readable file (a usage error)
   * @throws dev.meshkit.MeshException naming file and line of each problem in it
   */
  Mesh loadMesh() {
    return loadMesh(null);
  }

  /**
   * Loads the mesh, following its files when {@code watch} is true (null: as its {@code settings: watch} says).
   *
   * @throws ParameterException if the descriptor is not a readable file (a usage error)
   * @throws dev.meshkit.MeshException naming file and line of each problem in it
   */
  Mesh loadMesh(Boolean watch) {
    if (!Files.exists(descriptor)) {
      throw usage("Descriptor file not found: " + descriptor);
    }
    if (!Files.isRegularFile(descriptor) || !Files.isReadable(descriptor)) {
      throw usage("Descriptor is not a readable file: " + descriptor);
    }
    if (root().verbose || spec.commandLine().getParseResult().hasMatchedOption("--verbose")) {
      // The launcher keeps library logging at errors; SimpleLogger reads this when it first starts.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
    }
    try (Progress progress = Progress.on(root().terminal(), "Loading " + descriptor)) {
      Mesh.Builder builder = Mesh.builder().descriptor(descriptor).loadListener(progress);
      if (watch != null) {
        builder.watch(watch);
      }
      return builder.build();
    }
  }

  /**
   * The principal a {@code --user} names.
   *
   * @throws ParameterException if the descriptor declares no such principal
   */
  Principal principal(Mesh mesh, String user) {
    return mesh.principal(user).orElseThrow(() -> usage("Unknown user '" + user + "': " + descriptor
        + " declares no principal of that name under 'principals:'"));
  }
}
