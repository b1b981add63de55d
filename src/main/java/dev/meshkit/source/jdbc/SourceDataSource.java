package dev.meshkit.source.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.meshkit.SourceListener;
import dev.meshkit.source.ParallelStatement;
import dev.meshkit.source.QueryStoppedException;
import dev.meshkit.source.RunningQuery;
import dev.meshkit.source.SourceFailedException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The data source that generated code reads through. Calcite's JDBC adapter never sets a fetch
 * size, so every statement gets the source's here (without it PostgreSQL and MariaDB materialize
 * whole results); and, when the mesh has a listener, every result set reports its SQL and row
 * count to it. The connection, statements and result sets are plain delegates (see
 * {@link DelegatingConnection}): every row Calcite reads passes them. Whatever the driver throws
 * leaves them as a {@link SourceFailedException}, which names the source and quotes nothing. Each
 * connection is registered with the running query, which cancels its statements when the query
 * stops and returns it to the pool when the query ends.
 *
 * <p>A query never waits for a connection that it holds itself. Generated code opens a connection
 * per source statement and keeps several open at once (the outer rows stream while a scalar
 * sub-query or a nested loop's right input is read), so a query with more such statements than the
 * pool has connections would wait on itself until the pool's timeout. Where the driver keeps several
 * result sets of one connection open at once ({@code sharesConnections}: H2, PostgreSQL), the
 * statements of one query on this source share the one pooled connection it holds. Elsewhere
 * (MariaDB's driver would read the rest of a streaming result into memory first) each statement
 * takes a connection, and the one the pool cannot give because the query holds them all fails
 * at once, SQLState 53300 (PostgreSQL's too_many_connections: insufficient resources, raise the pool).
 *
 * <p>A {@link ParallelStatement}, which the engine runs on a worker thread beside the query's
 * others, gets a connection of its own, and only one the query can spare: the pool must have one
 * idle or unopened now, and the query keeps enough for its other statements (one where they share
 * a connection; half the pool where each takes its own). Otherwise the statement runs with the others.
 */
final class SourceDataSource implements DataSource {

  private final DataSource pool;
  private final int poolSize;
  private final boolean sharesConnections;
  /** Whether the pool hands connections out with autocommit off, so that results stream. */
  private final boolean transactional;
  private final int fetchSize;
  private final String domain;
  private final String source;
  private final SourceListener listener;

  SourceDataSource(DataSource pool, int poolSize, boolean sharesConnections, boolean transactional, int fetchSize,
      String domain, String source, SourceListener listener) {
    this.pool = pool;
    this.poolSize = poolSize;
    this.sharesConnections = sharesConnections;
    this.transactional = transactional;
    this.fetchSize = fetchSize;
    this.domain = domain;
    this.source = source;
    this.listener = listener;
  }

  @Override
  public Connection getConnection() throws SQLException {
    RunningQuery query = RunningQuery.current();
    if (query != null) {
      query.check();
      ParallelStatement parallel = ParallelStatement.current();
      if (parallel != null) {
        return apart(query, parallel);
      }
      RunningQuery.Work held = sharesConnections
          ? query.find(work -> work instanceof SourceConnection c && c.dataSource == this) : null;
      SourceConnection view = held == null ? null : ((SourceConnection) held).share();
      if (view != null) {
        query.started(view);
        return view;
      }
      if (!sharesConnections && shared(query) + apart(query) >= poolSize) {
        query.stop(new QueryStoppedException("the query needs more connections of source '" + source
            + "' of domain '" + domain + "' at once than its pool holds (maximumPoolSize " + poolSize + "); raise"
            + " the pool's maximumPoolSize or simplify the query", "53300"));
        query.check();
      }
    }
    try {
      SourceConnection connection = new SourceConnection(new SourceConnection.Lease(pool.getConnection(), transactional), this);
      if (query != null) {
        query.started(connection);
      }
      return connection;
    } catch (QueryStoppedException stopped) {
      throw stopped;
    } catch (Throwable e) {
      throw SourceFailedException.unreachable(domain, source, e);
    }
  }

  /** A connection of its own for a parallel statement, if the query can spare one now. */
  private Connection apart(RunningQuery query, ParallelStatement parallel) {
    synchronized (query) { // the query's workers count and take one at a time
      return take(query, parallel);
    }
  }

  private Connection take(RunningQuery query, ParallelStatement parallel) {
    int apart = apart(query);
    boolean spare = sharesConnections
        ? apart + 2 <= poolSize // one for the query's shared connection, held or to come
        : apart + 1 <= poolSize / 2 && shared(query) + apart + 2 <= poolSize;
    if (!spare || !(pool instanceof HikariDataSource hikari)) {
      throw new ParallelStatement.NoConnection();
    }
    HikariPoolMXBean state = hikari.getHikariPoolMXBean();
    if (state == null || state.getIdleConnections() == 0 && state.getTotalConnections() >= poolSize) {
      throw new ParallelStatement.NoConnection(); // taking one would wait for another query's, or this one's
    }
    SourceConnection connection;
    try {
      connection = new SourceConnection(new SourceConnection.Lease(pool.getConnection(), transactional), this);
    } catch (SQLException | RuntimeException e) {
      throw new ParallelStatement.NoConnection(); // the statement runs with the others, which report what fails
    }
    if (!parallel.claim(connection)) {
      connection.release();
      throw new ParallelStatement.NoConnection();
    }
    return connection;
  }

  /** The query's connections of this source for its statements on its own thread. */
  private int shared(RunningQuery query) {
    return query.running(work -> work instanceof SourceConnection c && c.dataSource == this);
  }

  /** The query's connections of this source for its parallel statements. */
  private int apart(RunningQuery query) {
    return query.running(work -> work instanceof ParallelStatement p
        && p.connection() instanceof SourceConnection c && c.dataSource == this);
  }

  /** What a statement reports for a driver's failure: the source and an SQLState, none of the driver's text. */
  SQLException failed(Throwable driverError) {
    if (driverError instanceof SQLFeatureNotSupportedException unsupported) {
      return unsupported; // Calcite catches this type (a driver without query timeouts) and carries on
    }
    return SourceFailedException.of(domain, source, driverError);
  }

  @Override
  public Connection getConnection(String user, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("source credentials come from the descriptor");
  }

  /** Sets the source's fetch size on a statement the pool opened. */
  void fetchSize(Statement statement) throws SQLException {
    if (fetchSize > 0) {
      statement.setFetchSize(fetchSize);
    }
  }

  /**
   * The result set to hand Calcite: always wrapped, since rows can fail long after the statement
   * started (a division by zero in row 10,000), and counted for the listener.
   */
  ResultSet resultSet(ResultSet resultSet, String sql, Statement statement) {
    return new SourceResultSet(resultSet, this, sql, statement);
  }

  void executed(String sql, long rows) {
    listener.executed(domain, source, sql, rows);
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return pool.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    pool.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    pool.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return pool.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return pool.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    return pool.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || pool.isWrapperFor(iface);
  }
}
