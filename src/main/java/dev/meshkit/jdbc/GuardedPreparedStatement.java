package dev.meshkit.jdbc;

import dev.meshkit.delegate.Jdbc42PreparedStatement;
import dev.meshkit.engine.PlanningScope;
import java.sql.Connection;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.List;

/** A consumer's prepared statement over the engine's; what it adds is in {@link StatementGuard}. */
final class GuardedPreparedStatement extends Jdbc42PreparedStatement<PreparedStatement> {

  private final StatementGuard guard;

  GuardedPreparedStatement(GuardedConnection connection, StatementState state, String sql,
      List<PlanningScope.ProductRead> reads) {
    super((PreparedStatement) state.engine);
    this.guard = new StatementGuard(connection, this, state, sql, reads);
  }

  @Override
  protected SQLException failure(Throwable e) {
    return Errors.translate(e, List.of());
  }

  @Override
  protected <T> T execution(String sql, Call<T> call) throws SQLException {
    return guard.execute(sql, call);
  }

  @Override
  protected ResultSet resultSet(ResultSet resultSet) {
    return guard.resultSet(resultSet);
  }

  @Override
  protected <T> T update(String sql, Call<T> call) throws SQLException {
    return guard.refuse(sql);
  }

  @Override
  public boolean getMoreResults() throws SQLException {
    guard.moreResults(CLOSE_CURRENT_RESULT);
    return super.getMoreResults();
  }

  @Override
  public boolean getMoreResults(int current) throws SQLException {
    guard.moreResults(current);
    return super.getMoreResults(current);
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    ResultSetMetaData engine = super.getMetaData();
    return engine == null ? null : new GuardedResultSetMetaData(engine);
  }

  @Override
  public ParameterMetaData getParameterMetaData() throws SQLException {
    return new GuardedParameterMetaData(super.getParameterMetaData());
  }

  @Override
  public Connection getConnection() {
    return guard.connection();
  }

  @Override
  public void close() throws SQLException {
    if (guard.close()) {
      super.close();
    }
  }

  @Override
  public void cancel() throws SQLException {
    guard.cancel();
  }

  @Override
  public int getQueryTimeout() throws SQLException {
    return guard.queryTimeout();
  }

  @Override
  public void setQueryTimeout(int seconds) throws SQLException {
    guard.queryTimeout(seconds);
  }

  @Override
  public boolean isClosed() throws SQLException {
    return guard.closed() || super.isClosed();
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    return guard.warnings(super.getWarnings());
  }

  @Override
  public void clearWarnings() throws SQLException {
    guard.clearWarnings();
    super.clearWarnings();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return GuardedConnection.unwrap(this, iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
