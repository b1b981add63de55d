package dev.meshkit.jdbc;

import dev.meshkit.delegate.DelegatingResultSetMetaData;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import org.apache.calcite.sql.type.SqlTypeName;

/** A consumer's result set metadata over the engine's: failures translated, nothing to unwrap to. */
final class GuardedResultSetMetaData extends DelegatingResultSetMetaData {

  GuardedResultSetMetaData(ResultSetMetaData engine) {
    super(engine);
  }

  @Override
  protected SQLException failure(Throwable e) {
    return Errors.metadata(e);
  }

  /** As {@code getColumns} reports COLUMN_SIZE, where the engine says 0 (dates, unbounded strings). */
  @Override
  public int getPrecision(int column) throws SQLException {
    int precision = super.getPrecision(column);
    SqlTypeName type = SqlTypeName.getNameForJdbcType(getColumnType(column));
    Integer size = type == null ? null : MetaTables.size(type, precision);
    return size == null ? precision : size;
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
