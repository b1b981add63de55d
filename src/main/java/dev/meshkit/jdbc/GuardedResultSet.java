package dev.meshkit.jdbc;

import dev.meshkit.delegate.DelegatingResultSet;
import dev.meshkit.delegate.Jdbc42;
import dev.meshkit.engine.PlanningScope;
import dev.meshkit.source.RunningQuery;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * A consumer's result set over the engine's: errors translated, arrays and metadata guarded, and the rows
 * of an audited execution fetched as its running query and counted into it. The execution is reported when the last row is read or
 * this result set closes, or else when its statement ends it (see {@link StatementState}).
 */
final class GuardedResultSet extends DelegatingResultSet {

  /** The consumer's statement; null for metadata, which came from no statement. */
  private final Statement statement;
  /** The execution to report; null when there is none to report (metadata, an array's elements). */
  private final Execution execution;
  /** What the statement reads, which names the products in its errors; empty for metadata. */
  private final List<PlanningScope.ProductRead> reads;

  GuardedResultSet(ResultSet engine, Statement statement, Execution execution, List<PlanningScope.ProductRead> reads) {
    super(engine);
    this.statement = statement;
    this.execution = execution;
    this.reads = reads;
  }

  List<PlanningScope.ProductRead> reads() {
    return reads;
  }

  boolean wraps(ResultSet engine) {
    return delegate == engine;
  }

  @Override
  protected SQLException failure(Throwable e) {
    if (execution == null) {
      return Errors.translate(e, reads);
    }
    SQLException error = execution.explain(e);
    execution.fail(error);
    return error;
  }

  @Override
  public boolean next() throws SQLException {
    if (execution == null) {
      return super.next();
    }
    boolean more;
    RunningQuery outer = RunningQuery.enter(execution.query());
    try {
      more = super.next();
    } catch (SQLException | RuntimeException | Error e) {
      execution.end(); // a failed fetch ends the execution: its sources go back to their pools now
      throw e;
    } finally {
      RunningQuery.exit(outer);
    }
    if (more) {
      execution.rows++;
    } else {
      execution.finish();
    }
    return more;
  }

  @Override
  public void close() throws SQLException {
    try {
      super.close();
    } finally {
      if (execution != null) {
        execution.finish();
      }
    }
  }

  @Override
  public Statement getStatement() {
    return statement;
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    return new GuardedResultSetMetaData(super.getMetaData());
  }

  @Override
  public Object getObject(int columnIndex) throws SQLException {
    return GuardedArray.guard(super.getObject(columnIndex), statement);
  }

  @Override
  public Object getObject(String columnLabel) throws SQLException {
    return GuardedArray.guard(super.getObject(columnLabel), statement);
  }

  /** The engine has no user-defined types: an empty map reads as {@code getObject(column)}. */
  @Override
  public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
    return Jdbc42.getObject(this, columnIndex, map);
  }

  @Override
  public Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException {
    return Jdbc42.getObject(this, columnLabel, map);
  }

  /** JDBC 4.2 mappings, which the engine's result set lacks, through this result set's own getters. */
  @Override
  public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
    return GuardedArray.guard(Jdbc42.getObject(this, columnIndex, type), type, statement);
  }

  @Override
  public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
    return GuardedArray.guard(Jdbc42.getObject(this, columnLabel, type), type, statement);
  }

  @Override
  public Array getArray(int columnIndex) throws SQLException {
    return (Array) GuardedArray.guard(super.getArray(columnIndex), statement);
  }

  @Override
  public Array getArray(String columnLabel) throws SQLException {
    return (Array) GuardedArray.guard(super.getArray(columnLabel), statement);
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
