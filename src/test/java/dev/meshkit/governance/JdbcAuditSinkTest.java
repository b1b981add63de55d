package dev.meshkit.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.AuditEvent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The JDBC sink against an in-memory H2 database, including one that hangs and one that is gone. */
class JdbcAuditSinkTest {

  private static final AtomicInteger DATABASES = new AtomicInteger();

  /** A fresh in-memory database that lives until the JVM exits. */
  private static JdbcDataSource database() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:audit" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
    h2.setUser("sa");
    return h2;
  }

  private static List<List<Object>> rows(JdbcDataSource db, String table) throws SQLException {
    Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    List<List<Object>> rows = new ArrayList<>();
    try (Connection c = db.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY rows_returned")) {
      while (rs.next()) {
        rows.add(Arrays.asList(
            rs.getTimestamp("event_time", utc).toInstant(), rs.getString("principal"), rs.getString("roles"),
            rs.getString("decision"), rs.getString("deciding_policy"), rs.getString("products"),
            rs.getLong("rows_returned"), rs.getLong("duration_ms"), rs.getString("error_message"),
            rs.getString("warnings"), rs.getString("sql_text")));
      }
    }
    return rows;
  }

  @Test
  void createsTheTableAndWritesEveryFieldOnClose() throws SQLException {
    JdbcDataSource db = database();
    JdbcAuditSink sink = JdbcAuditSink.builder(db).build();

    sink.record(AuditEvents.denied());
    sink.record(AuditEvents.allowed(3));
    sink.close();

    assertEquals(List.of(
        List.of(AuditEvents.TIME, "carl", "[]", "DENIED", "contractors-no-hr", "[]", 0L, 1L,
            "Access denied to product hr.salaries by policy contractors-no-hr.",
            "[\"product hr.bonus is unavailable\"]", "SELECT * FROM hr.salaries"),
        Arrays.asList(AuditEvents.TIME, "ann", "[\"analyst\",\"auditor\"]", "ALLOWED",
            "analysts-read-sales",
            "[{\"product\":\"sales.orders\",\"columns\":[\"id\",\"phone\"],"
                + "\"rowFilters\":[\"analysts-see-their-region\"],\"masks\":{\"phone\":\"phone-last-four\"}}]",
            3L, 12L, null, "[]", "SELECT id, phone FROM sales.orders WHERE amount > 10")),
        rows(db, "meshkit_audit"));
    assertEquals(2, sink.written());
    assertEquals(0, sink.dropped());
    assertEquals(0, sink.failed());
  }

  @Test
  void writesInBatchesIntoAnExistingTable() throws SQLException {
    JdbcDataSource db = database();
    try (JdbcAuditSink first = JdbcAuditSink.builder(db).table("audit_log").build()) {
      first.record(AuditEvents.allowed(0));
    }
    // The second sink finds the table and appends; 250 events make three batches of 100.
    JdbcAuditSink second = JdbcAuditSink.builder(db).table("audit_log").batchSize(100).build();
    for (int i = 1; i <= 250; i++) {
      second.record(AuditEvents.allowed(i));
    }
    second.close();

    assertEquals(251, rows(db, "audit_log").size());
    assertEquals(250, second.written());
  }

  @Test
  void cutsTextsLongerThanTheirColumn() throws SQLException {
    JdbcDataSource db = database();
    String sql = "SELECT " + "x, ".repeat(2000) + "y FROM sales.orders";
    AuditEvent longSql = AuditEvent.builder().time(Instant.now()).principal("ann").sql(sql)
        .decision(AuditEvent.Decision.ALLOWED).duration(Duration.ZERO).build();
    try (JdbcAuditSink sink = JdbcAuditSink.builder(db).build()) {
      sink.record(longSql);
    }

    assertEquals(sql.substring(0, 4000), rows(db, "meshkit_audit").get(0).get(10));
  }

  @Test
  void aHangingDatabaseDropsEventsInsteadOfBlocking() throws SQLException {
    JdbcDataSource db = database();
    GatedDataSource gated = new GatedDataSource(db);
    JdbcAuditSink sink = JdbcAuditSink.builder(gated).queueCapacity(10).batchSize(5).build();

    assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
      for (int i = 0; i < 1_000; i++) {
        sink.record(AuditEvents.allowed(i));
      }
    });
    // At most one batch is waiting on the database and ten events in the queue.
    assertTrue(sink.dropped() >= 1_000 - 15, "dropped " + sink.dropped());

    gated.open();
    sink.close();

    assertEquals(1_000 - sink.dropped(), sink.written());
    assertEquals(sink.written(), rows(db, "meshkit_audit").size());
  }

  @Test
  void anUnreachableDatabaseCountsFailuresAndNeverThrows() {
    JdbcDataSource gone = new JdbcDataSource();
    gone.setURL("jdbc:h2:mem:audit_gone;IFEXISTS=TRUE");
    JdbcAuditSink sink = JdbcAuditSink.builder(gone).batchSize(10).build();

    for (int i = 0; i < 25; i++) {
      sink.record(AuditEvents.allowed(i));
    }
    sink.close();

    assertEquals(25, sink.failed());
    assertEquals(0, sink.written());
  }

  @Test
  void eventsAfterCloseAreDropped() {
    JdbcAuditSink sink = JdbcAuditSink.builder(database()).build();
    sink.close();

    sink.record(AuditEvents.allowed(1));

    assertEquals(1, sink.dropped());
  }

  @Test
  void badSettingsAreRefused() {
    JdbcAuditSink.Builder builder = JdbcAuditSink.builder(database());

    assertEquals("audit table name is not a plain identifier: audit; DROP TABLE x "
            + "(use letters, digits and '_', optionally schema.table)",
        assertThrows(IllegalArgumentException.class, () -> builder.table("audit; DROP TABLE x")).getMessage());
    assertEquals("audit queue capacity must be positive: 0",
        assertThrows(IllegalArgumentException.class, () -> builder.queueCapacity(0)).getMessage());
    assertEquals("audit batch size must be positive: -1",
        assertThrows(IllegalArgumentException.class, () -> builder.batchSize(-1)).getMessage());
    assertEquals("audit close timeout must be at least 1 ms: PT0S",
        assertThrows(IllegalArgumentException.class, () -> builder.closeTimeout(Duration.ZERO)).getMessage());
    assertEquals("dataSource is null",
        assertThrows(NullPointerException.class, () -> JdbcAuditSink.builder(null)).getMessage());
  }
}
