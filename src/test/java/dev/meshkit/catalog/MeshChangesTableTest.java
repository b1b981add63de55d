package dev.meshkit.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.AuditEvent;
import dev.meshkit.Mesh;
import dev.meshkit.MeshChange;
import dev.meshkit.MeshTesting;
import dev.meshkit.Principal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history of changes: {@code sys.mesh_changes} for principals granted {@code sys}, an audit
 * event per change, and {@code catalog.products.last_changed}.
 */
class MeshChangesTableTest {

  @TempDir
  Path dir;

  private String descriptor(String url, String itemsSql, String version) {
    return """
        name: history
        principals:
          - {name: ann, roles: [analyst]}
          - {name: aud, roles: [analyst, auditor]}
        policies:
          - {name: analysts-read-all, grant: {products: ["*"], roles: [analyst]}}
          - {name: auditors-read-sys, grant: {products: ["sys.*"], roles: [auditor]}}
        domains:
          - name: sales
            owner: sales-team
            sources: [{name: db, type: jdbc, url: "%s", user: sa}]
            products:
              - {name: items, description: Items, version: "%s", sql: "%s"}
              - {name: steady, description: Never changes, version: 1.0.0, sql: "SELECT COUNT(*) AS n FROM db.t"}
        """.formatted(url, version, itemsSql);
  }

  @Test
  void everyChangeIsInSysMeshChangesTheAuditAndTheCatalog() throws Exception {
    String url = MeshTesting.h2("history_" + System.nanoTime(), "CREATE TABLE t(id INT)", "INSERT INTO t VALUES (1)");
    Path file = MeshTesting.write(dir.resolve("mesh.yaml"), descriptor(url, "SELECT id FROM db.t", "1.0.0"));
    try (Mesh mesh = Mesh.fromYaml(file)) {
      Thread.sleep(20); // so that the change's time differs from the load's
      MeshTesting.write(file, descriptor(url, "SELECT id, id * 2 AS twice FROM db.t", "1.1.0"));
      assertTrue(mesh.reload().accepted());
      MeshTesting.write(file, descriptor(url, "SELECT missing FROM db.t", "1.2.0"));
      MeshChange refused = mesh.reload();
      assertFalse(refused.accepted());

      try (Connection aud = mesh.connect(Principal.of("aud", "analyst", "auditor"));
          Statement s = aud.createStatement();
          ResultSet rs = s.executeQuery("SELECT change_time, triggered_by, outcome, files, products, versions, problems"
              + " FROM sys.mesh_changes ORDER BY change_time")) {
        assertTrue(rs.next());
        assertEquals("reload", rs.getString("triggered_by"));
        assertEquals("accepted", rs.getString("outcome"));
        assertEquals(file.toString(), rs.getString("files"));
        assertEquals("sales.items", rs.getString("products"));
        assertEquals("sales.items 1.0.0 -> 1.1.0 (changed)", rs.getString("versions"));
        assertEquals(null, rs.getString("problems"));
        assertTrue(rs.next());
        assertEquals("refused", rs.getString("outcome"));
        assertEquals("sales.items 1.1.0 -> 1.2.0 (changed)", rs.getString("versions"));
        assertTrue(rs.getString("problems").contains("sales.items"), rs.getString("problems"));
        assertFalse(rs.next());
      }

      List<AuditEvent> changes = mesh.auditEvents().stream().filter(e -> e.sql().startsWith("MESH CHANGE")).toList();
      assertEquals(2, changes.size());
      assertEquals(AuditEvent.Decision.ALLOWED, changes.get(0).decision());
      assertEquals("MESH CHANGE reload " + file, changes.get(0).sql());
      assertEquals("sales.items", changes.get(0).products().get(0).product());
      assertEquals(AuditEvent.Decision.DENIED, changes.get(1).decision());
      assertTrue(changes.get(1).error().contains("sales.items"), changes.get(1).error());

      try (Connection ann = mesh.connect(Principal.of("ann", "analyst"));
          Statement s = ann.createStatement();
          ResultSet rs = s.executeQuery("SELECT product_name, version, last_changed FROM catalog.products"
              + " ORDER BY product_name")) {
        assertTrue(rs.next());
        assertEquals("items", rs.getString(1));
        assertEquals("1.1.0", rs.getString(2), "the refused version is not in the catalog");
        Timestamp items = rs.getTimestamp(3);
        assertTrue(rs.next());
        assertEquals("steady", rs.getString(1));
        Timestamp steady = rs.getTimestamp(3);
        assertTrue(items.after(steady), items + " after " + steady);
      }
    }
  }

  @Test
  void sysMeshChangesIsDeniedWithoutASysGrant() throws Exception {
    String url = MeshTesting.h2("history_denied_" + System.nanoTime(), "CREATE TABLE t(id INT)");
    Path file = MeshTesting.write(dir.resolve("mesh.yaml"), descriptor(url, "SELECT id FROM db.t", "1.0.0"));
    try (Mesh mesh = Mesh.fromYaml(file); Connection ann = mesh.connect(Principal.of("ann", "analyst"))) {
      SQLException e = assertThrows(SQLException.class,
          () -> MeshTesting.rows(ann, "SELECT * FROM sys.mesh_changes"));
      assertTrue(e.getMessage().contains("sys"), e.getMessage());
      try (ResultSet schemas = ann.getMetaData().getSchemas()) {
        while (schemas.next()) {
          assertFalse(schemas.getString("TABLE_SCHEM").equals("sys"), "sys is not even listed");
        }
      }
    }
  }
}
