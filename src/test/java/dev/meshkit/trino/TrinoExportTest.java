package dev.meshkit.trino;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshkit.Mesh;
import dev.meshkit.MeshException;
import dev.meshkit.TrinoExport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export through the public API, over the example mesh: its H2 and CSV sources have no Trino
 * connector, so the export refuses and names each with the products it blocks, or, told to skip,
 * leaves them out and denies everything.
 */
class TrinoExportTest {

  @TempDir
  Path dir;

  @Test
  void refusesSourcesTrinoCannotReachNamingTheProductsTheyBlock() {
    try (Mesh mesh = Mesh.fromYaml(Path.of("examples/acme/mesh.yaml"))) {
      MeshException e = assertThrows(MeshException.class, () -> mesh.exportTrino(dir.resolve("out")));
      List<String> problems = e.problems();
      assertTrue(problems.get(0).startsWith("the mesh acme cannot move to Trino as it is"), problems::toString);
      assertTrue(problems.contains("product sales.orders cannot move: it reads source erp of domain sales (type jdbc):"
          + " Trino has no connector for h2 databases"), problems::toString);
      assertTrue(problems.stream().anyMatch(p -> p.startsWith("product reference.nation cannot move: it reads source"
          + " files of domain reference (type csv): source type csv has no Trino catalog here")), problems::toString);
      assertTrue(problems.contains("product sales.revenue_by_nation cannot move: it reads product sales.orders, which"
          + " cannot move"), problems::toString);
      assertFalse(Files.exists(dir.resolve("out")), "a refused export writes nothing");
    }
  }

  @Test
  void aMeshNamedLikeTrinosOwnCatalogIsRefused() {
    try (Mesh mesh = Mesh.builder().name("system").build()) {
      MeshException e = assertThrows(MeshException.class, () -> mesh.exportTrino(dir));
      assertEquals("the mesh system would be Trino catalog system, which Trino reserves for itself; rename the mesh",
          e.problems().get(1));
    }
  }

  @Test
  void skippingLeavesBlockedProductsOutAndDeniesEverything() throws Exception {
    try (Mesh mesh = Mesh.fromYaml(Path.of("examples/acme/mesh.yaml"))) {
      TrinoExport export = mesh.exportTrino(dir, true);
      assertEquals(5, export.skipped().stream().filter(s -> s.startsWith("product ")).count(), export::toString);
      assertTrue(export.files().containsAll(List.of("etc/catalog/acme.properties", "etc/rules.json", "init.sql",
          "meshkit-catalog.json", "export-report.txt", "etc/access-control.properties")), export::toString);
      assertEquals(List.of(), export.environment());
      String init = Files.readString(dir.resolve("init.sql"));
      assertFalse(init.contains("CREATE OR REPLACE VIEW"), init);
      JsonNode tables = new ObjectMapper().readTree(dir.resolve("etc/rules.json").toFile()).get("tables");
      assertEquals(2, tables.size(), "only the views' owner and the last rule, which denies: " + tables);
      assertEquals("meshkit", tables.get(0).get("user").asText());
      assertEquals("{\"privileges\":[]}", tables.get(1).toString());
      assertTrue(Files.readString(dir.resolve("export-report.txt")).contains("product sales.customer cannot move"));
    }
  }
}
