package dev.meshkit.tpch;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs timed queries with a hard time limit. A driver may accept setQueryTimeout and cancel() and
 * still not stop (a planner stuck in join enumeration checks no cancel flag), so queries run on a
 * worker thread; one that outlives its limit and a grace period is abandoned together with its
 * connection, and the next query gets a fresh connection.
 */
final class TimedConnection implements AutoCloseable {

  /** Opens a connection; called again after one is abandoned. */
  interface Opener {
    Connection open() throws SQLException;
  }

  /** One execution with every row fetched, since a lazy engine does its work while rows are read. */
  record Run(long nanos, QueryResult result) {

    double ms() {
      return nanos / 1e6;
    }
  }

  private static final int GRACE_SECONDS = 5;

  private final Opener opener;
  private final ExecutorService worker = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "tpch-query");
    thread.setDaemon(true);
    return thread;
  });
  private Connection connection;
  private int abandoned;

  TimedConnection(Opener opener) throws SQLException {
    this.opener = opener;
    this.connection = opener.open();
  }

  /** How many queries were left running; their threads may still take CPU from later timings. */
  int abandoned() {
    return abandoned;
  }

  Run run(String sql, int timeoutSeconds) throws SQLException {
    Statement statement = connection.createStatement();
    try {
      statement.setQueryTimeout(timeoutSeconds);
    } catch (SQLFeatureNotSupportedException e) {
      // The hard limit below still applies.
    }
    Future<Run> run = worker.submit(() -> {
      long start = System.nanoTime();
      try (ResultSet rs = statement.executeQuery(sql)) {
        QueryResult result = QueryResult.of(rs);
        return new Run(System.nanoTime() - start, result);
      }
    });
    try {
      Run done = await(run, timeoutSeconds);
      statement.close();
      return done;
    } catch (TimeoutException e) {
      // Avatica's cancel() waits for the statement's lock, which a statement still planning holds.
      worker.submit(() -> cancelQuietly(statement));
      try {
        await(run, GRACE_SECONDS);
      } catch (TimeoutException | SQLException stillRunningOrCancelled) {
        // Decided below.
      }
      if (run.isDone()) {
        statement.close();
      } else {
        abandoned++;
        connection = opener.open();
      }
      throw new SQLTimeoutException("over " + timeoutSeconds + " s");
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  private static Run await(Future<Run> run, int seconds) throws TimeoutException, SQLException {
    try {
      return run.get(seconds, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void cancelQuietly(Statement statement) {
    try {
      statement.cancel();
    } catch (SQLException e) {
      // The grace period decides whether the query is abandoned.
    }
  }

  @Override
  public void close() throws SQLException {
    worker.shutdownNow();
    connection.close();
  }
}
