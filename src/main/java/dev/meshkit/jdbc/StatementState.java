package dev.meshkit.jdbc;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * One engine statement of a consumer's connection: whether it is closed, how many executions run
 * on it, and the execution whose result is open. That execution ends, and is audited with the rows
 * read so far, when the statement runs again, moves to its next result, or closes, whoever closes
 * it: the consumer, the connection, the mesh or the cleaner. Like {@link ConnectionState}, it
 * refers to none of the consumer's objects.
 */
final class StatementState {

  private final ConnectionState connection;
  /** The version of the mesh the statement was created on, which it keeps until it closes. */
  final ConnectionState.Link link;
  final Statement engine;
  private Execution open;
  private int running;
  private boolean closed;

  StatementState(ConnectionState connection, ConnectionState.Link link, Statement engine) {
    this.connection = connection;
    this.link = link;
    this.engine = engine;
  }

  /** Starts an execution, unless the statement is closed; the open result, which JDBC closes now, ends. */
  boolean start() {
    Execution ending;
    synchronized (this) {
      if (closed) {
        return false;
      }
      running++;
      ending = open;
      open = null;
    }
    end(ending);
    return true;
  }

  /**
   * Ends an execution, whose {@code result} (null if it has none) is open from now on: true when the
   * statement was closed meanwhile, and the result is not to be handed out.
   */
  synchronized boolean finished(Execution result) {
    running--;
    if (!closed) {
      open = result;
    }
    return closed;
  }

  /** True when no execution runs, so the engine's statement can close without dropping a result mid-opening. */
  synchronized boolean idle() {
    return running == 0;
  }

  /** The open result ends, as the statement moves to its next result. */
  void endOpen() {
    Execution ending;
    synchronized (this) {
      ending = open;
      open = null;
    }
    end(ending);
  }

  /**
   * Marks the statement closed and ends its open result: true when the caller is to close the
   * engine's statement now. Never under a running execution (say from another thread): Calcite would
   * drop the result set that execution is opening, and nothing would return its source connection
   * to the pool. The executing thread closes the statement once the engine returns.
   */
  boolean close() {
    connection.closed(this);
    Execution ending;
    boolean idle;
    synchronized (this) {
      closed = true;
      ending = open;
      open = null;
      idle = running == 0;
    }
    end(ending);
    return idle;
  }

  /** Closes the statement and, unless an execution still runs, the engine's statement. */
  void closeEngine() throws SQLException {
    if (close()) {
      engine.close();
    }
  }

  synchronized boolean closed() {
    return closed;
  }

  /** Outside the lock: reporting runs the audit sinks. */
  private static void end(Execution execution) {
    if (execution != null) {
      execution.finish();
    }
  }
}
