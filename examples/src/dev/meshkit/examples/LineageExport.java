package dev.meshkit.examples;

import dev.meshkit.Mesh;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the example mesh's whole lineage as a Graphviz digraph, for docs/build to draw:
 * {@code LineageExport examples/acme/mesh.yaml docs/lineage.dot}.
 */
public final class LineageExport {

  private LineageExport() {
  }

  public static void main(String[] args) throws Exception {
    Path descriptor = Path.of(args.length > 0 ? args[0] : "examples/acme/mesh.yaml").toAbsolutePath();
    Path out = Path.of(args.length > 1 ? args[1] : "docs/lineage.dot");
    try (Mesh mesh = Mesh.fromYaml(descriptor)) {
      if (out.toAbsolutePath().getParent() != null) {
        Files.createDirectories(out.toAbsolutePath().getParent());
      }
      Files.writeString(out, mesh.catalog().lineage(null, "dot"));
    }
  }
}
