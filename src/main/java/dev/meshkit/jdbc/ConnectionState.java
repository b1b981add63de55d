package dev.meshkit.jdbc;

import java.lang.ref.Cleaner;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one consumer connection holds open in the engine: the engine's connection and its open
 * statements, each with the execution whose result is still open. It refers to none of the
 * consumer's objects, so that a connection dropped without being closed becomes unreachable and
 * the cleaner closes it here ({@link #run}); the mesh closes those still open when it closes. Either
 * way every open execution is audited with the rows read until then, and every engine statement
 * closes, which returns its source connections to their pools.
 */
final class ConnectionState implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionState.class);

  /** One thread for the whole library, named for thread dumps. */
  static final Cleaner CLEANER = Cleaner.create(task -> {
    Thread thread = new Thread(task, "meshkit-cleaner");
    thread.setDaemon(true);
    return thread;
  });

  private final Connection engine;
  private final String principal;
  /** The connector's open connections, which this one leaves when it closes. */
  private final Set<ConnectionState> registry;
  private final Set<StatementState> statements = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closed = new AtomicBoolean();

  ConnectionState(Connection engine, String principal, Set<ConnectionState> registry) {
    this.engine = engine;
    this.principal = principal;
    this.registry = registry;
    registry.add(this);
  }

  /** Tracks a statement the engine's connection just created. */
  StatementState opened(Statement engineStatement) {
    StatementState statement = new StatementState(this, engineStatement);
    statements.add(statement);
    return statement;
  }

  void closed(StatementState statement) {
    statements.remove(statement);
  }

  /**
   * Closes every open statement, which ends its open execution, then the engine's connection
   * (Calcite's closes none of its statements itself). Tries them all and throws the first failure.
   */
  void close() throws SQLException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    registry.remove(this);
    SQLException failed = null;
    for (StatementState statement : statements) {
      try {
        statement.closeEngine();
      } catch (SQLException e) {
        failed = first(failed, e);
      }
    }
    try {
      engine.close();
    } catch (SQLException e) {
      failed = first(failed, e);
    }
    if (failed != null) {
      throw failed;
    }
  }

  /** The cleaner's close, for a connection the consumer dropped without closing it. */
  @Override
  public void run() {
    if (!closed.get()) {
      LOG.warn("a connection of '{}' was dropped without being closed; meshkit closed it and audited its open results",
          principal);
      closeQuietly();
    }
  }

  /** Closes without throwing: for the cleaner and for the mesh closing. */
  void closeQuietly() {
    try {
      close();
    } catch (SQLException | RuntimeException e) {
      LOG.debug("closing a connection of '{}' failed: {}", principal, e.getMessage());
    }
  }

  private static SQLException first(SQLException failed, SQLException e) {
    if (failed == null) {
      return e;
    }
    failed.addSuppressed(e);
    return failed;
  }
}
