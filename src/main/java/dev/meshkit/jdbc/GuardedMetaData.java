package dev.meshkit.jdbc;

import dev.meshkit.delegate.DelegatingDatabaseMetaData;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * A consumer's database metadata over the engine's: its connection, and that of every result set
 * it returns, is the consumer's guarded one, never the engine's.
 */
final class GuardedMetaData extends DelegatingDatabaseMetaData {

  private final GuardedConnection connection;

  GuardedMetaData(GuardedConnection connection, DatabaseMetaData engine) {
    super(engine);
    this.connection = connection;
  }

  @Override
  protected SQLException failure(Throwable e) {
    return Errors.translate(e, List.of());
  }

  @Override
  protected ResultSet resultSet(ResultSet resultSet) {
    return new GuardedResultSet(resultSet, null, null, List.of());
  }

  @Override
  public Connection getConnection() {
    return connection;
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
