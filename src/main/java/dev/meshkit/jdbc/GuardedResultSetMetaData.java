package dev.meshkit.jdbc;

import dev.meshkit.delegate.DelegatingResultSetMetaData;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/** A consumer's result set metadata over the engine's: failures translated, nothing to unwrap to. */
final class GuardedResultSetMetaData extends DelegatingResultSetMetaData {

  GuardedResultSetMetaData(ResultSetMetaData engine) {
    super(engine);
  }

  @Override
  protected SQLException failure(Throwable e) {
    return Errors.metadata(e);
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
