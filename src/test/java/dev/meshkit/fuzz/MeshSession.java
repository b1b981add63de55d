package dev.meshkit.fuzz;

import dev.meshkit.fuzz.Ast.Lit;
import dev.meshkit.fuzz.Outcome.Failure;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The fuzzer's connection through the mesh. After every failure it checks that the connection still
 * answers a simple query, and reconnects (reporting it) when not.
 */
final class MeshSession implements AutoCloseable {

  private final FuzzWorld world;
  private final DriverLog log;
  private final String probe;
  private Connection connection;

  MeshSession(FuzzWorld world, DriverLog log) throws SQLException {
    this.world = world;
    this.log = log;
    this.probe = "SELECT COUNT(*) FROM " + world.tables.get(0).qualified();
    this.connection = world.connect();
  }

  Outcome run(String sql, List<Lit> params) {
    log.take();
    Outcome outcome = Outcome.run(connection, sql, params);
    if (outcome.ok()) {
      return outcome;
    }
    Failure failure = outcome.failure().withCause(log.take());
    if (!Outcome.run(connection, probe).ok()) {
      failure = failure.broken();
      reconnect();
    }
    return Outcome.failed(failure);
  }

  private void reconnect() {
    try {
      connection.close();
    } catch (SQLException | RuntimeException e) {
      // already unusable; the new connection is what matters
    }
    try {
      connection = world.connect();
    } catch (SQLException e) {
      throw new IllegalStateException("the mesh refuses new connections after a failed statement", e);
    }
  }

  /** The connection itself, for statements the oracles do not judge (EXPLAIN). */
  Connection connection() {
    return connection;
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
