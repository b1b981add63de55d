package dev.meshkit.cli;

import picocli.CommandLine.Command;

/** {@code meshkit export}: writes the mesh as another engine's configuration; one subcommand per engine. */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Writes the mesh as the configuration of another engine.",
    subcommands = TrinoExportCommand.class)
final class ExportCommand {
}
