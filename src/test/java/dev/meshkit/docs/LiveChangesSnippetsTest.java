package dev.meshkit.docs;

import static dev.meshkit.MeshTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.MeshChange;
import dev.meshkit.MeshTesting;
import dev.meshkit.Principal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The calls docs/live-changes.md shows, run against a copy of the example mesh. */
class LiveChangesSnippetsTest {

  private static final Logger log = LoggerFactory.getLogger(LiveChangesSnippetsTest.class);

  @TempDir
  Path dir;

  private Path copyOfTheExample() throws Exception {
    Path example = Path.of("examples/acme");
    try (var files = Files.walk(example)) {
      for (Path file : files.toList()) {
        Path copy = dir.resolve(example.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
    }
    return dir.resolve("mesh.yaml");
  }

  @Test
  void reloadAndWatch() throws Exception {
    Path descriptor = copyOfTheExample();
    // snippet:live-watch
    Mesh mesh = Mesh.builder().descriptor(descriptor).watch(true).build();
    // end:live-watch
    try (mesh; Connection c = mesh.connect(Principal.of("ann", "analyst"))) {
      Path sales = descriptor.resolveSibling("domains/sales.yaml");
      Files.writeString(sales, Files.readString(sales).replace("version: 2.0.0", "version: 2.1.0"));
      // snippet:live-reload
      MeshChange change = mesh.reload();
      if (!change.accepted()) {
        log.warn("still serving the previous version: {}", change.problems());
      }
      // end:live-reload
      assertTrue(change.accepted(), change.toString());
      assertEquals("sales.orders", change.products().get(0).product());
      assertEquals(List.of("2.1.0"), rows(c, "SELECT version FROM catalog.products WHERE product_name = 'orders'"));
    }
  }

  @Test
  void update() throws Exception {
    try (Connection erp = DriverManager.getConnection("jdbc:h2:mem:acme-live", "sa", "");
         Statement s = erp.createStatement()) {
      s.execute("CREATE TABLE orders(id INT PRIMARY KEY, amount DECIMAL(10,2))");
      s.execute("INSERT INTO orders VALUES (1, 120.50), (2, 35.00)");
      try (Mesh mesh = Mesh.builder().name("acme")
          .domain("sales", d -> d.owner("sales-team@acme.example")
              .jdbcSource("erp", "jdbc:h2:mem:acme-live", "sa", "")
              .product("orders", "One row per order", "SELECT * FROM erp.orders"))
          .grant("everyone-reads-sales", "sales.*").build();
           Connection c = mesh.connect(Principal.of("anyone"))) {
        // snippet:live-update
        MeshChange change = mesh.update(changes -> changes
            .domain("sales", d -> d.owner("sales-team@acme.example")
                .jdbcSource("erp", "jdbc:h2:mem:acme-live", "sa", "")
                .product("orders", "One row per order", "SELECT * FROM erp.orders")
                .product("big_orders", "Orders over 100", "SELECT * FROM erp.orders WHERE amount > 100")));
        // end:live-update
        assertTrue(change.accepted(), change.toString());
        assertEquals(List.of("1"), rows(c, "SELECT COUNT(*) FROM sales.big_orders"));
        assertFalse(mesh.changes().isEmpty());
      }
    }
  }

  @Test
  void theExampleLoadsWithWatchOn() throws Exception {
    Path descriptor = copyOfTheExample();
    MeshTesting.write(descriptor, Files.readString(descriptor) + "settings:\n  watch: true\n");
    try (Mesh mesh = Mesh.fromYaml(descriptor)) {
      assertEquals("acme", mesh.name());
    }
  }
}
