package dev.meshkit.client;

import dev.meshkit.delegate.DelegatingResultSet;
import dev.meshkit.delegate.Jdbc42;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.Map;

/** A remote result set: Avatica's, with JDBC 4.2 getObject, the server's warnings and sentences for errors. */
final class RemoteResultSet extends DelegatingResultSet {

  /** Null for a metadata result, which came from no statement. */
  private final StatementControl control;

  RemoteResultSet(ResultSet avatica, StatementControl control) {
    super(avatica);
    this.control = control;
  }

  @Override
  protected SQLException failure(Throwable e) {
    return RemoteFailure.translate(e);
  }

  @Override
  public Statement getStatement() {
    return control == null ? null : control.statement();
  }

  @Override
  public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
    return Jdbc42.getObject(this, columnIndex, type);
  }

  @Override
  public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
    return Jdbc42.getObject(this, columnLabel, type);
  }

  @Override
  public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
    return Jdbc42.getObject(this, columnIndex, map);
  }

  @Override
  public Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException {
    return Jdbc42.getObject(this, columnLabel, map);
  }

  /** The server's result set's warnings, as an embedded result set would report them. */
  @Override
  public SQLWarning getWarnings() throws SQLException {
    if (isClosed()) {
      throw new SQLException("the result set is closed", "HY010");
    }
    return control == null ? null : control.resultSetWarnings();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : super.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || super.isWrapperFor(iface);
  }
}
