package dev.meshkit.delegate;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;

/**
 * Result set metadata that forwards every call to another, for a subclass that translates what
 * the calls throw. Written out rather than a dynamic proxy, like the other delegates here.
 */
public abstract class DelegatingResultSetMetaData implements ResultSetMetaData {

  protected final ResultSetMetaData delegate;

  protected DelegatingResultSetMetaData(ResultSetMetaData delegate) {
    this.delegate = delegate;
  }

  /** The exception to throw for what a call to the delegate threw. */
  protected abstract SQLException failure(Throwable e);

  @Override
  public int getColumnCount() throws SQLException {
    try {
      return delegate.getColumnCount();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean isAutoIncrement(int column) throws SQLException {
    try {
      return delegate.isAutoIncrement(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean isCaseSensitive(int column) throws SQLException {
    try {
      return delegate.isCaseSensitive(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean isSearchable(int column) throws SQLException {
    try {
      return delegate.isSearchable(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean isCurrency(int column) throws SQLException {
    try {
      return delegate.isCurrency(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int isNullable(int column) throws SQLException {
    try {
      return delegate.isNullable(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean isSigned(int column) throws SQLException {
    try {
      return delegate.isSigned(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getColumnDisplaySize(int column) throws SQLException {
    try {
      return delegate.getColumnDisplaySize(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getColumnLabel(int column) throws SQLException {
    try {
      return delegate.getColumnLabel(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getColumnName(int column) throws SQLException {
    try {
      return delegate.getColumnName(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getSchemaName(int column) throws SQLException {
    try {
      return delegate.getSchemaName(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getPrecision(int column) throws SQLException {
    try {
      return delegate.getPrecision(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getScale(int column) throws SQLException {
    try {
      return delegate.getScale(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getTableName(int column) throws SQLException {
    try {
      return delegate.getTableName(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getCatalogName(int column) throws SQLException {
    try {
      return delegate.getCatalogName(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getColumnType(int column) throws SQLException {
    try {
      return delegate.getColumnType(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getColumnTypeName(int column) throws SQLException {
    try {
      return delegate.getColumnTypeName(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean isReadOnly(int column) throws SQLException {
    try {
      return delegate.isReadOnly(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean isWritable(int column) throws SQLException {
    try {
      return delegate.isWritable(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean isDefinitelyWritable(int column) throws SQLException {
    try {
      return delegate.isDefinitelyWritable(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getColumnClassName(int column) throws SQLException {
    try {
      return delegate.getColumnClassName(column);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    try {
      return delegate.unwrap(iface);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    try {
      return delegate.isWrapperFor(iface);
    } catch (Throwable e) {
      throw failure(e);
    }
  }
}
