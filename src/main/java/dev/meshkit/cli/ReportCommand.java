package dev.meshkit.cli;

import dev.meshkit.GovernanceReport;
import dev.meshkit.Mesh;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Prints the mesh's governance report: missing metadata, unmasked pii, deprecated products in use,"
        + " failing quality checks, unused products, policy coverage, the lowest-rated products and open problems.",
        "Usage, quality results and feedback are those the mesh's metadata store keeps."},
    footer = {"", "Examples:", "  meshkit report mesh.yaml", "  meshkit report mesh.yaml --format json > report.json"})
final class ReportCommand extends MeshCommand {

  enum Format { markdown, json }

  @Option(names = "--format", paramLabel = "<format>", defaultValue = "markdown",
      description = "markdown or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--unused-days", paramLabel = "<days>", defaultValue = "30",
      description = "A product unread this many days counts as unused (default: ${DEFAULT-VALUE}).")
  int unusedDays;

  @Override
  public Integer call() {
    if (unusedDays < 0) {
      throw usage("--unused-days cannot be negative: " + unusedDays);
    }
    try (Mesh mesh = loadMesh()) {
      GovernanceReport report = mesh.report(Duration.ofDays(unusedDays));
      out().println(format == Format.json ? report.toJson() : report.toMarkdown());
      out().flush();
      return 0;
    }
  }
}
