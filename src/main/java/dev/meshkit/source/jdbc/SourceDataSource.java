package dev.meshkit.source.jdbc;

import dev.meshkit.SourceListener;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The data source that generated code reads through. Calcite's JDBC adapter never sets a fetch
 * size, so every statement gets the source's here (without it PostgreSQL and MariaDB materialize
 * whole results); and every result set reports its SQL and row count to the mesh's listener.
 */
final class SourceDataSource implements DataSource {

  private final DataSource pool;
  private final int fetchSize;
  private final String domain;
  private final String source;
  private final SourceListener listener;

  SourceDataSource(DataSource pool, int fetchSize, String domain, String source, SourceListener listener) {
    this.pool = pool;
    this.fetchSize = fetchSize;
    this.domain = domain;
    this.source = source;
    this.listener = listener;
  }

  @Override
  public Connection getConnection() throws SQLException {
    try {
      return wrapConnection(pool.getConnection());
    } catch (SQLException e) {
      // The pool's own message is about the pool; the user needs the source and the driver's reason.
      throw new SQLException("source '" + source + "' of domain '" + domain + "' cannot be reached: "
          + JdbcSource.rootMessage(e), "08001", e);
    }
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("source credentials come from the descriptor");
  }

  private Connection wrapConnection(Connection connection) {
    InvocationHandler handler = (proxy, method, args) -> {
      Object result = invoke(connection, method, args);
      if (result instanceof Statement statement
          && (method.getName().equals("createStatement") || method.getName().equals("prepareStatement"))) {
        if (fetchSize > 0) {
          statement.setFetchSize(fetchSize);
        }
        String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
        return wrapStatement(statement, sql);
      }
      return result;
    };
    return (Connection) Proxy.newProxyInstance(
        Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }

  private Statement wrapStatement(Statement statement, String preparedSql) {
    Class<?>[] interfaces = statement instanceof java.sql.PreparedStatement
        ? new Class<?>[] {java.sql.PreparedStatement.class}
        : new Class<?>[] {Statement.class};
    String[] lastSql = {preparedSql};
    InvocationHandler handler = (proxy, method, args) -> {
      if (args != null && args.length > 0 && args[0] instanceof String sql) {
        lastSql[0] = sql;
      }
      if (statement instanceof PreparedStatement prepared && args != null && args.length == 2
          && (method.getName().equals("setInt") || method.getName().equals("setLong"))
          && bindTemporal(prepared, (Integer) args[0], ((Number) args[1]).longValue())) {
        return null;
      }
      Object result = invoke(statement, method, args);
      return result instanceof ResultSet rs ? wrapResultSet(rs, lastSql[0]) : result;
    };
    return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), interfaces, handler);
  }

  /**
   * Calcite binds DATE, TIME and TIMESTAMP parameters in its internal form (days, milliseconds of
   * the day, local milliseconds); the database needs the JDBC types.
   */
  private static boolean bindTemporal(PreparedStatement statement, int index, long value) throws SQLException {
    int type;
    try {
      type = statement.getParameterMetaData().getParameterType(index);
    } catch (SQLException e) {
      return false;
    }
    switch (type) {
      case Types.DATE -> statement.setDate(index, Date.valueOf(LocalDate.ofEpochDay(value)));
      case Types.TIME -> statement.setTime(index, Time.valueOf(LocalTime.ofNanoOfDay(value * 1_000_000L)));
      case Types.TIMESTAMP -> statement.setTimestamp(index,
          Timestamp.valueOf(LocalDateTime.ofEpochSecond(Math.floorDiv(value, 1000L),
              (int) Math.floorMod(value, 1000L) * 1_000_000, ZoneOffset.UTC)));
      default -> {
        return false;
      }
    }
    return true;
  }

  private ResultSet wrapResultSet(ResultSet resultSet, String sql) {
    long[] rows = {0};
    boolean[] reported = {false};
    InvocationHandler handler = (proxy, method, args) -> {
      Object result = invoke(resultSet, method, args);
      switch (method.getName()) {
        case "next" -> {
          if (Boolean.TRUE.equals(result)) {
            rows[0]++;
          }
        }
        case "close" -> {
          if (!reported[0]) {
            reported[0] = true;
            listener.executed(domain, source, sql, rows[0]);
          }
        }
        default -> { }
      }
      return result;
    };
    return (ResultSet) Proxy.newProxyInstance(
        ResultSet.class.getClassLoader(), new Class<?>[] {ResultSet.class}, handler);
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return pool.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    pool.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    pool.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return pool.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return pool.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return pool.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || pool.isWrapperFor(iface);
  }
}
