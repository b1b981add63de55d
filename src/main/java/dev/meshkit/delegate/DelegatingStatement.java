package dev.meshkit.delegate;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * A statement that forwards every call to another, for subclasses that change a few. Written out
 * rather than a dynamic proxy, so that a call costs one virtual call: no reflection, argument array
 * or boxing. Every execution passes {@link #execution} (updates and batches first pass
 * {@link #update}), and every result set handed out {@link #resultSet}, so that a subclass sees them
 * all in one place.
 */
public abstract class DelegatingStatement<S extends Statement> implements Statement {

  /** One call that executes SQL on the delegate. */
  @FunctionalInterface
  public interface Call<T> {
    T run() throws SQLException;
  }

  protected final S delegate;

  protected DelegatingStatement(S delegate) {
    this.delegate = delegate;
  }

  /** The exception to throw for what a call to the delegate threw; subclasses may translate it. */
  protected SQLException failure(Throwable e) {
    return Failures.rethrow(e);
  }

  /**
   * Runs one execution of the delegate; {@code sql} is the text executed, or null for a prepared
   * statement's own or a batch.
   */
  protected <T> T execution(String sql, Call<T> call) throws SQLException {
    try {
      return call.run();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  /**
   * Runs one update or batch ({@code executeUpdate}, {@code executeLargeUpdate}, {@code executeBatch},
   * {@code executeLargeBatch}): an execution unless a subclass says otherwise.
   */
  protected <T> T update(String sql, Call<T> call) throws SQLException {
    return execution(sql, call);
  }

  /** The result set to hand out for one the delegate returned. */
  protected ResultSet resultSet(ResultSet resultSet) throws SQLException {
    return resultSet;
  }

  final ResultSet wrapped(ResultSet resultSet) throws SQLException {
    return resultSet == null ? null : resultSet(resultSet);
  }

  @Override
  public ResultSet executeQuery(String sql) throws SQLException {
    return wrapped(execution(sql, () -> delegate.executeQuery(sql)));
  }

  @Override
  public int executeUpdate(String sql) throws SQLException {
    return update(sql, () -> delegate.executeUpdate(sql));
  }

  @Override
  public void close() throws SQLException {
    try {
      delegate.close();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getMaxFieldSize() throws SQLException {
    try {
      return delegate.getMaxFieldSize();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void setMaxFieldSize(int max) throws SQLException {
    try {
      delegate.setMaxFieldSize(max);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getMaxRows() throws SQLException {
    try {
      return delegate.getMaxRows();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void setMaxRows(int max) throws SQLException {
    try {
      delegate.setMaxRows(max);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void setEscapeProcessing(boolean enable) throws SQLException {
    try {
      delegate.setEscapeProcessing(enable);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getQueryTimeout() throws SQLException {
    try {
      return delegate.getQueryTimeout();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void setQueryTimeout(int seconds) throws SQLException {
    try {
      delegate.setQueryTimeout(seconds);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void cancel() throws SQLException {
    try {
      delegate.cancel();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    try {
      return delegate.getWarnings();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void clearWarnings() throws SQLException {
    try {
      delegate.clearWarnings();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void setCursorName(String name) throws SQLException {
    try {
      delegate.setCursorName(name);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean execute(String sql) throws SQLException {
    return execution(sql, () -> delegate.execute(sql));
  }

  @Override
  public ResultSet getResultSet() throws SQLException {
    ResultSet resultSet;
    try {
      resultSet = delegate.getResultSet();
    } catch (Throwable e) {
      throw failure(e);
    }
    return wrapped(resultSet);
  }

  @Override
  public int getUpdateCount() throws SQLException {
    try {
      return delegate.getUpdateCount();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean getMoreResults() throws SQLException {
    try {
      return delegate.getMoreResults();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    try {
      delegate.setFetchDirection(direction);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getFetchDirection() throws SQLException {
    try {
      return delegate.getFetchDirection();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    try {
      delegate.setFetchSize(rows);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getFetchSize() throws SQLException {
    try {
      return delegate.getFetchSize();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getResultSetConcurrency() throws SQLException {
    try {
      return delegate.getResultSetConcurrency();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getResultSetType() throws SQLException {
    try {
      return delegate.getResultSetType();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void addBatch(String sql) throws SQLException {
    try {
      delegate.addBatch(sql);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void clearBatch() throws SQLException {
    try {
      delegate.clearBatch();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int[] executeBatch() throws SQLException {
    return update(null, () -> delegate.executeBatch());
  }

  @Override
  public Connection getConnection() throws SQLException {
    try {
      return delegate.getConnection();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean getMoreResults(int current) throws SQLException {
    try {
      return delegate.getMoreResults(current);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public ResultSet getGeneratedKeys() throws SQLException {
    ResultSet resultSet;
    try {
      resultSet = delegate.getGeneratedKeys();
    } catch (Throwable e) {
      throw failure(e);
    }
    return wrapped(resultSet);
  }

  @Override
  public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
    return update(sql, () -> delegate.executeUpdate(sql, autoGeneratedKeys));
  }

  @Override
  public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
    return update(sql, () -> delegate.executeUpdate(sql, columnIndexes));
  }

  @Override
  public int executeUpdate(String sql, String[] columnNames) throws SQLException {
    return update(sql, () -> delegate.executeUpdate(sql, columnNames));
  }

  @Override
  public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
    return execution(sql, () -> delegate.execute(sql, autoGeneratedKeys));
  }

  @Override
  public boolean execute(String sql, int[] columnIndexes) throws SQLException {
    return execution(sql, () -> delegate.execute(sql, columnIndexes));
  }

  @Override
  public boolean execute(String sql, String[] columnNames) throws SQLException {
    return execution(sql, () -> delegate.execute(sql, columnNames));
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    try {
      return delegate.getResultSetHoldability();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean isClosed() throws SQLException {
    try {
      return delegate.isClosed();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void setPoolable(boolean poolable) throws SQLException {
    try {
      delegate.setPoolable(poolable);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean isPoolable() throws SQLException {
    try {
      return delegate.isPoolable();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void closeOnCompletion() throws SQLException {
    try {
      delegate.closeOnCompletion();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean isCloseOnCompletion() throws SQLException {
    try {
      return delegate.isCloseOnCompletion();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public long getLargeUpdateCount() throws SQLException {
    try {
      return delegate.getLargeUpdateCount();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void setLargeMaxRows(long max) throws SQLException {
    try {
      delegate.setLargeMaxRows(max);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public long getLargeMaxRows() throws SQLException {
    try {
      return delegate.getLargeMaxRows();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    return update(null, () -> delegate.executeLargeBatch());
  }

  @Override
  public long executeLargeUpdate(String sql) throws SQLException {
    return update(sql, () -> delegate.executeLargeUpdate(sql));
  }

  @Override
  public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
    return update(sql, () -> delegate.executeLargeUpdate(sql, autoGeneratedKeys));
  }

  @Override
  public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
    return update(sql, () -> delegate.executeLargeUpdate(sql, columnIndexes));
  }

  @Override
  public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
    return update(sql, () -> delegate.executeLargeUpdate(sql, columnNames));
  }

  @Override
  public String enquoteLiteral(String val) throws SQLException {
    try {
      return delegate.enquoteLiteral(val);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String enquoteIdentifier(String identifier, boolean alwaysQuote) throws SQLException {
    try {
      return delegate.enquoteIdentifier(identifier, alwaysQuote);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean isSimpleIdentifier(String identifier) throws SQLException {
    try {
      return delegate.isSimpleIdentifier(identifier);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String enquoteNCharLiteral(String val) throws SQLException {
    try {
      return delegate.enquoteNCharLiteral(val);
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
