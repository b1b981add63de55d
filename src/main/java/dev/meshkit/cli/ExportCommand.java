package dev.meshkit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code meshkit export}: writes the mesh as another engine's configuration; one subcommand per engine. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Writes the mesh as the configuration of another engine.",
    subcommands = TrinoExportCommand.class)
final class ExportCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Name the engine to export to: meshkit export trino"
        + " <descriptor> --out <dir>");
  }
}
