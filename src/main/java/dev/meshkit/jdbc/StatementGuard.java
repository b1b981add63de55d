package dev.meshkit.jdbc;

import dev.meshkit.delegate.DelegatingStatement.Call;
import dev.meshkit.engine.MeshPrepare;
import dev.meshkit.engine.PlanningScope;
import dev.meshkit.source.RunningQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;

/**
 * What a consumer's statement, plain or prepared, adds to the engine's: each execution audited and
 * run as a query that can be cancelled or time out, its rows counted, deprecation warnings, and
 * closing that waits for executions in flight.
 */
final class StatementGuard {

  private final GuardedConnection connection;
  /** The consumer's statement, which its result sets return from getStatement. */
  private final Statement statement;
  private final Statement engine;
  private final String preparedSql;
  /** What a prepared statement reads, known when it was prepared; null for a plain statement. */
  private final List<PlanningScope.ProductRead> preparedReads;
  private final List<String> preparedWarnings;
  /** Deprecation warnings of the last execution (or of the preparation), ahead of the engine's own. */
  private volatile List<String> warnings;
  /** An execution whose rows come through the next result set handed out. */
  private Execution pending;
  /** The latest execution, for {@link #cancel} from another thread. */
  private volatile Execution active;
  private volatile int queryTimeout;
  /** The last result set handed out, handed out again while the engine returns the same one. */
  private volatile GuardedResultSet current;
  private int running;
  private boolean closed;

  StatementGuard(GuardedConnection connection, Statement statement, Statement engine, String preparedSql,
      List<PlanningScope.ProductRead> preparedReads) {
    this.connection = connection;
    this.statement = statement;
    this.engine = engine;
    this.preparedSql = preparedSql;
    this.preparedReads = preparedReads;
    this.preparedWarnings = preparedReads == null ? null : warnings(preparedReads);
    this.warnings = preparedWarnings == null ? List.of() : preparedWarnings;
  }

  GuardedConnection connection() {
    return connection;
  }

  /**
   * Runs one execution of the engine's statement, as the query the sources and operators check;
   * {@code sql} is null for a prepared statement's own execution or a batch.
   */
  <T> T execute(String sql, Call<T> call) throws SQLException {
    if (!start()) {
      throw new SQLException("the statement is closed", "HY010");
    }
    String text = sql != null ? sql : preparedSql;
    warnings = List.of();
    // Executing again closes the previous result set; its execution ends now.
    GuardedResultSet previous = current;
    if (previous != null) {
      previous.end();
    }
    if (pending != null) {
      pending.end(); // executed, but its result set was never asked for
      pending = null;
    }
    Execution execution = new Execution(connection.principal, connection.audit, text, preparedReads, queryTimeout,
        connection.maxQueryRows);
    active = execution;
    T result;
    RunningQuery outer = RunningQuery.enter(execution.query());
    try {
      result = call.run();
    } catch (Throwable e) {
      Throwable error = execution.explain(e);
      if (end()) {
        engine.close();
      }
      execution.reads(reads());
      execution.fail(error);
      execution.end();
      throw GuardedConnection.thrown(error);
    } finally {
      RunningQuery.exit(outer);
    }
    List<PlanningScope.ProductRead> reads = reads();
    execution.reads(reads);
    warnings = preparedReads != null ? preparedWarnings : warnings(reads);
    if (end()) {
      engine.close(); // closes the result set this execution opened
      SQLException closedMeanwhile = new SQLException("the statement was closed while it executed", "HY008");
      execution.fail(closedMeanwhile);
      execution.end();
      throw closedMeanwhile;
    }
    if (result instanceof ResultSet || Boolean.TRUE.equals(result)) {
      pending = execution; // reported by the result set handed out next, which counts the rows
    } else {
      execution.finish(0);
      execution.end();
    }
    return result;
  }

  private List<PlanningScope.ProductRead> reads() {
    return preparedReads != null ? preparedReads : MeshPrepare.takeReads();
  }

  /** Stops the execution in progress, if any, with its sources' statements; JDBC's {@code cancel}. */
  void cancel() throws SQLException {
    if (closed()) {
      throw new SQLException("the statement is closed", "HY010");
    }
    Execution execution = active;
    if (execution != null) {
      execution.cancel();
    }
  }

  int queryTimeout() {
    return queryTimeout;
  }

  /**
   * Bounds each execution, from its start until its last row is read or its result set closes: past
   * it the execution is cancelled as by {@link #cancel}. The engine does not see it, so sources get
   * no timeout of their own but are cancelled with the rest.
   */
  void queryTimeout(int seconds) throws SQLException {
    if (seconds < 0) {
      throw new SQLException("the query timeout cannot be negative: " + seconds, "22023");
    }
    queryTimeout = seconds;
  }

  /** The consumer's result set for one of the engine's. */
  ResultSet resultSet(ResultSet engineResultSet) {
    Execution execution = pending;
    pending = null;
    if (execution != null || current == null || !current.wraps(engineResultSet)) {
      current = new GuardedResultSet(engineResultSet, statement, execution);
    }
    return current;
  }

  SQLWarning warnings(SQLWarning engineWarnings) {
    return chain(warnings, engineWarnings);
  }

  void clearWarnings() {
    warnings = List.of();
  }

  /**
   * Marks the statement closed: true when the caller is to close the engine's statement now. Never
   * under a running execution (say from another thread): Calcite would drop the result set that
   * execution is opening, and nothing would return its source connection to the pool. The executing
   * thread closes the statement once the engine returns.
   */
  boolean close() {
    connection.closed(statement);
    synchronized (this) {
      closed = true;
      if (running > 0) {
        return false;
      }
    }
    GuardedResultSet last = current;
    if (last != null) {
      last.end();
    }
    return true;
  }

  synchronized boolean closed() {
    return closed;
  }

  /** Starts an execution, unless the statement is closed. */
  private synchronized boolean start() {
    if (!closed) {
      running++;
    }
    return !closed;
  }

  /** Ends an execution: true when the statement was closed during it and the caller is to close it now. */
  private synchronized boolean end() {
    return --running == 0 && closed;
  }

  /** The warnings a statement carries for what it reads. */
  private static List<String> warnings(List<PlanningScope.ProductRead> reads) {
    return reads.stream().map(PlanningScope.ProductRead::warning).filter(Objects::nonNull).toList();
  }

  /** A fresh chain on every call, so that callers cannot link the engine's warnings into ours twice. */
  private static SQLWarning chain(List<String> messages, SQLWarning engine) {
    SQLWarning first = null;
    for (String message : messages) {
      SQLWarning warning = new SQLWarning(message, "01000");
      if (first == null) {
        first = warning;
      } else {
        first.setNextWarning(warning);
      }
    }
    if (first == null) {
      return engine;
    }
    if (engine != null) {
      first.setNextWarning(engine);
    }
    return first;
  }
}
