package dev.meshkit.jdbc;

import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.AuditEvent;
import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.jdbc.CalciteConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every row a consumer reads passes plain delegating classes, no dynamic proxy, on the consumer's
 * side and on the source's; and every JDBC object a consumer can reach leads back to its guarded
 * connection, never to the engine's.
 */
class RowPathTest {

  static Mesh mesh;
  /** The classes on the stack each time a source result set reported to the listener. */
  static final List<List<Class<?>>> sourceStacks = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void load() throws SQLException {
    String url = h2("rowpath",
        "CREATE TABLE items(id INT PRIMARY KEY, name VARCHAR(20), placed DATE)",
        "INSERT INTO items VALUES (1, 'a', DATE '2024-01-05'), (2, 'b', DATE '2024-02-10'), (3, 'c', DATE '2024-03-15')");
    StackWalker walker = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    mesh = Mesh.builder().grant("everyone-reads-everything", "*").name("rowpath")
        .sourceListener((domain, source, sql, rows) ->
            sourceStacks.add(walker.walk(frames -> frames.<Class<?>>map(StackWalker.StackFrame::getDeclaringClass).toList())))
        .domain("sales", d -> d.jdbcSource("erp", url, "sa", "").product("items", "SELECT * FROM erp.items"))
        .build();
  }

  @AfterAll
  static void close() {
    mesh.close();
  }

  @BeforeEach
  void forget() {
    sourceStacks.clear();
  }

  @Test
  void nothingTheConsumerHoldsIsADynamicProxy() throws SQLException {
    try (Connection c = mesh.connect(Principal.of("ann")); Statement s = c.createStatement()) {
      assertNotProxy(c);
      assertNotProxy(s);
      try (ResultSet rs = s.executeQuery("SELECT id, name FROM sales.items")) {
        assertNotProxy(rs);
        assertEquals(3, rows(rs).size());
      }
      assertTrue(s.execute("SELECT id FROM sales.items"));
      try (ResultSet rs = s.getResultSet()) {
        assertNotProxy(rs);
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM sales.items WHERE placed >= ?")) {
        assertNotProxy(ps);
        ps.setDate(1, Date.valueOf("2024-02-10"));
        try (ResultSet rs = ps.executeQuery()) {
          assertNotProxy(rs);
          assertEquals(List.of("2", "3"), rows(rs).stream().sorted().toList());
        }
      }
      DatabaseMetaData md = c.getMetaData();
      assertNotProxy(md);
      try (ResultSet rs = md.getTables(null, "sales", "%", null)) {
        assertNotProxy(rs);
      }
    }
  }

  @Test
  void sourceResultSetsReportThroughNoDynamicProxy() throws SQLException {
    try (Connection c = mesh.connect(Principal.of("ann"))) {
      assertEquals(3, rows(c, "SELECT id, name, placed FROM sales.items").size());
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM sales.items WHERE placed >= ?")) {
        ps.setDate(1, Date.valueOf("2024-02-10"));
        try (ResultSet rs = ps.executeQuery()) {
          assertEquals(2, rows(rs).size());
        }
      }
    }
    assertEquals(2, sourceStacks.size(), "one report per source statement");
    for (List<Class<?>> stack : sourceStacks) {
      assertTrue(stack.stream().noneMatch(Proxy::isProxyClass), stack.toString());
      // Below the listener: the source's result set closing, as Calcite's enumerator closes it.
      Class<?> reporting = stack.stream().filter(ResultSet.class::isAssignableFrom).findFirst().orElseThrow();
      assertEquals("SourceResultSet", reporting.getSimpleName(), stack.toString());
    }
  }

  @Test
  void everyObjectLeadsBackToTheGuardedConnection() throws SQLException {
    try (Connection c = mesh.connect(Principal.of("ann")); Statement s = c.createStatement();
        PreparedStatement ps = c.prepareStatement("SELECT id FROM sales.items")) {
      assertSame(c, s.getConnection());
      assertSame(c, ps.getConnection());
      try (ResultSet rs = s.executeQuery("SELECT id FROM sales.items")) {
        assertSame(s, rs.getStatement());
        SQLException refused = assertThrows(SQLException.class, () -> rs.unwrap(AvaticaResultSet.class));
        assertEquals("HY000", refused.getSQLState());
        assertFalse(rs.isWrapperFor(AvaticaResultSet.class));
      }
      try (ResultSet rs = ps.executeQuery()) {
        assertSame(ps, rs.getStatement());
      }
      DatabaseMetaData md = c.getMetaData();
      assertSame(c, md.getConnection());
      assertThrows(SQLException.class, () -> md.unwrap(CalciteConnection.class));
      assertFalse(md.isWrapperFor(CalciteConnection.class));
      try (ResultSet rs = md.getSchemas()) {
        assertNull(rs.getStatement(), "metadata comes from no statement");
      }
      assertThrows(SQLException.class, () -> c.unwrap(CalciteConnection.class));
    }
  }

  @Test
  void getResultSetTwiceIsOneResultSetAndOneAuditEvent() throws SQLException {
    int before = mesh.auditEvents().size();
    try (Connection c = mesh.connect(Principal.of("ann")); Statement s = c.createStatement()) {
      assertTrue(s.execute("SELECT id FROM sales.items"));
      ResultSet first = s.getResultSet();
      assertSame(first, s.getResultSet());
      assertEquals(3, rows(first).size());
      first.close();
    }
    List<AuditEvent> events = mesh.auditEvents();
    assertEquals(before + 1, events.size(), events.toString());
    AuditEvent event = events.get(events.size() - 1);
    assertEquals(AuditEvent.Decision.ALLOWED, event.decision());
    assertEquals(3, event.rowsReturned());
  }

  @Test
  void aFailedGetterIsAuditedOnceAsAFailure() throws SQLException {
    int before = mesh.auditEvents().size();
    SQLException e;
    try (Connection c = mesh.connect(Principal.of("ann")); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT name FROM sales.items")) {
      assertTrue(rs.next());
      e = assertThrows(SQLException.class, () -> rs.getInt(1));
      assertTrue(rs.next(), "the result set still reads after a failed getter");
    }
    List<AuditEvent> events = mesh.auditEvents();
    assertEquals(before + 1, events.size(), events.toString());
    AuditEvent event = events.get(events.size() - 1);
    assertEquals(AuditEvent.Decision.FAILED, event.decision());
    assertEquals(e.getMessage(), event.error());
  }

  private static void assertNotProxy(Object jdbc) {
    assertFalse(Proxy.isProxyClass(jdbc.getClass()), jdbc.getClass() + " is a dynamic proxy");
  }
}
