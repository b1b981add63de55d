package dev.meshkit.docs;

import static dev.meshkit.MeshTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshkit.AuditEvent;
import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import dev.meshkit.jdbc.MeshDriver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The ways to load a mesh and connect to it, as docs/descriptor.md shows them, run. */
class LoadingSnippetsTest {

  private static final Logger log = LoggerFactory.getLogger(LoadingSnippetsTest.class);

  @Test
  void embedded() throws SQLException {
    List<Integer> orders = new ArrayList<>();
    // snippet:load-embedded
    try (Mesh mesh = Mesh.fromYaml(Path.of("examples/acme/mesh.yaml"));
         Connection c = mesh.connect(Principal.builder("ann").role("analyst").build());
         ResultSet rs = c.createStatement().executeQuery("SELECT * FROM sales.orders WHERE amount > 100")) {
      while (rs.next()) {
        orders.add(rs.getInt("order_id"));
      }
    }
    // end:load-embedded
    assertEquals(List.of(100, 102, 105), orders.stream().sorted().toList());
  }

  @Test
  void throughTheJdbcDriver() throws SQLException {
    int customers;
    // snippet:load-jdbc-driver
    try (Connection c = DriverManager.getConnection("jdbc:meshkit:examples/acme/mesh.yaml", "ann", null);
         ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM sales.customer")) {
      rs.next();
      customers = rs.getInt(1);
    }
    // end:load-jdbc-driver
    assertEquals(5, customers);
    // snippet:load-jdbc-release
    MeshDriver.release(Path.of("examples/acme/mesh.yaml"));   // the next connection loads it again
    // end:load-jdbc-release
  }

  @Test
  void declaredInCode() throws SQLException {
    // An in-memory database that outlives this connection, as a real source outlives the mesh.
    try (Connection erp = DriverManager.getConnection("jdbc:h2:mem:acme-code", "sa", "");
         Statement s = erp.createStatement()) {
      s.execute("CREATE TABLE orders(id INT PRIMARY KEY, amount DECIMAL(10,2))");
      s.execute("INSERT INTO orders VALUES (1, 120.50), (2, 35.00)");
      // snippet:load-in-code
      Mesh mesh = Mesh.builder().name("acme")
          .domain("sales", d -> d.owner("sales-team@acme.example")
              .jdbcSource("erp", "jdbc:h2:mem:acme-code", "sa", "")
              .product("orders", "One row per order", "SELECT * FROM erp.orders"))
          .grant("everyone-reads-sales", "sales.*")
          .auditSink(event -> log.info(event.toLogLine()))
          .build();
      // end:load-in-code
      try (mesh; Connection c = mesh.connect(Principal.of("anyone"))) {
        assertEquals(List.of("2"), rows(c, "SELECT COUNT(*) FROM sales.orders"));
        AuditEvent event = mesh.auditEvents().get(mesh.auditEvents().size() - 1);
        assertEquals(List.of("sales.orders"), event.products().stream().map(AuditEvent.ProductAccess::product).toList());
      }
    }
  }
}
