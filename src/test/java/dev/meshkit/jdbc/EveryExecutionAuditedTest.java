package dev.meshkit.jdbc;

import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.AuditEvent;
import dev.meshkit.AuditEvent.Decision;
import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exactly one audit event per execution, however the consumer leaves its result: read to the end,
 * half read and then the result set, the statement or only the connection closed, run again,
 * moved past, left open until the mesh closes, or dropped for the garbage collector. Refused
 * statements are DENIED events with the principal, the text as written and the reason.
 */
class EveryExecutionAuditedTest {

  static final String QUERY = "SELECT id, name FROM sales.items ORDER BY id";
  static final int ROWS = 10;
  static final Principal ANN = Principal.of("ann", "analyst");
  static String url;
  static Mesh mesh;
  static final List<AuditEvent> events = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void load() throws SQLException {
    url = h2("every_execution",
        "CREATE TABLE items(id INT PRIMARY KEY, name VARCHAR(20))",
        "INSERT INTO items SELECT X, 'item ' || X FROM SYSTEM_RANGE(1, " + ROWS + ")");
    mesh = mesh(events, new AtomicInteger());
  }

  /** A mesh over the items, whose audit events go to {@code sink}; {@code sourceStatements} counts source results closed. */
  static Mesh mesh(List<AuditEvent> sink, AtomicInteger sourceStatements) {
    return Mesh.builder().name("every")
        .policy("analysts-read-sales", "grant", Map.of("products", List.of("sales.*"), "roles", List.of("analyst")))
        .auditSink(sink::add)
        .sourceListener((domain, source, sql, rows) -> sourceStatements.incrementAndGet())
        .domain("sales", d -> d.jdbcSource("erp", url, "sa", "").product("items", "SELECT * FROM erp.items"))
        .domain("hr", d -> d.jdbcSource("erp", url, "sa", "").product("people", "SELECT id FROM erp.items"))
        .build();
  }

  @AfterAll
  static void close() {
    mesh.close();
  }

  @BeforeEach
  void forget() {
    events.clear();
  }

  private static AuditEvent onlyEvent() {
    assertEquals(1, events.size(), events.toString());
    return events.get(0);
  }

  private static void assertAllowed(AuditEvent event, String sql, long rows) {
    assertEquals(Decision.ALLOWED, event.decision(), event.error());
    assertEquals("ann", event.principal());
    assertEquals(sql, event.sql());
    assertEquals(rows, event.rowsReturned());
    assertEquals(List.of("sales.items"), event.products().stream().map(AuditEvent.ProductAccess::product).toList());
    assertEquals("analysts-read-sales", event.decidingPolicy());
  }

  private static void read(ResultSet rs, int rows) throws SQLException {
    for (int i = 0; i < rows; i++) {
      assertTrue(rs.next());
    }
  }

  @Test
  void aResultReadToTheEndIsOneEventWithAllItsRows() throws SQLException {
    try (Connection c = mesh.connect(ANN)) {
      assertEquals(ROWS, rows(c, QUERY).size());
    }
    assertAllowed(onlyEvent(), QUERY, ROWS);
  }

  @Test
  void aHalfReadResultWhoseConnectionAloneIsClosedIsOneEventWithTheRowsRead() throws SQLException {
    Connection c = mesh.connect(ANN);
    ResultSet rs = c.createStatement().executeQuery(QUERY);
    read(rs, 3);
    assertTrue(events.isEmpty(), "nothing is reported while the result is open");
    c.close(); // neither the result set nor the statement was closed
    assertAllowed(onlyEvent(), QUERY, 3);
    assertTrue(rs.isClosed());
  }

  @Test
  void aHalfReadPreparedResultWhoseConnectionAloneIsClosedIsOneEvent() throws SQLException {
    String sql = "SELECT id FROM sales.items WHERE id > ? ORDER BY id";
    Connection c = mesh.connect(ANN);
    PreparedStatement ps = c.prepareStatement(sql);
    ps.setInt(1, 2);
    read(ps.executeQuery(), 4);
    c.close();
    assertAllowed(onlyEvent(), sql, 4);
  }

  @Test
  void aHalfReadResultWhoseStatementIsClosedIsOneEvent() throws SQLException {
    try (Connection c = mesh.connect(ANN)) {
      Statement s = c.createStatement();
      read(s.executeQuery(QUERY), 2);
      s.close();
      assertAllowed(onlyEvent(), QUERY, 2);
    }
    assertEquals(1, events.size(), "closing the connection reports nothing twice");
  }

  @Test
  void aResultNeverFetchedIsOneEventWithNoRows() throws SQLException {
    try (Connection c = mesh.connect(ANN); Statement s = c.createStatement()) {
      assertTrue(s.execute(QUERY));
    }
    assertAllowed(onlyEvent(), QUERY, 0);
  }

  @Test
  void runningAStatementAgainEndsItsPreviousResult() throws SQLException {
    String second = "SELECT name FROM sales.items";
    try (Connection c = mesh.connect(ANN); Statement s = c.createStatement()) {
      read(s.executeQuery(QUERY), 3);
      assertTrue(events.isEmpty());
      try (ResultSet rs = s.executeQuery(second)) {
        assertEquals(1, events.size(), "the first result ended when the statement ran again");
        assertEquals(ROWS, rows(rs).size());
      }
    }
    assertEquals(2, events.size(), events.toString());
    assertAllowed(events.get(0), QUERY, 3);
    assertAllowed(events.get(1), second, ROWS);
  }

  @Test
  void movingToTheNextResultEndsTheCurrentOne() throws SQLException {
    try (Connection c = mesh.connect(ANN); PreparedStatement ps = c.prepareStatement(QUERY)) {
      assertTrue(ps.execute());
      read(ps.getResultSet(), 5);
      assertFalse(ps.getMoreResults());
      assertAllowed(onlyEvent(), QUERY, 5);
      assertNull(ps.getResultSet());
      assertEquals(-1, ps.getUpdateCount());
    }
    assertEquals(1, events.size());
  }

  @Test
  void keepingTheCurrentResultIsRefusedAndEndsNothing() throws SQLException {
    try (Connection c = mesh.connect(ANN); Statement s = c.createStatement()) {
      ResultSet rs = s.executeQuery(QUERY);
      read(rs, 1);
      SQLException e = assertThrows(SQLException.class, () -> s.getMoreResults(Statement.KEEP_CURRENT_RESULT));
      assertEquals("0A000", e.getSQLState());
      assertNotNull(e.getMessage());
      assertTrue(events.isEmpty());
      read(rs, 1);
    }
    assertAllowed(onlyEvent(), QUERY, 2);
  }

  @Test
  void aResultLeftOpenIsReportedWhenTheMeshCloses() throws SQLException {
    List<AuditEvent> own = new CopyOnWriteArrayList<>();
    AtomicInteger sourceStatements = new AtomicInteger();
    Mesh closing = mesh(own, sourceStatements);
    Connection c = closing.connect(ANN);
    read(c.createStatement().executeQuery(QUERY), 6);
    assertTrue(own.isEmpty());
    closing.close(); // the consumer closed nothing
    assertEquals(1, own.size(), own.toString());
    assertEquals(Decision.ALLOWED, own.get(0).decision());
    assertEquals(6, own.get(0).rowsReturned());
    assertEquals(1, sourceStatements.get(), "the source statement was closed before the pools");
    assertTrue(c.isClosed());
    SQLException refused = assertThrows(SQLException.class, () -> closing.connect(ANN));
    assertEquals("08003", refused.getSQLState());
  }

  @Test
  void anAbandonedResultIsReportedWhenItsConnectionIsCollected() throws Exception {
    List<AuditEvent> own = new CopyOnWriteArrayList<>();
    AtomicInteger sourceStatements = new AtomicInteger();
    try (Mesh abandoning = mesh(own, sourceStatements)) {
      abandon(abandoning, 4);
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (own.isEmpty() && System.nanoTime() < deadline) {
        System.gc();
        Thread.sleep(50);
      }
      assertEquals(1, own.size(), "the cleaner reported the abandoned execution");
      assertEquals(Decision.ALLOWED, own.get(0).decision());
      assertEquals(4, own.get(0).rowsReturned());
      assertEquals(QUERY, own.get(0).sql());
      assertEquals(1, sourceStatements.get(), "and closed its source statement");
    }
    assertEquals(1, own.size(), "closing the mesh reports it no second time");
  }

  /** Reads some rows and drops everything, closing nothing. */
  private static void abandon(Mesh mesh, int rows) throws SQLException {
    read(mesh.connect(ANN).createStatement().executeQuery(QUERY), rows);
  }

  @Test
  void aFailedGetterAfterSomeRowsIsOneFailedEventWithThoseRows() throws SQLException {
    try (Connection c = mesh.connect(ANN); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(QUERY)) {
      read(rs, 2);
      assertThrows(SQLException.class, () -> rs.getInt(2));
    }
    AuditEvent event = onlyEvent();
    assertEquals(Decision.FAILED, event.decision());
    assertEquals(2, event.rowsReturned());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "INSERT INTO sales.items VALUES (99, 'x')",
      "UPDATE sales.items SET name = 'x'",
      "DELETE FROM sales.items WHERE id = 1",
      "MERGE INTO sales.items t USING sales.items s ON t.id = s.id WHEN MATCHED THEN UPDATE SET name = 'x'",
      "UPSERT INTO sales.items VALUES (99, 'x')",
      "CREATE TABLE sales.x (i INT)",
      "DROP TABLE sales.items",
      "ALTER TABLE sales.items ADD COLUMN x INT",
      "TRUNCATE TABLE sales.items",
      "GRANT SELECT ON sales.items TO bob",
      "CALL sales.refresh(1)",
      "SET schema = 'sales'",
      "ALTER SESSION SET x = 1"})
  void aRefusedStatementIsOneDeniedEventWithItsTextAndReason(String sql) throws SQLException {
    try (Connection c = mesh.connect(ANN)) {
      for (Attempt attempt : List.<Attempt>of(
          s -> c.createStatement().execute(s),
          s -> c.createStatement().executeQuery(s),
          s -> c.createStatement().executeUpdate(s),
          s -> c.createStatement().executeLargeUpdate(s),
          s -> c.prepareStatement(s),
          s -> {
            Statement batch = c.createStatement();
            batch.addBatch(s);
            batch.executeBatch();
          })) {
        events.clear();
        SQLException e = assertThrows(SQLException.class, () -> attempt.run(sql));
        assertEquals("42501", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().startsWith("meshkit is read-only: "), e.getMessage());
        AuditEvent event = onlyEvent();
        assertEquals(Decision.DENIED, event.decision());
        assertEquals("ann", event.principal());
        assertEquals(Set.of("analyst"), event.roles());
        assertEquals(sql, event.sql());
        assertEquals(e.getMessage(), event.error());
        assertEquals(0, event.rowsReturned());
      }
    }
  }

  @FunctionalInterface
  interface Attempt {
    void run(String sql) throws SQLException;
  }

  @Test
  void aProcedureCallIsRefusedAndAudited() throws SQLException {
    String sql = "{call sales.refresh(?)}";
    try (Connection c = mesh.connect(ANN)) {
      SQLException e = assertThrows(SQLException.class, () -> c.prepareCall(sql));
      assertEquals("0A000", e.getSQLState());
      AuditEvent event = onlyEvent();
      assertEquals(Decision.DENIED, event.decision());
      assertEquals(sql, event.sql());
      assertEquals(e.getMessage(), event.error());
    }
  }

  @Test
  void aBatchIsOneDeniedEventNamingEveryStatementAsWritten() throws SQLException {
    try (Connection c = mesh.connect(ANN); Statement s = c.createStatement()) {
      s.addBatch("DELETE FROM sales.items WHERE id = 1");
      s.addBatch("SELECT id FROM sales.items");
      SQLException e = assertThrows(SQLException.class, s::executeLargeBatch);
      assertEquals("42501", e.getSQLState());
      AuditEvent event = onlyEvent();
      assertEquals(Decision.DENIED, event.decision());
      assertEquals("DELETE FROM sales.items WHERE id = 1;\nSELECT id FROM sales.items", event.sql());
      events.clear();
      // The refused batch is gone; the statement still queries.
      assertThrows(SQLException.class, s::executeBatch);
      assertEquals("", onlyEvent().sql());
      events.clear();
      assertEquals(ROWS, rows(s.executeQuery(QUERY)).size());
      assertAllowed(onlyEvent(), QUERY, ROWS);
    }
  }

  @Test
  void aPreparedStatementsUpdatesAndBatchesAreDeniedWithItsTextNeverItsValues() throws SQLException {
    String sql = "SELECT id FROM sales.items WHERE name = ?";
    try (Connection c = mesh.connect(ANN); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, "a value only the consumer knows");
      ps.addBatch();
      assertThrows(SQLException.class, ps::executeBatch);
      assertThrows(SQLException.class, ps::executeUpdate);
      assertThrows(SQLException.class, ps::executeLargeUpdate);
      assertEquals(3, events.size(), events.toString());
      for (AuditEvent event : events) {
        assertEquals(Decision.DENIED, event.decision());
        assertEquals(sql, event.sql());
        assertFalse(event.toLogLine().contains("a value only the consumer knows"), event.toLogLine());
      }
      events.clear();
      assertTrue(ps.execute());
      assertEquals(List.of(), rows(ps.getResultSet()));
      AuditEvent event = onlyEvent();
      assertFalse(event.toLogLine().contains("a value only the consumer knows"), event.toLogLine());
    }
  }

  @Test
  void aProductThePrincipalMayNotReadIsOneDeniedEvent() throws SQLException {
    try (Connection c = mesh.connect(ANN)) {
      SQLException e = assertThrows(SQLException.class, () -> rows(c, "SELECT id FROM hr.people"));
      assertEquals("42501", e.getSQLState());
    }
    AuditEvent event = onlyEvent();
    assertEquals(Decision.DENIED, event.decision());
    assertEquals(List.of("hr.people"), event.products().stream().map(AuditEvent.ProductAccess::product).toList());
  }

  /** Metadata calls are not statements: they read no product's rows and list only what the principal may read. */
  @Test
  void metadataCallsAreNotAudited() throws SQLException {
    try (Connection c = mesh.connect(ANN)) {
      DatabaseMetaData md = c.getMetaData();
      rows(md.getSchemas());
      rows(md.getTables(null, "sales", "%", null));
      rows(md.getColumns(null, "sales", "items", "%"));
      rows(md.getTypeInfo());
      md.getConnection().getMetaData().getCatalogs().close();
    }
    assertTrue(events.isEmpty(), events.toString());
  }
}
