package dev.meshkit.client;

import dev.meshkit.delegate.Jdbc42PreparedStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;

/**
 * A remote prepared statement: Avatica's, with what {@link StatementControl} adds and the java.time
 * values Avatica's client cannot bind.
 */
final class RemotePreparedStatement extends Jdbc42PreparedStatement<PreparedStatement> {

  private final StatementControl control;

  RemotePreparedStatement(RemoteConnection connection, PreparedStatement avatica) {
    super(avatica);
    this.control = new StatementControl(connection, this, avatica);
  }

  @Override
  protected SQLException failure(Throwable e) {
    return RemoteFailure.translate(e);
  }

  @Override
  protected <T> T execution(String sql, Call<T> call) throws SQLException {
    control.executing();
    return super.execution(sql, call);
  }

  @Override
  protected ResultSet resultSet(ResultSet resultSet) {
    return control.resultSet(resultSet);
  }

  @Override
  public Connection getConnection() {
    return control.connection();
  }

  @Override
  public void cancel() throws SQLException {
    control.cancel();
  }

  @Override
  public void setQueryTimeout(int seconds) throws SQLException {
    control.queryTimeout(seconds);
    super.setQueryTimeout(seconds);
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    return control.warnings();
  }

  @Override
  public void clearWarnings() throws SQLException {
    control.clearWarnings();
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
