package dev.meshkit.policy;

import static dev.meshkit.MeshTesting.rows;
import static dev.meshkit.policy.GovernedMesh.ANN;
import static dev.meshkit.policy.GovernedMesh.BOB;
import static dev.meshkit.policy.GovernedMesh.CARL;
import static dev.meshkit.policy.GovernedMesh.DAVE;
import static dev.meshkit.policy.GovernedMesh.HAL;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.AuditEvent;
import dev.meshkit.AuditEvent.Decision;
import dev.meshkit.AuditEvent.ProductAccess;
import dev.meshkit.AuditSink;
import dev.meshkit.Principal;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One audit event per statement, with who, what, which products, the decision and its policy,
 * the row filters and masks applied by policy name, rows, duration and error; delivered alike to
 * the in-memory buffer and to a custom sink; a failing sink never fails a query; and sys.audit.
 */
class AuditTest {

  @TempDir
  static Path dir;
  static GovernedMesh governed;
  static final List<AuditEvent> sink = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void load() throws SQLException {
    governed = new GovernedMesh(dir, sink::add);
  }

  @AfterAll
  static void close() {
    governed.close();
  }

  @BeforeEach
  void forget() {
    sink.clear();
  }

  /** The single event the statements since {@link #forget} produced, checked to be in the buffer too. */
  private static AuditEvent onlyEvent() {
    assertEquals(1, sink.size(), sink.toString());
    AuditEvent event = sink.get(0);
    List<AuditEvent> buffer = governed.mesh.auditEvents();
    assertEquals(event, buffer.get(buffer.size() - 1), "the in-memory buffer holds the same event");
    return event;
  }

  private static ProductAccess product(AuditEvent event, String name) {
    return event.products().stream().filter(p -> p.product().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError(name + " not among " + event.products()));
  }

  private static void assertWhen(AuditEvent event, Instant before, Instant after) {
    assertFalse(event.time().isBefore(before.minusMillis(1)), event.time() + " before " + before);
    assertFalse(event.time().isAfter(after), event.time() + " after " + after);
    assertFalse(event.duration().isNegative());
    assertTrue(event.duration().compareTo(Duration.between(before, after).plusMillis(1)) <= 0, event.duration().toString());
  }

  @Test
  void allowedQueryWithARowFilter() throws SQLException {
    String sql = "SELECT id, amount FROM sales.orders ORDER BY id";
    Instant before = Instant.now();
    try (Connection c = governed.mesh.connect(ANN)) {
      assertEquals(List.of("10,50.00", "11,150.00", "14,1500.00"), rows(c, sql));
    }
    Instant after = Instant.now();
    AuditEvent event = onlyEvent();
    assertEquals("ann", event.principal());
    assertEquals(Set.of("analyst"), event.roles());
    assertEquals(sql, event.sql());
    assertEquals(Decision.ALLOWED, event.decision());
    assertEquals("analysts-read-sales", event.decidingPolicy());
    assertEquals(List.of("sales.orders"), event.products().stream().map(ProductAccess::product).toList());
    assertEquals(List.of("analysts-see-their-region"), product(event, "sales.orders").rowFilters());
    assertEquals(Map.of(), product(event, "sales.orders").masks());
    assertEquals(3, event.rowsReturned());
    assertNull(event.error());
    assertWhen(event, before, after);
    // Attribute values are personal data: the log line has the policy names, not the bound region.
    assertTrue(event.toLogLine().contains("analysts-see-their-region"), event.toLogLine());
  }

  @Test
  void masksAppliedAreRecordedByPolicyName() throws SQLException {
    // sales.contacts is read in the JVM; every column of it that a mask covers is recorded.
    try (Connection c = governed.mesh.connect(ANN)) {
      assertEquals(List.of("0"), rows(c, "SELECT COUNT(*) FROM sales.contacts WHERE phone = 'nobody'"));
    }
    AuditEvent event = onlyEvent();
    assertEquals(Decision.ALLOWED, event.decision());
    assertEquals(Map.of("phone", "pii-hashed"), product(event, "sales.contacts").masks());
    assertEquals(List.of(), product(event, "sales.contacts").rowFilters());
    assertEquals(1, event.rowsReturned());
  }

  @Test
  void masksOfADatabaseProductAreRecordedByPolicyName() throws SQLException {
    try (Connection c = governed.mesh.connect(BOB)) {
      assertEquals(List.of("2"), rows(c, "SELECT id FROM sales.customers WHERE phone LIKE '%0202'"));
    }
    AuditEvent event = onlyEvent();
    assertEquals(Decision.ALLOWED, event.decision(), String.valueOf(event.error()));
    assertEquals(Map.of("phone", "phone-last-four", "email", "pii-hashed"), product(event, "sales.customers").masks());
  }

  @Test
  void eachProductOfAStatementHasItsOwnPolicies() throws SQLException {
    try (Connection c = governed.mesh.connect(ANN)) {
      assertEquals(List.of("11"), rows(c, "SELECT b.id FROM sales.big_orders b JOIN sales.orders o ON o.id = b.id"));
    }
    AuditEvent event = onlyEvent();
    assertEquals(Set.of("sales.big_orders", "sales.orders"),
        Set.copyOf(event.products().stream().map(ProductAccess::product).toList()));
    assertEquals(List.of("analysts-no-huge-orders"), product(event, "sales.big_orders").rowFilters());
    assertEquals(List.of("analysts-see-their-region"), product(event, "sales.orders").rowFilters());
  }

  @Test
  void columnsReadAreRecorded() throws SQLException {
    try (Connection c = governed.mesh.connect(ANN)) {
      rows(c, "SELECT id, amount FROM sales.orders");
    }
    List<String> columns = product(onlyEvent(), "sales.orders").columns().stream()
        .map(col -> col.toLowerCase(Locale.ROOT)).toList();
    assertTrue(columns.containsAll(List.of("id", "amount")), "columns read: " + columns);
    assertFalse(columns.contains("note") || columns.contains("handler"), "columns not read: " + columns);
  }

  @Test
  void denialNamesTheDenyingPolicy() {
    String sql = "SELECT * FROM hr.salaries";
    try (Connection c = governed.mesh.connect(CARL)) {
      SQLException e = assertThrows(SQLException.class, () -> rows(c, sql));
      assertEquals("42501", e.getSQLState());
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    AuditEvent event = onlyEvent();
    assertEquals("carl", event.principal());
    assertEquals(sql, event.sql());
    assertEquals(Decision.DENIED, event.decision());
    assertEquals("contractors-no-hr", event.decidingPolicy());
    assertEquals(List.of("hr.salaries"), event.products().stream().map(ProductAccess::product).toList());
    assertEquals(0, event.rowsReturned());
    assertNotNull(event.error());
    assertTrue(event.error().contains("hr.salaries") && event.error().contains("contractors-no-hr"), event.error());
    GovernedMesh.SALARIES.forEach(s -> assertFalse(event.error().contains(s)));
  }

  @Test
  void defaultDenialHasNoDecidingPolicy() {
    try (Connection c = governed.mesh.connect(DAVE)) {
      assertThrows(SQLException.class, () -> rows(c, "SELECT id FROM sales.orders"));
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    AuditEvent event = onlyEvent();
    assertEquals(Decision.DENIED, event.decision());
    assertNull(event.decidingPolicy());
    assertTrue(event.error().contains("sales.orders") && event.error().contains("no policy grants it"), event.error());
  }

  @Test
  void domainNarrowingIsTheDecidingPolicy() {
    try (Connection c = governed.mesh.connect(HAL)) {
      assertThrows(SQLException.class, () -> rows(c, "SELECT * FROM hr.salaries"));
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    AuditEvent event = onlyEvent();
    assertEquals(Decision.DENIED, event.decision());
    assertEquals("hr-compliance-only", event.decidingPolicy());
  }

  @Test
  void aFailureIsRecordedWithItsError() {
    // 1/(amount - 75) divides by zero on bob's row 12.
    String sql = "SELECT id FROM sales.orders WHERE 100000 / (amount - 75) > 0";
    try (Connection c = governed.mesh.connect(BOB)) {
      assertThrows(SQLException.class, () -> rows(c, sql));
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    AuditEvent event = onlyEvent();
    assertEquals("bob", event.principal());
    assertEquals(sql, event.sql());
    assertEquals(Decision.FAILED, event.decision());
    assertNotNull(event.error());
    assertEquals(List.of("analysts-see-their-region"), product(event, "sales.orders").rowFilters());
  }

  @Test
  void aParseErrorIsOneFailedEvent() {
    try (Connection c = governed.mesh.connect(ANN)) {
      SQLException e = assertThrows(SQLException.class, () -> rows(c, "SELEC id FROM sales.orders"));
      assertEquals("42000", e.getSQLState());
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    AuditEvent event = onlyEvent();
    assertEquals(Decision.FAILED, event.decision());
    assertEquals("SELEC id FROM sales.orders", event.sql());
    assertNotNull(event.error());
  }

  @Test
  void aRefusedWriteIsOneEventThatIsNotAllowed() {
    try (Connection c = governed.mesh.connect(ANN); Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.execute("DELETE FROM sales.orders"));
      assertEquals("42501", e.getSQLState());
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    AuditEvent event = onlyEvent();
    assertNotEquals(Decision.ALLOWED, event.decision());
    assertEquals("DELETE FROM sales.orders", event.sql());
    assertTrue(event.error().contains("read-only"), event.error());
  }

  @Test
  void eachExecutionOfAPreparedStatementIsOneEvent() throws SQLException {
    String sql = "SELECT id FROM sales.orders WHERE amount > ?";
    try (Connection c = governed.mesh.connect(ANN); PreparedStatement ps = c.prepareStatement(sql)) {
      for (String above : List.of("0", "100", "1000")) {
        ps.setBigDecimal(1, new BigDecimal(above));
        try (ResultSet rs = ps.executeQuery()) {
          rows(rs);
        }
      }
    }
    assertEquals(3, sink.size(), sink.toString());
    assertEquals(List.of(3L, 2L, 1L), sink.stream().map(AuditEvent::rowsReturned).toList());
    for (AuditEvent event : sink) {
      assertEquals(sql, event.sql());
      assertEquals(Decision.ALLOWED, event.decision());
      assertEquals(List.of("analysts-see-their-region"), product(event, "sales.orders").rowFilters());
    }
  }

  @Test
  void aResultClosedEarlyIsOneEventWithTheRowsRead() throws SQLException {
    try (Connection c = governed.mesh.connect(ANN); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM sales.orders ORDER BY id")) {
      assertTrue(rs.next());
    }
    AuditEvent event = onlyEvent();
    assertEquals(Decision.ALLOWED, event.decision());
    assertEquals(1, event.rowsReturned());
  }

  @Test
  void aPlanFromTheCacheIsAuditedLikeANewOne() throws SQLException {
    String sql = "SELECT id FROM sales.big_orders ORDER BY id";
    try (Connection c = governed.mesh.connect(ANN)) {
      rows(c, sql);
      rows(c, sql);
    }
    assertEquals(2, sink.size());
    assertEquals(sink.get(0).products(), sink.get(1).products());
    assertEquals(sink.get(0).decidingPolicy(), sink.get(1).decidingPolicy());
  }

  @Test
  void theCustomSinkAndTheBufferGetTheSameEvents() throws SQLException {
    try (Connection c = governed.mesh.connect(ANN)) {
      rows(c, "SELECT COUNT(*) FROM sales.orders");
      assertThrows(SQLException.class, () -> rows(c, "SELECT * FROM hr.salaries"));
      rows(c, "SELECT id FROM sales.big_orders");
    }
    List<AuditEvent> buffer = governed.mesh.auditEvents();
    assertEquals(3, sink.size());
    assertEquals(sink, buffer.subList(buffer.size() - 3, buffer.size()));
  }

  @Test
  void aThrowingSinkNeverFailsAQuery(@TempDir Path own) throws SQLException {
    AtomicInteger calls = new AtomicInteger();
    AuditSink throwing = event -> {
      calls.incrementAndGet();
      throw new IllegalStateException("sink is down");
    };
    try (GovernedMesh failing = new GovernedMesh(own, throwing)) {
      for (int i = 0; i < 5; i++) {
        try (Connection c = failing.mesh.connect(ANN)) {
          assertEquals(List.of("10", "11", "14"), assertDoesNotThrow(() -> rows(c, "SELECT id FROM sales.orders ORDER BY id")));
          SQLException e = assertThrows(SQLException.class, () -> rows(c, "SELECT * FROM hr.salaries"));
          assertEquals("42501", e.getSQLState(), "the denial, not the sink's failure");
        }
      }
      assertEquals(10, calls.get());
      assertEquals(10, failing.mesh.auditEvents().size(), "the buffer still gets every event");
    }
  }

  @Test
  void sysAuditIsReadableWithASysGrant() throws SQLException {
    try (Connection c = governed.mesh.connect(ANN)) {
      rows(c, "SELECT id FROM sales.orders");
    }
    try (Connection c = governed.mesh.connect(HAL)) {
      List<String> rows = rows(c, "SELECT * FROM sys.audit");
      assertTrue(rows.stream().anyMatch(r -> r.contains("ann") && r.contains("SELECT id FROM sales.orders")),
          rows.toString());
    }
  }

  @Test
  void sysAuditIsInvisibleWithoutASysGrant() throws SQLException {
    for (Principal who : List.of(ANN, GovernedMesh.CORA, DAVE)) {
      try (Connection c = governed.mesh.connect(who)) {
        SQLException e = assertThrows(SQLException.class, () -> rows(c, "SELECT * FROM sys.audit"), who.name());
        assertFalse(e.getMessage().contains("SELECT id"), e.getMessage());
        try (ResultSet rs = c.getMetaData().getTables(null, "sys", "%", null)) {
          assertFalse(rs.next(), who.name() + " sees sys in metadata");
        }
      }
    }
  }
}
