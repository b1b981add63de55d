package dev.meshkit.source.jdbc;

import dev.meshkit.delegate.DelegatingConnection;
import dev.meshkit.source.PlannedStatements;
import dev.meshkit.source.RunningQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One statement's view of a pooled source connection, as Calcite's generated code opens and closes
 * it. Its statements get the source's fetch size and report what they read. Where the driver keeps
 * several result sets of one connection open at once, the statements of one query on one source
 * share one pooled connection (a {@link Lease}), which goes back to the pool when the last of
 * them closes. As the work of a running query it cancels its statements when the query stops, and
 * is closed when the query ends, should the engine not have closed it.
 */
final class SourceConnection extends DelegatingConnection implements RunningQuery.Work {

  /**
   * A pooled connection and the open views on it; it goes back to the pool when the last view closes.
   * Where the pool hands connections out with autocommit off, so that results stream (PostgreSQL), a
   * statement that returns at most one row on a lease of its own runs with autocommit on instead:
   * nothing streams, and no transaction is left for the pool to roll back, which costs a round trip.
   */
  static final class Lease {
    private final Connection pooled;
    /** Whether the pool hands the connection out with autocommit off. */
    private final boolean transactional;
    /** Open views, the first one included; back in the pool at 0. */
    private int views = 1;
    /** Autocommit switched on for single-row statements; the pool switches it back. */
    private boolean autoCommit;
    /** A statement ran in a transaction, which only the pool's rollback ends. */
    private boolean inTransaction;

    Lease(Connection pooled, boolean transactional) {
      this.pooled = pooled;
      this.transactional = transactional;
    }

    /**
     * Readies the connection for a statement: autocommit on for a single-row statement while this is
     * the lease's only view and nothing ran in a transaction, off (a transaction, so that results
     * stream) for any other statement. A single-row statement's result, read whole when it ran with
     * autocommit on, stays readable when a later statement turns it off.
     */
    private synchronized void ready(boolean singleRow) throws SQLException {
      if (!transactional) {
        return;
      }
      if (!singleRow) {
        inTransaction = true;
        if (autoCommit) {
          pooled.setAutoCommit(false);
          autoCommit = false;
        }
      } else if (!autoCommit && !inTransaction && views == 1) {
        pooled.setAutoCommit(true);
        autoCommit = true;
      }
    }

    /** Adds a view, unless the connection went back to the pool meanwhile. */
    private synchronized boolean join() {
      if (views == 0) {
        return false;
      }
      views++;
      return true;
    }

    private synchronized void close() throws SQLException {
      if (--views == 0) {
        pooled.close();
      }
    }
  }

  final SourceDataSource dataSource;
  private final Lease lease;
  /** This view's statements, for cancelling them from another thread and closing them with it. */
  private final List<Statement> statements = new CopyOnWriteArrayList<>();
  /** Set once by whichever thread closes the view first: the engine's, or one ending the query. */
  private final AtomicBoolean closed = new AtomicBoolean();

  SourceConnection(Lease lease, SourceDataSource dataSource) {
    super(lease.pooled);
    this.lease = lease;
    this.dataSource = dataSource;
  }

  /** Another view on the same pooled connection, for another statement of the same query; null once it went back. */
  SourceConnection share() {
    return lease.join() ? new SourceConnection(lease, dataSource) : null;
  }

  @Override
  protected SQLException failure(Throwable e) {
    return dataSource.failed(e);
  }

  @Override
  public void cancel() {
    for (Statement statement : statements) {
      try {
        statement.cancel();
      } catch (SQLException | RuntimeException e) {
        // Closed already, or a driver without cancel: the query's own checks still stop it.
      }
    }
  }

  /** Closes this view's statements and, with the last view, gives the pooled connection back. */
  @Override
  public void close() throws SQLException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    Throwable failed = null;
    for (Statement statement : statements) {
      try {
        statement.close();
      } catch (SQLException | RuntimeException e) {
        failed = e;
      }
    }
    try {
      lease.close(); // whatever the statements did: the pool gets its connection back
    } catch (SQLException | RuntimeException e) {
      failed = e;
    }
    if (failed != null) {
      throw failure(failed);
    }
  }

  @Override
  public boolean isClosed() throws SQLException {
    return closed.get() || super.isClosed();
  }

  @Override
  public void release() {
    try {
      close();
    } catch (SQLException e) {
      // The pool evicts a connection it cannot take back; nothing is left to return.
    }
  }

  @Override
  public boolean ended() {
    try {
      return isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  @Override
  public Statement createStatement() throws SQLException {
    return statement(super.createStatement());
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency) throws SQLException {
    return statement(super.createStatement(resultSetType, resultSetConcurrency));
  }

  @Override
  public Statement createStatement(int resultSetType, int resultSetConcurrency, int resultSetHoldability)
      throws SQLException {
    return statement(super.createStatement(resultSetType, resultSetConcurrency, resultSetHoldability));
  }

  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    return prepared(super.prepareStatement(sql), sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
    return prepared(super.prepareStatement(sql, autoGeneratedKeys), sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
    return prepared(super.prepareStatement(sql, columnIndexes), sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
    return prepared(super.prepareStatement(sql, columnNames), sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency)
      throws SQLException {
    return prepared(super.prepareStatement(sql, resultSetType, resultSetConcurrency), sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) throws SQLException {
    return prepared(super.prepareStatement(sql, resultSetType, resultSetConcurrency, resultSetHoldability), sql);
  }

  private Statement statement(Statement statement) throws SQLException {
    statements.add(statement);
    fetchSize(statement);
    return new SourceStatement(statement, this, dataSource);
  }

  private PreparedStatement prepared(PreparedStatement statement, String sql) throws SQLException {
    statements.add(statement);
    fetchSize(statement);
    PlannedStatements.Facts planned = PlannedStatements.of(sql);
    ready(sql, planned);
    return new SourcePreparedStatement(statement, sql, planned, this, dataSource);
  }

  /** Readies the pooled connection for running {@code sql}, which the planner may have written. */
  void ready(String sql, PlannedStatements.Facts planned) throws SQLException {
    try {
      lease.ready(planned != null && planned.singleRow());
    } catch (SQLException | RuntimeException e) {
      throw failure(e);
    }
  }

  private void fetchSize(Statement statement) throws SQLException {
    try {
      dataSource.fetchSize(statement);
    } catch (SQLException | RuntimeException e) {
      throw failure(e);
    }
  }
}
