package dev.meshkit.store;

import dev.meshkit.AuditEvent;
import dev.meshkit.AuditJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.temporal.ChronoUnit;
import java.util.Calendar;
import java.util.TimeZone;
import java.util.List;

/**
 * The audit table's columns and how an event fills them, shared by the metadata store and by
 * {@code JdbcAuditSink}, which writes the same rows to a table of the user's choosing. Times in UTC;
 * lists and products as JSON text; texts longer than their column cut.
 */
public final class StoreAudit {

  /** Column, type and width; the widths fit a MySQL row in utf8mb4 and Oracle's 4000-byte VARCHAR2. */
  private record Column(String name, String type, int width) {
  }

  private static final List<Column> COLUMNS = List.of(
      new Column("event_time", "TIMESTAMP NOT NULL", 0),
      new Column("principal", "VARCHAR(256) NOT NULL", 256),
      new Column("roles", "VARCHAR(1000)", 1000),
      new Column("decision", "VARCHAR(16) NOT NULL", 16),
      new Column("deciding_policy", "VARCHAR(256)", 256),
      new Column("products", "VARCHAR(4000)", 4000),
      new Column("rows_returned", "BIGINT NOT NULL", 0),
      new Column("duration_ms", "BIGINT NOT NULL", 0),
      new Column("error_message", "VARCHAR(1000)", 1000),
      new Column("warnings", "VARCHAR(2000)", 2000),
      new Column("sql_text", "VARCHAR(4000)", 4000));

  private StoreAudit() {}

  /** {@code CREATE TABLE} for an audit table of this name. */
  public static String createTable(String table) {
    return "CREATE TABLE " + table + " ("
        + String.join(", ", COLUMNS.stream().map(column -> column.name + " " + column.type).toList()) + ")";
  }

  /** {@code SELECT} of every column, in the order {@link #createTable} declares them. */
  static String select(String table) {
    return "SELECT " + String.join(", ", COLUMNS.stream().map(Column::name).toList()) + " FROM " + table;
  }

  /** Inserts the events in one JDBC batch, in the caller's transaction. */
  public static void insert(Connection c, String table, List<AuditEvent> events) throws SQLException {
    String sql = "INSERT INTO " + table + " ("
        + String.join(", ", COLUMNS.stream().map(Column::name).toList()) + ") VALUES ("
        + String.join(", ", COLUMNS.stream().map(column -> "?").toList()) + ")";
    Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    try (PreparedStatement insert = c.prepareStatement(sql)) {
      for (AuditEvent e : events) {
        // Cut, not rounded by the driver: the millisecond sys.audit shows is the same before and after the write.
        insert.setTimestamp(1, Timestamp.from(e.time().truncatedTo(ChronoUnit.MICROS)), utc);
        insert.setString(2, cut(e.principal(), 1));
        insert.setString(3, cut(AuditJson.strings(e.roles()), 2));
        insert.setString(4, e.decision().name());
        insert.setString(5, cut(e.decidingPolicy(), 4));
        insert.setString(6, cut(AuditJson.products(e.products()), 5));
        insert.setLong(7, e.rowsReturned());
        insert.setLong(8, e.duration().toMillis());
        insert.setString(9, cut(e.error(), 8));
        insert.setString(10, cut(AuditJson.strings(e.warnings()), 9));
        insert.setString(11, cut(e.sql(), 10));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /** Cuts a text to the width of the column at that index of {@link #COLUMNS}. */
  private static String cut(String text, int column) {
    int width = COLUMNS.get(column).width;
    return text == null || text.length() <= width ? text : text.substring(0, width);
  }
}
