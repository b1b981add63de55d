package dev.meshkit.cli;

import dev.meshkit.Mesh;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "lineage", mixinStandardHelpOptions = true,
    description = {"Prints the lineage derived from the products' plans as a Mermaid flowchart or a Graphviz digraph.",
        "With a product, only its upstream and downstream; without, the whole mesh. Like the public catalog, "
            + "it draws the active and deprecated products with discoverable: true, and any other product they "
            + "read as (hidden). With --user it draws that principal's catalog, and source tables only of the "
            + "products they may see inside."},
    footer = {"", "Examples:",
        "  meshkit lineage mesh.yaml",
        "  meshkit lineage mesh.yaml --user ann",
        "  meshkit lineage mesh.yaml sales.orders --format dot | dot -Tpng -o orders.png"})
final class LineageCommand extends MeshCommand {

  enum Format { mermaid, dot }

  @Parameters(index = "1", arity = "0..1", paramLabel = "<product>", description = "A product, as domain.product.")
  String product;

  @Option(names = {"-u", "--user"}, paramLabel = "<name>", description = "Draw what this principal may see.")
  String user;

  @Option(names = "--format", paramLabel = "<format>", defaultValue = "mermaid",
      description = "mermaid or dot (default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  public Integer call() {
    try (Mesh mesh = loadMesh()) {
      String drawing;
      try {
        drawing = user == null ? mesh.catalog().lineage(product, format.name())
            : mesh.catalog().lineage(principal(mesh, user), product, format.name());
      } catch (IllegalArgumentException e) {
        throw new CliException("No lineage for " + product + " in " + descriptor + ": " + e.getMessage(), e);
      }
      out().print(drawing.endsWith("\n") ? drawing : drawing + "\n");
      out().flush();
    }
    return 0;
  }
}
