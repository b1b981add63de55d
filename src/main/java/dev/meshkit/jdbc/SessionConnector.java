package dev.meshkit.jdbc;

import dev.meshkit.Principal;
import dev.meshkit.engine.MeshRuntime;
import dev.meshkit.model.Location;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the JDBC connections of one mesh: governed and audited ones for principals, and the
 * unrestricted one the mesh's own quality checks use, which is never handed to consumers. It keeps
 * what each governed connection holds open in the engine, to close it when the mesh closes, and
 * moves connections to a new version of the mesh ({@link #switchTo}) statement by statement.
 */
public final class SessionConnector implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SessionConnector.class);

  private final Consumer<MeshRuntime> retired;
  private volatile Binding current;
  private final Set<ConnectionState> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /**
   * @param retired told of a version once it is replaced and its last statement has ended, to close
   *     what the newer versions do not use
   */
  public SessionConnector(MeshRuntime mesh, Consumer<MeshRuntime> retired) {
    this.retired = retired;
    this.current = new Binding(mesh, () -> retired.accept(mesh));
  }

  /**
   * Makes {@code next} the version new statements start on. Statements running, and those created
   * before, finish on the version they started with; connections with no open statement move now,
   * so the old version is released as soon as its last statement ends.
   */
  public void switchTo(MeshRuntime next) {
    Binding old = current;
    current = new Binding(next, () -> retired.accept(next));
    for (ConnectionState state : open) {
      try {
        state.rebindIfStale();
      } catch (SQLException | RuntimeException e) {
        // It moves at its next statement instead.
        LOG.debug("a connection did not move to the new version of mesh {} yet: {}", next.model().name(),
            e.getMessage());
      }
    }
    old.release();
  }

  /** The version new statements start on. */
  public MeshRuntime current() {
    return current.runtime;
  }

  /**
   * A connection through which {@code principal} queries the mesh, audited statement by statement.
   *
   * @throws SQLException with SQLState 08003 once the mesh is closed
   */
  public Connection connect(Principal principal) throws SQLException {
    if (closed) {
      throw new SQLException("the mesh is closed; load it again to connect", "08003");
    }
    ConnectionState state = new ConnectionState(principal.name(),
        binding -> binding.driver.connect(binding.runtime.session(principal)), () -> current, open);
    if (closed) {
      state.closeQuietly();
      throw new SQLException("the mesh is closed; load it again to connect", "08003");
    }
    MeshRuntime mesh = current.runtime;
    return new GuardedConnection(principal, mesh.audit(), state, mesh.maxQueryRows(), url(mesh));
  }

  /** The driver URL of the mesh's descriptor file, or null for a mesh no URL reaches (built in code). */
  private static String url(MeshRuntime mesh) {
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
  /**
   * An unrestricted connection to {@code candidate}, a version not serving yet, whose quality checks
   * a change runs before it may serve; closing the connection leaves the version open.
   */
  public Connection connectUnrestricted(MeshRuntime candidate) throws SQLException {
    Binding binding = new Binding(candidate, () -> { });
    Principal system = candidate.systemSession().principal();
    ConnectionState state = new ConnectionState(system.name(),
        b -> b.driver.connect(b.runtime.systemSession()), () -> binding, open);
    return new GuardedConnection(system, null, state, candidate.maxQueryRows(), url(candidate));
  }

  public Connection connectUnrestricted() throws SQLException {
    Principal system = current.runtime.systemSession().principal();
    ConnectionState state = new ConnectionState(system.name(),
        binding -> binding.driver.connect(binding.runtime.systemSession()), () -> current, open);
    MeshRuntime mesh = current.runtime;
    return new GuardedConnection(system, null, state, mesh.maxQueryRows(), url(mesh));
  }

  /**
   * Closes every governed connection still open, before the mesh's sources and audit sinks close:
   * their open results are audited with the rows read so far, and their source connections return.
   * The current version is released last.
   */
  @Override
  public void close() {
    closed = true;
    for (ConnectionState state : open) {
      state.closeQuietly();
    }
    current.release();
  }
}
