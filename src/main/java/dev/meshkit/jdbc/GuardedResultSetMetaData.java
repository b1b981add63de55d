package dev.meshkit.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * A result's column descriptions, over the engine's: errors translated, and unwrapping yields only
 * this object, as for every JDBC object a consumer holds.
 */
final class GuardedResultSetMetaData implements ResultSetMetaData {

  private final ResultSetMetaData engine;

  GuardedResultSetMetaData(ResultSetMetaData engine) {
    this.engine = engine;
  }

  @Override
  public int getColumnCount() throws SQLException {
    try {
      return engine.getColumnCount();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean isAutoIncrement(int column) throws SQLException {
    try {
      return engine.isAutoIncrement(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean isCaseSensitive(int column) throws SQLException {
    try {
      return engine.isCaseSensitive(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean isSearchable(int column) throws SQLException {
    try {
      return engine.isSearchable(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean isCurrency(int column) throws SQLException {
    try {
      return engine.isCurrency(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int isNullable(int column) throws SQLException {
    try {
      return engine.isNullable(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean isSigned(int column) throws SQLException {
    try {
      return engine.isSigned(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getColumnDisplaySize(int column) throws SQLException {
    try {
      return engine.getColumnDisplaySize(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getColumnLabel(int column) throws SQLException {
    try {
      return engine.getColumnLabel(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getColumnName(int column) throws SQLException {
    try {
      return engine.getColumnName(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getSchemaName(int column) throws SQLException {
    try {
      return engine.getSchemaName(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getPrecision(int column) throws SQLException {
    try {
      return engine.getPrecision(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getScale(int column) throws SQLException {
    try {
      return engine.getScale(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getTableName(int column) throws SQLException {
    try {
      return engine.getTableName(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getCatalogName(int column) throws SQLException {
    try {
      return engine.getCatalogName(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getColumnType(int column) throws SQLException {
    try {
      return engine.getColumnType(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getColumnTypeName(int column) throws SQLException {
    try {
      return engine.getColumnTypeName(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean isReadOnly(int column) throws SQLException {
    try {
      return engine.isReadOnly(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean isWritable(int column) throws SQLException {
    try {
      return engine.isWritable(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean isDefinitelyWritable(int column) throws SQLException {
    try {
      return engine.isDefinitelyWritable(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getColumnClassName(int column) throws SQLException {
    try {
      return engine.getColumnClassName(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return GuardedConnection.unwrap(this, iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  private static SQLException failure(Throwable e) {
    return GuardedConnection.thrown(GuardedConnection.translate(e));
  }
}
