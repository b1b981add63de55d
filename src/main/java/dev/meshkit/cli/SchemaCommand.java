package dev.meshkit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "schema", mixinStandardHelpOptions = true,
    description = {"Prints the JSON Schema of the descriptor: the platform's file and the domain files it includes.",
        "Editors that read a '# yaml-language-server: $schema=PATH' first line complete and check descriptors with it."},
    footer = {"", "Example:", "  meshkit schema > mesh.schema.json"})
final class SchemaCommand implements Callable<Integer> {

  /** The schema in the jar, beside the classes of the public API. */
  static final String RESOURCE = "/dev/meshkit/mesh.schema.json";

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    try (InputStream in = SchemaCommand.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new CliException("The descriptor's schema (" + RESOURCE + ") is missing from the meshkit jar", null);
      }
      spec.commandLine().getOut().print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
