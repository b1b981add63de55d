package dev.meshkit.jdbc;

import dev.meshkit.delegate.DelegatingResultSet;
import dev.meshkit.source.RunningQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A consumer's result set over the engine's: errors translated, and the rows of an audited
 * execution counted and reported once, when the last row is read or the result set closes. Rows
 * are fetched as the execution's running query, which ends with the last row, the close, or a
 * failed fetch.
 */
final class GuardedResultSet extends DelegatingResultSet {

  /** The consumer's statement; null for metadata, which came from no statement. */
  private final Statement statement;
  /** The execution to report; null when there is none to report (metadata). */
  private final Execution execution;
  private long rows;

  GuardedResultSet(ResultSet engine, Statement statement, Execution execution) {
    super(engine);
    this.statement = statement;
    this.execution = execution;
  }

  boolean wraps(ResultSet engine) {
    return delegate == engine;
  }

  @Override
  protected SQLException failure(Throwable e) {
    if (execution == null) {
      return GuardedConnection.thrown(GuardedConnection.translate(e));
    }
    Throwable error = execution.explain(e);
    execution.fail(error);
    return GuardedConnection.thrown(error);
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
      rows++;
    } else {
      end();
    }
    return more;
  }

  @Override
  public void close() throws SQLException {
    try {
      super.close();
    } finally {
      end();
    }
  }

  /** Ends the execution (read to the end, closed, or superseded): reported with the rows read so far. */
  void end() {
    if (execution != null) {
      execution.finish(rows);
      execution.end();
    }
  }

  @Override
  public Statement getStatement() {
    return statement;
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
