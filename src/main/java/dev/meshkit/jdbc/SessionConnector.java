package dev.meshkit.jdbc;

import dev.meshkit.Principal;
import dev.meshkit.engine.MeshRuntime;
import dev.meshkit.engine.Session;
import dev.meshkit.model.Location;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens the JDBC connections of one loaded mesh: governed and audited ones for principals, and the
 * unrestricted one the mesh's own quality checks use, which is never handed to consumers. It keeps
 * what each governed connection holds open in the engine, to close it when the mesh closes.
 */
public final class SessionConnector implements AutoCloseable {

  private final MeshRuntime mesh;
  private final EngineDriver engine;
  private final Set<ConnectionState> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  public SessionConnector(MeshRuntime mesh) {
    this.mesh = mesh;
    this.engine = new EngineDriver(mesh.plans(), mesh.workers());
  }

  /**
   * A connection through which {@code principal} queries the mesh, audited statement by statement.
   *
   * @throws SQLException with SQLState 08003 once the mesh is closed
   */
  public Connection connect(Principal principal) throws SQLException {
    Connection connection = engine.connect(mesh.session(principal));
    ConnectionState state = new ConnectionState(connection, principal.name(), open);
    if (closed) {
      state.closeQuietly();
      throw new SQLException("the mesh is closed; load it again to connect", "08003");
    }
    return new GuardedConnection(connection, principal, mesh.audit(), state, mesh.maxQueryRows(), url());
  }

  /** The driver URL of the mesh's descriptor file, or null for a mesh no URL reaches (built in code). */
  private String url() {
    Location declared = mesh.model().location();
    if (declared.equals(Location.CODE)) {
      return null;
    }
    Path file = Path.of(declared.file()).toAbsolutePath().normalize();
    return Files.isRegularFile(file) ? MeshDriver.PREFIX + file : null;
  }

  /**
   * Every product with no policy applying and no audit: for the mesh's own quality checks only. Its
   * errors are the same sentences as a consumer's, since quality results show them in the catalog.
   */
  public Connection connectUnrestricted() throws SQLException {
    Session system = mesh.systemSession();
    Connection connection = engine.connect(system);
    return new GuardedConnection(connection, system.principal(), null,
        new ConnectionState(connection, system.principal().name(), open), mesh.maxQueryRows(), url());
  }

  /**
   * Closes every governed connection still open, before the mesh's sources and audit sinks close:
   * their open results are audited with the rows read so far, and their source connections return.
   */
  @Override
  public void close() {
    closed = true;
    for (ConnectionState state : open) {
      state.closeQuietly();
    }
  }
}
