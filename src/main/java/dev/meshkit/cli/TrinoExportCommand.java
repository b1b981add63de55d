package dev.meshkit.cli;

import dev.meshkit.Mesh;
import dev.meshkit.TrinoExport;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "trino", mixinStandardHelpOptions = true,
    description = {"Writes a Trino configuration that serves the same products under the same policies: a catalog"
        + " per PostgreSQL, MariaDB or MySQL source (credentials as ${ENV:...} references), the products as views"
        + " (init.sql), the policies as file-based access control (etc/rules.json) and the catalog's metadata"
        + " (meshkit-catalog.json).",
        "Refuses, writing nothing, when a source, product or policy cannot move, unless --skip-unsupported"
            + " leaves those out: what is left out is denied to everyone, so access only narrows."},
    footer = {"", "Examples:",
        "  meshkit export trino mesh.yaml --out trino",
        "  meshkit export trino mesh.yaml --out trino --skip-unsupported"})
final class TrinoExportCommand extends MeshCommand {

  @Option(names = "--out", required = true, paramLabel = "<dir>", description = "The folder to write into.")
  Path out;

  @Option(names = "--skip-unsupported",
      description = "Leave out (and deny) what Trino cannot express instead of refusing.")
  boolean skipUnsupported;

  @Override
  public Integer call() {
    try (Mesh mesh = loadMesh()) {
      TrinoExport export = mesh.exportTrino(out, skipUnsupported);
      out().println("Wrote " + export.files().size() + " files to " + export.directory());
      export.files().forEach(file -> out().println("  " + file));
      if (!export.environment().isEmpty()) {
        out().println("Trino needs these environment variables: " + String.join(", ", export.environment()));
      }
      if (!export.skipped().isEmpty()) {
        out().println("Left out, denied to everyone:");
        export.skipped().forEach(line -> out().println("  - " + line));
      }
      out().println("Differences from meshkit are in " + export.directory().resolve("export-report.txt"));
      out().flush();
    }
    return 0;
  }
}
