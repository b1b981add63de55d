package dev.meshkit.source.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.SourceListener;
import dev.meshkit.delegate.DelegatingPreparedStatement;
import dev.meshkit.source.SourceFailedException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What generated code reads a database source through: delegating classes, not dynamic proxies;
 * temporal parameters bound from Calcite's internal form with the parameter types read once per
 * statement; each result set reported once with its SQL and rows, when someone listens; and the
 * driver's failures turned into sentences that name the source and quote nothing.
 */
class SourceDataSourceTest {

  private static final String URL = "jdbc:h2:mem:source_data_source;DB_CLOSE_DELAY=-1";
  private static final String EVENTS = "SELECT id FROM events WHERE placed >= ? AND happened < ? AND id > ? ORDER BY id";

  record Executed(String sql, long rows) {
  }

  final List<Executed> executed = new CopyOnWriteArrayList<>();
  Connection keeper;
  JdbcDataSource h2;

  @BeforeEach
  void database() throws SQLException {
    keeper = DriverManager.getConnection(URL, "sa", "");
    try (Statement s = keeper.createStatement()) {
      s.execute("CREATE TABLE events(id INT PRIMARY KEY, placed DATE, happened TIMESTAMP)");
      s.execute("INSERT INTO events VALUES (1, DATE '2024-01-05', TIMESTAMP '2024-01-05 08:00:00'),"
          + " (2, DATE '2024-02-10', TIMESTAMP '2024-02-10 12:30:00'), (3, DATE '2024-03-15', TIMESTAMP '2024-03-15 23:59:59')");
    }
    h2 = new JdbcDataSource();
    h2.setURL(URL);
    h2.setUser("sa");
  }

  @AfterEach
  void drop() throws SQLException {
    try (Statement s = keeper.createStatement()) {
      s.execute("DROP TABLE events");
    }
    keeper.close();
  }

  private SourceDataSource dataSource(SourceListener listener) {
    return new SourceDataSource(h2, 10, true, false, 100, "sales", "erp", listener);
  }

  @Test
  void connectionsStatementsAndResultSetsAreDelegatesNotProxies() throws SQLException {
    SourceDataSource dataSource = dataSource((domain, source, sql, rows) -> executed.add(new Executed(sql, rows)));
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        PreparedStatement ps = c.prepareStatement("SELECT id FROM events WHERE id > ?")) {
      assertInstanceOf(SourceConnection.class, c);
      assertInstanceOf(SourceStatement.class, s);
      assertInstanceOf(SourcePreparedStatement.class, ps);
      assertEquals(100, s.getFetchSize());
      assertEquals(100, ps.getFetchSize());
      assertTrue(s.execute("SELECT id FROM events"));
      try (ResultSet rs = s.getResultSet()) {
        assertInstanceOf(SourceResultSet.class, rs);
        assertEquals(3, count(rs));
      }
      ps.setInt(1, 1);
      try (ResultSet rs = ps.executeQuery()) {
        assertInstanceOf(SourceResultSet.class, rs);
        assertFalse(Proxy.isProxyClass(rs.getClass()));
        assertEquals(2, count(rs));
        rs.close(); // and again by try-with-resources: reported once all the same
      }
    }
    assertEquals(List.of(new Executed("SELECT id FROM events", 3),
        new Executed("SELECT id FROM events WHERE id > ?", 2)), executed);
  }

  /**
   * Result sets are wrapped even when nobody listens: a row can fail long after its statement
   * started, and that failure must name the source, not quote the driver.
   */
  @Test
  void withoutAListenerResultSetsStillNameTheSourceWhenTheyFail() throws SQLException {
    try (Connection c = dataSource(SourceListener.NONE).getConnection(); Statement s = c.createStatement()) {
      s.execute("SET LAZY_QUERY_EXECUTION TRUE"); // rows computed as they are read, as PostgreSQL streams them
      ResultSet rs = s.executeQuery("SELECT 10 / (2 - id) FROM events ORDER BY id");
      assertInstanceOf(SourceResultSet.class, rs);
      assertTrue(rs.next());
      SourceFailedException e = assertThrows(SourceFailedException.class, rs::next);
      assertEquals("source 'erp' of domain 'sales' failed: division by zero (SQLState 22012)", e.getMessage());
      assertEquals("22012", e.getSQLState());
      assertNull(e.getCause());
    }
  }

  @Test
  void driverErrorsKeepOnlyTheirSqlStateClassWhenItMeansSomethingToTheConsumer() throws SQLException {
    try (Connection c = dataSource(SourceListener.NONE).getConnection(); Statement s = c.createStatement()) {
      SourceFailedException syntax = assertThrows(SourceFailedException.class, () -> s.executeQuery("SELEC id FROM events"));
      assertEquals("source 'erp' of domain 'sales' failed: the source reported an error (SQLState 58000)",
          syntax.getMessage());
      SourceFailedException cast = assertThrows(SourceFailedException.class,
          () -> s.executeQuery("SELECT CAST('SECRET-1234' AS INT) FROM events"));
      assertEquals("22018", cast.getSQLState());
      assertFalse(cast.getMessage().contains("SECRET"), cast.getMessage());
    }
  }

  @Test
  void temporalParametersBindFromCalcitesFormWithTypesReadOncePerStatement() throws SQLException {
    int[] asked = {0};
    try (Connection h2Connection = h2.getConnection();
        PreparedStatement counting = new DelegatingPreparedStatement<>(h2Connection.prepareStatement(EVENTS)) {
          @Override
          public ParameterMetaData getParameterMetaData() throws SQLException {
            asked[0]++;
            return super.getParameterMetaData();
          }
        };
        PreparedStatement ps = new SourcePreparedStatement(counting, EVENTS, null, null, dataSource(SourceListener.NONE))) {
      // As Calcite binds them: DATE as days since the epoch, TIMESTAMP as local milliseconds, INT as is.
      ps.setInt(1, (int) LocalDate.parse("2024-01-05").toEpochDay());
      ps.setLong(2, millis("2024-03-15T23:59:59"));
      ps.setInt(3, 0);
      assertEquals(List.of(1, 2), ids(ps));
      ps.setInt(1, (int) LocalDate.parse("2024-01-06").toEpochDay());
      ps.setLong(2, millis("2024-03-16T00:00:00"));
      assertEquals(List.of(2, 3), ids(ps));
      ps.setInt(3, 2);
      assertEquals(List.of(3), ids(ps));
    }
    assertEquals(1, asked[0], "parameter metadata asked once for the statement");
  }

  private static long millis(String localDateTime) {
    return LocalDateTime.parse(localDateTime).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  private static List<Integer> ids(PreparedStatement ps) throws SQLException {
    List<Integer> ids = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getInt(1));
      }
    }
    return ids;
  }

  private static int count(ResultSet rs) throws SQLException {
    int rows = 0;
    while (rs.next()) {
      rows++;
    }
    return rows;
  }
}
