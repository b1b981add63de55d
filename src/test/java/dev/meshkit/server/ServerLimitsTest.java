package dev.meshkit.server;

import static dev.meshkit.MeshTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connection limit, statement timeout, idle expiry, shutdown and restart, over loopback. */
class ServerLimitsTest {

  @TempDir
  static Path dir;
  static ServerMesh fixture;

  @BeforeAll
  static void load() throws Exception {
    fixture = new ServerMesh(dir);
  }

  @AfterAll
  static void close() {
    fixture.close();
  }

  /** Plans a query once, so that a short timeout measures its execution, not its cold planning. */
  private static void warmUp(String sql) throws Exception {
    try (Connection c = fixture.mesh.connect(fixture.principal("ann")); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
    }
  }

  @Test
  void overTheConnectionLimitAClientGetsASentenceNamingIt() throws Exception {
    try (MeshServer server = MeshServer.builder(fixture.mesh).port(0).maxConnections(2).start()) {
      Connection first = ServerMesh.connect(server, "ann", "ann-secret");
      try (Connection second = ServerMesh.connect(server, "cora", "cora-secret")) {
        // The stock client reports a refused connection in an unchecked exception of its own.
        RuntimeException refused = assertTimeoutPreemptively(Duration.ofSeconds(20),
            () -> assertThrows(RuntimeException.class, () -> ServerMesh.connect(server, "bert", "bert-secret")));
        assertTrue(refused.getMessage().contains("The server already has 2 open connections, its limit (maxConnections)"),
            refused.getMessage());
        assertEquals(2, server.openConnections());
        assertEquals(List.of("5"), rows(second, "SELECT COUNT(*) FROM sales.customer"));
      }
      first.close();
      try (Connection again = ServerMesh.connect(server, "bert", "bert-secret")) {
        assertEquals(List.of("2"), rows(again, "SELECT COUNT(*) FROM sales.customer"));
      }
    }
  }

  @Test
  void aStatementOverTheTimeoutIsCancelledWithAClearError() throws Exception {
    try (MeshServer server = MeshServer.builder(fixture.mesh).port(0).statementTimeout(Duration.ofSeconds(1)).start();
        Connection c = ServerMesh.connect(server, "ann", "ann-secret")) {
      // 50,000 x 50,000 rows compared in the source: minutes of work without the timeout.
      String slow = "SELECT COUNT(*) FROM sales.orders a JOIN sales.orders b ON a.amount + b.amount < 0";
      long start = System.nanoTime();
      SQLException cancelled = assertTimeoutPreemptively(Duration.ofSeconds(30),
          () -> assertThrows(SQLException.class, () -> rows(c, slow)));
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(cancelled.getMessage().contains(
          "Statement cancelled: it ran longer than the server's statement timeout of 1 s (statementTimeout)"),
          cancelled.getMessage());
      assertTrue(millis < 15_000, "took " + millis + " ms");
      // The cancelled statement let go of its source connection at once, and the connection is still usable.
      assertEquals(0, fixture.activeSourceConnections());
      assertEquals(List.of("5"), rows(c, "SELECT COUNT(*) FROM sales.customer"));
    }
  }

  @Test
  void aClientThatVanishesMidResultLeaksNoSourceConnection() throws Exception {
    warmUp("SELECT order_id, amount FROM sales.orders");
    try (MeshServer server = MeshServer.builder(fixture.mesh).port(0)
        .statementTimeout(Duration.ofSeconds(2)).idleTimeout(Duration.ofSeconds(2)).start()) {
      Connection abandoned = ServerMesh.connect(server, "ann", "ann-secret");
      Statement statement = abandoned.createStatement();
      statement.setFetchSize(100);
      ResultSet rs = statement.executeQuery("SELECT order_id, amount FROM sales.orders");
      for (int i = 0; i < 10; i++) {
        assertTrue(rs.next());
      }
      // The half-read result holds a source connection on the server...
      assertEquals(1, fixture.activeSourceConnections());
      assertEquals(1, server.openConnections());
      // ...and the client now goes away without closing anything.
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while ((fixture.activeSourceConnections() > 0 || server.openConnections() > 0) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertEquals(0, fixture.activeSourceConnections(), "source connections still checked out");
      assertEquals(0, server.openConnections(), "remote connections still open");
    }
  }

  @Test
  void aClientReadingALongResultSlowlyIsNotIdle() throws Exception {
    String sql = "SELECT order_id FROM sales.orders WHERE order_id <= 1000";
    warmUp(sql);
    try (MeshServer server = MeshServer.builder(fixture.mesh).port(0)
        .statementTimeout(Duration.ofSeconds(2)).idleTimeout(Duration.ofSeconds(2)).start();
        Connection c = ServerMesh.connect(server, "ann", "ann-secret");
        Statement statement = c.createStatement()) {
      statement.setFetchSize(100);
      int rows = 0;
      long start = System.nanoTime();
      try (ResultSet rs = statement.executeQuery(sql)) {
        while (rs.next()) {
          if (++rows % 100 == 0) {
            Thread.sleep(600);   // a pause per frame: 6 s in all, three idle timeouts
          }
        }
      }
      assertEquals(1000, rows);
      assertTrue(System.nanoTime() - start > Duration.ofSeconds(5).toNanos());
      assertEquals(0, fixture.activeSourceConnections());
    }
  }

  @Test
  void closingReleasesClientConnectionsAndTheServerRestartsOnTheSamePort() throws Exception {
    MeshServer first = MeshServer.builder(fixture.mesh).port(0).start();
    int port = first.port();
    Connection client = ServerMesh.connect(first, "cora", "cora-secret");
    Statement statement = client.createStatement();
    statement.setFetchSize(100);
    ResultSet open = statement.executeQuery("SELECT order_id FROM sales.orders");
    assertTrue(open.next());
    assertEquals(1, fixture.activeSourceConnections());
    first.close();
    assertEquals(0, fixture.activeSourceConnections(), "close() must release the source connections of its clients");
    assertEquals(0, first.openConnections());
    assertThrows(Exception.class, () -> rows(client, "SELECT 1"));
    first.awaitTermination();

    try (MeshServer second = MeshServer.builder(fixture.mesh).port(port).start();
        Connection c = ServerMesh.connect(second, "cora", "cora-secret")) {
      assertEquals(port, second.port());
      assertEquals(List.of(String.valueOf(ServerMesh.ORDERS)), rows(c, "SELECT COUNT(*) FROM sales.orders"));
    }
  }
}
