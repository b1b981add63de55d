package dev.meshkit.engine;

import static dev.meshkit.MeshTesting.assertNoStackTrace;
import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A source that is down at load time makes its products unavailable, not the mesh; they recover alone. */
class SourceAvailabilityTest {

  @TempDir
  Path dir;

  private Server server;

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop();
    }
  }

  private Server startServer(int port) throws SQLException {
    return Server.createTcpServer("-tcpPort", String.valueOf(port), "-baseDir", dir.toString()).start();
  }

  @Test
  void productsOfAnUnreachableSourceAreUnavailableThenRecoverWithoutReload() throws Exception {
    // The data lives in a file database, so it is the same when the server comes back.
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("sales"), "sa", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE orders(id INT PRIMARY KEY, amount DECIMAL(10,2))");
      s.execute("INSERT INTO orders VALUES (1, 5.00), (2, 70.00)");
    }
    server = startServer(0);
    int port = server.getPort();
    server.stop();
    String hrUrl = h2("avail_hr", "CREATE TABLE people(id INT, name VARCHAR(10))", "INSERT INTO people VALUES (7, 'Eve')");

    try (Mesh mesh = Mesh.builder().grant("everyone-reads-everything", "*").name("acme")
        .domain("sales", d -> d.jdbcSource("erp", "jdbc:h2:tcp://127.0.0.1:" + port + "/sales", "sa", "")
            .product("orders", "SELECT * FROM erp.orders")
            .product("big", "SELECT id FROM sales.orders WHERE amount > 10"))
        .domain("hr", d -> d.jdbcSource("staff", hrUrl, "sa", "").product("people", "SELECT * FROM staff.people"))
        .build()) {

      Map<String, String> unavailable = mesh.unavailableProducts();
      assertEquals(Set.of("sales.orders", "sales.big"), unavailable.keySet());
      String reason = unavailable.get("sales.orders");
      assertTrue(reason.startsWith("data product sales.orders is unavailable: source 'erp' of domain 'sales'"
          + " cannot be reached: "), reason);
      // The driver's own words follow, down to the root cause.
      assertTrue(reason.endsWith("Connection refused"), reason);
      assertNoStackTrace(reason);
      assertTrue(unavailable.get("sales.big").contains("source 'erp' of domain 'sales' cannot be reached"),
          unavailable.get("sales.big"));

      try (Connection c = mesh.connect(Principal.of("ann"))) {
        long start = System.nanoTime();
        SQLException e = assertThrows(SQLException.class, () -> rows(c, "SELECT * FROM sales.orders"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "took " + took);
        assertTrue(e.getMessage().contains("data product sales.orders is unavailable: source 'erp' of domain 'sales'"
            + " cannot be reached"), e.getMessage());
        assertNoStackTrace(e.getMessage());

        assertEquals(List.of("7,Eve"), rows(c, "SELECT id, name FROM hr.people"));

        server = startServer(port);
        List<String> recovered = pollUntilAnswered(c, "SELECT id, amount FROM sales.orders ORDER BY id");
        assertEquals(List.of("1,5.00", "2,70.00"), recovered);
        assertEquals(List.of("2"), rows(c, "SELECT id FROM sales.big"));
        assertEquals(Map.of(), mesh.unavailableProducts());
      }
    }
  }

  /** Past the source's one-second retry back-off, the source is asked again; allow a few seconds. */
  private static List<String> pollUntilAnswered(Connection c, String sql) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (true) {
      try {
        return rows(c, sql);
      } catch (SQLException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(250);
      }
    }
  }
}
