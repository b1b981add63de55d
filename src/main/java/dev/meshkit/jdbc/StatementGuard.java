package dev.meshkit.jdbc;

import dev.meshkit.delegate.DelegatingStatement.Call;
import dev.meshkit.engine.MeshPrepare;
import dev.meshkit.engine.PlanningScope;
import dev.meshkit.source.RunningQuery;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a consumer's statement, plain or prepared, adds to the engine's: each execution audited and
 * run as a query that can be cancelled or time out, its rows counted, updates and batches refused, deprecation warnings, and closing that waits for
 * executions in flight. Its life in the engine is a {@link StatementState}, which the connection
 * closes with it.
 */
final class StatementGuard {

  private final GuardedConnection connection;
  /** The consumer's statement, which its result sets return from getStatement. */
  private final Statement statement;
  private final Statement engine;
  private final StatementState state;
  private final String preparedSql;
  /** What a prepared statement reads, known when it was prepared; null for a plain statement. */
  private final List<PlanningScope.ProductRead> preparedReads;
  /** The same with the parts of its audit events, made once for all its executions. */
  private final Execution.Reads preparedAudit;
  private final List<String> preparedWarnings;
  /** A plain statement's batch as the consumer wrote it, for the audit of its refusal. */
  private final List<String> batch = new ArrayList<>();
  /** Deprecation warnings of the last execution (or of the preparation), ahead of the engine's own. */
  private volatile List<String> warnings;
  /** An execution whose rows come through the next result set handed out. */
  private Execution pending;
  /** The last result set handed out, handed out again while the engine returns the same one. */
  private GuardedResultSet current;
  /** Moved past the result: no result set until the next execution, though the engine keeps its closed one. */
  private boolean moved;
  /** The latest execution, for {@link #cancel} from another thread. */
  private volatile Execution active;
  private volatile int queryTimeout;

  StatementGuard(GuardedConnection connection, Statement statement, StatementState state, String preparedSql,
      List<PlanningScope.ProductRead> preparedReads) {
    this.connection = connection;
    this.statement = statement;
    this.engine = state.engine;
    this.state = state;
    this.preparedSql = preparedSql;
    this.preparedReads = preparedReads;
    this.preparedAudit = Execution.Reads.of(preparedReads);
    this.preparedWarnings = preparedReads == null ? null : warnings(preparedReads);
    this.warnings = preparedWarnings == null ? List.of() : preparedWarnings;
  }

  GuardedConnection connection() {
    return connection;
  }

  /**
   * Runs one execution of the engine's statement, as the query the sources and operators check;
   * {@code sql} is null for a prepared statement's own execution.
   */
  <T> T execute(String sql, Call<T> call) throws SQLException {
    if (!state.start()) {
      throw statementClosed();
    }
    pending = null;
    moved = false;
    String text = sql != null ? sql : preparedSql;
    warnings = List.of();
    Execution execution = new Execution(connection.principal, connection.audit, text, preparedAudit, queryTimeout,
        connection.maxQueryRows);
    active = execution;
    T result;
    RunningQuery outer = RunningQuery.enter(execution.query());
    try {
      result = call.run();
    } catch (Throwable e) {
      execution.reads(reads());
      SQLException error = execution.explain(e);
      if (state.finished(null) && state.idle()) {
        engine.close();
      }
      execution.fail(error);
      execution.end();
      throw error;
    } finally {
      RunningQuery.exit(outer);
    }
    List<PlanningScope.ProductRead> reads = reads();
    execution.reads(reads);
    warnings = preparedReads != null ? preparedWarnings : warnings(reads);
    boolean opens = result instanceof ResultSet || Boolean.TRUE.equals(result);
    if (state.finished(opens ? execution : null)) {
      if (state.idle()) {
        engine.close(); // closes the result set this execution opened
      }
      SQLException closedMeanwhile = new SQLException("the statement was closed while it executed", "HY008");
      execution.fail(closedMeanwhile);
      execution.end();
      throw closedMeanwhile;
    }
    if (opens) {
      pending = execution; // reported by the result set handed out next, which counts the rows
    } else {
      execution.finish();
    }
    return result;
  }

  /**
   * Refuses an update or a batch before the engine sees it, audited as DENIED: the mesh only reads,
   * and a JDBC batch holds updates. {@code sql} is null for a prepared statement's own or a batch.
   */
  <T> T refuse(String sql) throws SQLException {
    if (state.closed()) {
      throw statementClosed();
    }
    String text = sql != null ? sql : preparedSql != null ? preparedSql : String.join(";\n", batch);
    batch.clear();
    SQLException refusal = new SQLException("meshkit is read-only: executeUpdate and executeBatch are refused;"
        + " run queries with executeQuery or execute, and change data in the domain's own source", "42501");
    Execution.notRun(connection.principal, connection.audit, text, List.of()).refuse(refusal);
    throw refusal;
  }

  void addBatch(String sql) throws SQLException {
    if (state.closed()) {
      throw statementClosed();
    }
    batch.add(sql);
  }

  void clearBatch() {
    batch.clear();
  }

  /** Moves past the open result, unless the consumer keeps it: its execution ends with the rows read. */
  void moreResults(int mode) {
    if (mode != Statement.KEEP_CURRENT_RESULT) {
      pending = null;
      moved = true;
      state.endOpen();
    }
  }

  /** Stops the execution in progress, if any, with its sources' statements; JDBC's {@code cancel}. */
  void cancel() throws SQLException {
    if (state.closed()) {
      throw statementClosed();
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

  private List<PlanningScope.ProductRead> reads() {
    return preparedReads != null ? preparedReads : MeshPrepare.takeReads();
  }

  /** The consumer's result set for one of the engine's. */
  ResultSet resultSet(ResultSet engineResultSet) {
    if (moved) {
      return null;
    }
    Execution execution = pending;
    pending = null;
    if (execution != null || current == null || !current.wraps(engineResultSet)) {
      current = new GuardedResultSet(engineResultSet, statement, execution,
          execution != null ? execution.reads() : current != null ? current.reads() : List.of());
    }
    return current;
  }

  SQLWarning warnings(SQLWarning engineWarnings) {
    return chain(warnings, engineWarnings);
  }

  void clearWarnings() {
    warnings = List.of();
  }

  /** Marks the statement closed: true when the caller is to close the engine's statement now. */
  boolean close() {
    return state.close();
  }

  boolean closed() {
    return state.closed();
  }

  private static SQLException statementClosed() {
    return new SQLException("the statement is closed", "HY010");
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
