package dev.meshkit.delegate;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.ShardingKey;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * A connection that forwards every call to another, for subclasses that change a few. Written out
 * rather than a dynamic proxy, so that a call costs one virtual call: no reflection, argument array
 * or boxing.
 */
public abstract class DelegatingConnection implements Connection {

  protected final Connection delegate;

  protected DelegatingConnection(Connection delegate) {
    this.delegate = delegate;
  }

  /**
   * The connection calls go to: {@link #delegate} unless a subclass moves its calls to another
   * connection over its life.
   */
  protected Connection delegate() {
    return delegate;
  }

  /** The exception to throw for what a call to the delegate threw; subclasses may translate it. */
  protected SQLException failure(Throwable e) {
    return Failures.rethrow(e);
  }

  @Override
  public Statement createStatement() throws SQLException {
    try {
      return delegate().createStatement();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    try {
      return delegate().prepareStatement(sql);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public CallableStatement prepareCall(String sql) throws SQLException {
    try {
      return delegate().prepareCall(sql);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String nativeSQL(String sql) throws SQLException {
    try {
      return delegate().nativeSQL(sql);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void setAutoCommit(boolean autoCommit) throws SQLException {
    try {
      delegate().setAutoCommit(autoCommit);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    try {
      return delegate().getAutoCommit();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void commit() throws SQLException {
    try {
      delegate().commit();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void rollback() throws SQLException {
    try {
      delegate().rollback();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      delegate().close();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean isClosed() throws SQLException {
    try {
      return delegate().isClosed();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    try {
      return delegate().getMetaData();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void setReadOnly(boolean readOnly) throws SQLException {
    try {
      delegate().setReadOnly(readOnly);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    try {
      return delegate().isReadOnly();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void setCatalog(String catalog) throws SQLException {
    try {
      delegate().setCatalog(catalog);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getCatalog() throws SQLException {
    try {
      return delegate().getCatalog();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void setTransactionIsolation(int level) throws SQLException {
    try {
      delegate().setTransactionIsolation(level);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    try {
      return delegate().getTransactionIsolation();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    try {
      return delegate().getWarnings();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void clearWarnings() throws SQLException {
    try {
      delegate().clearWarnings();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
    try {
      return delegate().createStatement(resultSetType, resultSetConcurrency);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
    try {
      return delegate().prepareStatement(sql, resultSetType, resultSetConcurrency);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency) throws SQLException {
    try {
      return delegate().prepareCall(sql, resultSetType, resultSetConcurrency);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public Map<String,Class<?>> getTypeMap() throws SQLException {
    try {
      return delegate().getTypeMap();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void setTypeMap(Map<String,Class<?>> map) throws SQLException {
    try {
      delegate().setTypeMap(map);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void setHoldability(int holdability) throws SQLException {
    try {
      delegate().setHoldability(holdability);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getHoldability() throws SQLException {
    try {
      return delegate().getHoldability();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    try {
      return delegate().setSavepoint();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public Savepoint setSavepoint(String name) throws SQLException {
    try {
      return delegate().setSavepoint(name);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    try {
      delegate().rollback(savepoint);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void releaseSavepoint(Savepoint savepoint) throws SQLException {
    try {
      delegate().releaseSavepoint(savepoint);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    try {
      return delegate().createStatement(resultSetType, resultSetConcurrency, resultSetHoldability);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    try {
      return delegate().prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public CallableStatement prepareCall(String sql, int resultSetType, int resultSetConcurrency, int resultSetHoldability) throws SQLException {
    try {
      return delegate().prepareCall(sql, resultSetType, resultSetConcurrency, resultSetHoldability);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
    try {
      return delegate().prepareStatement(sql, autoGeneratedKeys);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
    try {
      return delegate().prepareStatement(sql, columnIndexes);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
    try {
      return delegate().prepareStatement(sql, columnNames);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public Clob createClob() throws SQLException {
    try {
      return delegate().createClob();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public Blob createBlob() throws SQLException {
    try {
      return delegate().createBlob();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public NClob createNClob() throws SQLException {
    try {
      return delegate().createNClob();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public SQLXML createSQLXML() throws SQLException {
    try {
      return delegate().createSQLXML();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean isValid(int timeout) throws SQLException {
    try {
      return delegate().isValid(timeout);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void setClientInfo(String name, String value) throws SQLClientInfoException {
    delegate().setClientInfo(name, value);
  }

  @Override
  public void setClientInfo(Properties properties) throws SQLClientInfoException {
    delegate().setClientInfo(properties);
  }

  @Override
  public String getClientInfo(String name) throws SQLException {
    try {
      return delegate().getClientInfo(name);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    try {
      return delegate().getClientInfo();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
    try {
      return delegate().createArrayOf(typeName, elements);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
    try {
      return delegate().createStruct(typeName, attributes);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void setSchema(String schema) throws SQLException {
    try {
      delegate().setSchema(schema);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getSchema() throws SQLException {
    try {
      return delegate().getSchema();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void abort(Executor executor) throws SQLException {
    try {
      delegate().abort(executor);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
    try {
      delegate().setNetworkTimeout(executor, milliseconds);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    try {
      return delegate().getNetworkTimeout();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void beginRequest() throws SQLException {
    try {
      delegate().beginRequest();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void endRequest() throws SQLException {
    try {
      delegate().endRequest();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean setShardingKeyIfValid(ShardingKey shardingKey, ShardingKey superShardingKey, int timeout) throws SQLException {
    try {
      return delegate().setShardingKeyIfValid(shardingKey, superShardingKey, timeout);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean setShardingKeyIfValid(ShardingKey shardingKey, int timeout) throws SQLException {
    try {
      return delegate().setShardingKeyIfValid(shardingKey, timeout);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void setShardingKey(ShardingKey shardingKey, ShardingKey superShardingKey) throws SQLException {
    try {
      delegate().setShardingKey(shardingKey, superShardingKey);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void setShardingKey(ShardingKey shardingKey) throws SQLException {
    try {
      delegate().setShardingKey(shardingKey);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    try {
      return delegate().unwrap(iface);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    try {
      return delegate().isWrapperFor(iface);
    } catch (Throwable e) {
      throw failure(e);
    }
  }
}
