package dev.meshkit.jdbc;

import dev.meshkit.delegate.DelegatingResultSet;
import dev.meshkit.engine.PlanningScope;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A consumer's result set over the engine's: errors translated, and the rows of an audited
 * execution counted and reported once, when the last row is read or the result set closes.
 */
final class GuardedResultSet extends DelegatingResultSet {

  /** The consumer's statement; null for metadata, which came from no statement. */
  private final Statement statement;
  /** The execution to report; null when there is none to report (metadata). */
  private final Execution execution;
  /** What the statement reads, which names the products in its errors; empty for metadata. */
  private final List<PlanningScope.ProductRead> reads;
  private long rows;

  GuardedResultSet(ResultSet engine, Statement statement, Execution execution, List<PlanningScope.ProductRead> reads) {
    super(engine);
    this.statement = statement;
    this.execution = execution;
    this.reads = reads;
  }

  boolean wraps(ResultSet engine) {
    return delegate == engine;
  }

  List<PlanningScope.ProductRead> reads() {
    return reads;
  }

  @Override
  protected SQLException failure(Throwable e) {
    SQLException error = Errors.translate(e, reads);
    if (execution != null) {
      execution.fail(error);
    }
    return error;
  }

  @Override
  public boolean next() throws SQLException {
    boolean more = super.next();
    if (more) {
      rows++;
    } else if (execution != null) {
      execution.finish(rows);
    }
    return more;
  }

  @Override
  public void close() throws SQLException {
    super.close();
    if (execution != null) {
      execution.finish(rows);
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
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return GuardedConnection.unwrap(this, iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
