package dev.meshkit.bootstrap;

import static dev.meshkit.MeshTesting.rows;
import static dev.meshkit.bootstrap.LiveDescriptor.tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.MeshChange;
import dev.meshkit.MeshTesting;
import dev.meshkit.Principal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Mesh#update}: registration from code, validated and swapped in as a reload is. */
class UpdateTest {

  private static final Principal ANN = Principal.of("ann", "analyst");

  @TempDir
  Path dir;

  @Test
  void aMeshDeclaredInCodeTakesNewProductsAndRefusesBrokenOnes() throws Exception {
    String url = MeshTesting.h2("update_code_" + System.nanoTime(), "CREATE TABLE t(id INT)",
        "INSERT INTO t VALUES (1), (2), (3)");
    try (Mesh mesh = Mesh.builder().name("app")
        .domain("sales", d -> d.owner("team").jdbcSource("db", url, "sa", "")
            .product("all_rows", Map.of("status", "deprecated", "sql", "SELECT id FROM db.t")))
        .grant("everyone", "*").build();
        Connection c = mesh.connect(ANN)) {
      MeshChange added = mesh.update(changes -> changes
          .domain("sales", d -> d.owner("team").jdbcSource("db", url, "sa", "")
              .product("all_rows", Map.of("status", "deprecated", "sql", "SELECT id FROM db.t"))
              .product("big_rows", Map.of("status", "deprecated", "description", "Rows above one",
                  "sql", "SELECT id FROM db.t WHERE id > 1"))));
      assertTrue(added.accepted(), added.toString());
      assertEquals(MeshChange.Trigger.UPDATE, added.trigger());
      assertEquals(List.of(new MeshChange.ProductChange("sales.big_rows", MeshChange.Kind.ADDED, null, null)),
          added.products());
      assertEquals(List.of("2", "3"), rows(c, "SELECT id FROM sales.big_rows ORDER BY id"));

      MeshChange refused = mesh.update(changes -> changes
          .domain("sales", d -> d.owner("team").jdbcSource("db", url, "sa", "")
              .product("all_rows", Map.of("status", "deprecated", "sql", "SELECT id FROM db.t"))
              .product("broken", "Reads nothing", "SELECT nope FROM db.t")));
      assertFalse(refused.accepted());
      assertTrue(refused.problems().get(0).contains("sales.broken"), refused.problems().toString());
      assertEquals(List.of("2", "3"), rows(c, "SELECT id FROM sales.big_rows ORDER BY id"), "the old version serves on");

      MeshChange removed = mesh.update(changes -> changes.removeDomain("sales")
          .domain("hr", d -> d.owner("people").jdbcSource("db", url, "sa", "").product("staff", "Staff", "SELECT id FROM db.t")));
      assertTrue(removed.accepted(), removed.toString());
      // An active product is a contract: removing it is refused.
      MeshChange kept = mesh.update(changes -> changes.removeDomain("hr"));
      assertFalse(kept.accepted(), kept.toString());
      assertTrue(kept.problems().get(0).contains("hr.staff"), kept.problems().toString());
      assertEquals(List.of("3"), rows(c, "SELECT COUNT(*) FROM hr.staff"));
      assertEquals(List.of("3"), rows(c, "SELECT COUNT(*) FROM hr.staff"));
      SQLException gone = assertThrows(SQLException.class, () -> rows(c, "SELECT * FROM sales.all_rows"));
      assertTrue(gone.getMessage().contains("sales"), gone.getMessage());
    }
  }

  @Test
  void codeChangesStayOnTopOfTheDescriptorThroughFileReloads() throws Exception {
    LiveDescriptor descriptor = new LiveDescriptor(dir);
    descriptor.write("v1", "1.0.0");
    try (Mesh mesh = Mesh.fromYaml(descriptor.file); Connection c = mesh.connect(ANN)) {
      MeshChange change = mesh.update(changes -> changes
          .domain("marketing", d -> d.owner("mkt").jdbcSource("db", descriptor.url, "sa", null)
              .product("leads", Map.of("status", "deprecated", "sql", "SELECT id FROM db.t WHERE id <= 2")))
          .policy("analysts-read-marketing", "grant",
              Map.of("products", List.of("marketing.*"), "roles", List.of("analyst"))));
      assertTrue(change.accepted(), change.toString());
      assertEquals(List.of("2"), rows(c, "SELECT COUNT(*) FROM marketing.leads"));

      descriptor.write("v2", "1.1.0");
      MeshChange reload = mesh.reload();
      assertTrue(reload.accepted(), reload.toString());
      assertEquals(List.of("sales.items"), reload.products().stream().map(MeshChange.ProductChange::product).toList(),
          "the code layer is applied again, so it is no change");
      assertEquals("v2", tag(c));
      assertEquals(List.of("2"), rows(c, "SELECT COUNT(*) FROM marketing.leads"), "the code's domain stays");

      assertTrue(mesh.update(changes -> changes.removeDomain("marketing").removePolicy("analysts-read-marketing"))
          .accepted());
      assertThrows(SQLException.class, () -> rows(c, "SELECT COUNT(*) FROM marketing.leads"));
    }
  }
}
