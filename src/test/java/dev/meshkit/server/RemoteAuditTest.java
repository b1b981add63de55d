package dev.meshkit.server;

import static dev.meshkit.MeshTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.AuditEvent;
import dev.meshkit.AuditEvent.Decision;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the server, as embedded: each remote execution is one audit event under the principal
 * the server authenticated, including refused ones, and including a result the client abandons
 * half read, which the server reports when its idle timeout closes it, or when it stops.
 */
class RemoteAuditTest {

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

  /** A query text no other test runs, so that its events can be told apart. */
  private static String marked(String sql) {
    return sql + " /* " + UUID.randomUUID() + " */";
  }

  private static List<AuditEvent> eventsOf(String sql) {
    return fixture.mesh.auditEvents().stream().filter(e -> e.sql().equals(sql)).toList();
  }

  /** The events of {@code sql}, once there are {@code count} of them or the wait is over. */
  private static List<AuditEvent> awaitEvents(String sql, int count, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    List<AuditEvent> events = eventsOf(sql);
    while (events.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(50);
      events = eventsOf(sql);
    }
    return events;
  }

  @Test
  void eachRemoteExecutionIsOneEventUnderTheAuthenticatedPrincipal() throws Exception {
    String query = marked("SELECT customer_id, name FROM sales.customer");
    String prepared = marked("SELECT customer_id FROM sales.customer WHERE customer_id > ?");
    try (MeshServer server = MeshServer.builder(fixture.mesh).port(0).start();
        Connection c = ServerMesh.connect(server, "bert", "bert-secret")) {
      assertEquals(2, rows(c, query).size(), "bert sees the customers of nation 2");
      try (PreparedStatement ps = c.prepareStatement(prepared)) {
        for (int above : List.of(0, 2)) {
          ps.setInt(1, above);
          try (ResultSet rs = ps.executeQuery()) {
            rows(rs);
          }
        }
      }
    }
    List<AuditEvent> events = awaitEvents(query, 1, Duration.ofSeconds(5));
    assertEquals(1, events.size(), events.toString());
    AuditEvent event = events.get(0);
    assertEquals("bert", event.principal());
    assertEquals(Decision.ALLOWED, event.decision());
    assertEquals(2, event.rowsReturned());
    assertEquals(List.of("partners-see-their-nation"), event.products().get(0).rowFilters());
    List<AuditEvent> executions = awaitEvents(prepared, 2, Duration.ofSeconds(5));
    assertEquals(2, executions.size(), executions.toString());
    assertEquals(List.of(2L, 1L), executions.stream().map(AuditEvent::rowsReturned).toList());
    assertTrue(executions.stream().allMatch(e -> e.principal().equals("bert")), executions.toString());
  }

  @Test
  void aRefusedRemoteStatementIsOneDeniedEvent() throws Exception {
    String write = marked("DELETE FROM sales.orders");
    String denied = marked("SELECT order_id FROM sales.orders");
    try (MeshServer server = MeshServer.builder(fixture.mesh).port(0).start();
        Connection ann = ServerMesh.connect(server, "ann", "ann-secret");
        Connection bert = ServerMesh.connect(server, "bert", "bert-secret");
        Statement s = ann.createStatement()) {
      SQLException refused = assertThrows(SQLException.class, () -> s.execute(write));
      assertTrue(refused.getMessage().contains("meshkit is read-only"), refused.getMessage());
      assertThrows(SQLException.class, () -> rows(bert, denied));
    }
    List<AuditEvent> writes = eventsOf(write);
    assertEquals(1, writes.size(), writes.toString());
    assertEquals("ann", writes.get(0).principal());
    assertEquals(Decision.DENIED, writes.get(0).decision());
    List<AuditEvent> denials = eventsOf(denied);
    assertEquals(1, denials.size(), denials.toString());
    assertEquals("bert", denials.get(0).principal());
    assertEquals(Decision.DENIED, denials.get(0).decision());
  }

  @Test
  void remoteMetadataCallsAreNotAudited() throws Exception {
    try (MeshServer server = MeshServer.builder(fixture.mesh).port(0).start();
        Connection c = ServerMesh.connect(server, "cora", "cora-secret")) {
      int before = fixture.mesh.auditEvents().size();
      DatabaseMetaData md = c.getMetaData();
      rows(md.getTables(null, "sales", "%", null));
      rows(md.getColumns(null, "sales", "customer", "%"));
      assertEquals(before, fixture.mesh.auditEvents().size());
    }
  }

  @Test
  void aResultAbandonedMidwayIsReportedWhenTheIdleTimeoutClosesIt() throws Exception {
    String sql = marked("SELECT order_id, amount FROM sales.orders");
    // Planned once, embedded, so that the short statement timeout measures the execution, not a cold plan.
    try (Connection c = fixture.mesh.connect(fixture.principal("ann")); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next());
    }
    int planned = eventsOf(sql).size();
    try (MeshServer server = MeshServer.builder(fixture.mesh).port(0)
        .statementTimeout(Duration.ofSeconds(2)).idleTimeout(Duration.ofSeconds(2)).start()) {
      Connection abandoned = ServerMesh.connect(server, "ann", "ann-secret");
      Statement statement = abandoned.createStatement();
      statement.setFetchSize(100);
      ResultSet rs = statement.executeQuery(sql);
      for (int i = 0; i < 10; i++) {
        assertTrue(rs.next());
      }
      assertEquals(planned, eventsOf(sql).size(), "nothing is reported while the result is open");
      // The client goes away without closing anything; the server's idle timeout closes the rest.
      List<AuditEvent> events = awaitEvents(sql, planned + 1, Duration.ofSeconds(20));
      assertEquals(planned + 1, events.size(), "the idle timeout reported the abandoned execution");
      AuditEvent event = events.get(planned);
      assertEquals("ann", event.principal());
      assertEquals(Decision.ALLOWED, event.decision());
      // Rows the server read for the client: at least those it read, never the whole product.
      assertTrue(event.rowsReturned() >= 10 && event.rowsReturned() < ServerMesh.ORDERS, event.toString());
      assertEquals(0, fixture.activeSourceConnections(), "its source connection is back in the pool");
    }
  }

  @Test
  void aResultOpenWhenTheServerStopsIsReported() throws Exception {
    String sql = marked("SELECT order_id FROM sales.orders");
    MeshServer server = MeshServer.builder(fixture.mesh).port(0).start();
    Connection c = ServerMesh.connect(server, "cora", "cora-secret");
    Statement statement = c.createStatement();
    statement.setFetchSize(100);
    ResultSet rs = statement.executeQuery(sql);
    assertTrue(rs.next());
    assertEquals(List.of(), eventsOf(sql));
    server.close();
    List<AuditEvent> events = eventsOf(sql);
    assertEquals(1, events.size(), events.toString());
    assertEquals("cora", events.get(0).principal());
    assertTrue(events.get(0).rowsReturned() >= 1 && events.get(0).rowsReturned() < ServerMesh.ORDERS,
        events.get(0).toString());
  }
}
