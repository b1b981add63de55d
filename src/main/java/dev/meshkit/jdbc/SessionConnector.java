package dev.meshkit.jdbc;

import dev.meshkit.Principal;
import dev.meshkit.engine.MeshRuntime;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens the JDBC connections of one loaded mesh: governed and audited ones for principals, and the
 * unrestricted one the mesh's own quality checks use, which is never handed to consumers.
 */
public final class SessionConnector {

  private final MeshRuntime mesh;
  private final EngineDriver engine;

  public SessionConnector(MeshRuntime mesh) {
    this.mesh = mesh;
    this.engine = new EngineDriver(mesh.plans());
  }

  /** A connection through which {@code principal} queries the mesh, audited statement by statement. */
  public Connection connect(Principal principal) throws SQLException {
    return new GuardedConnection(engine.connect(mesh.session(principal)), principal, mesh.audit(), mesh.maxQueryRows());
  }

  /** Every product with no policy applying and no audit: for the mesh's own quality checks only. */
  public Connection connectUnrestricted() throws SQLException {
    return engine.connect(mesh.systemSession());
  }
}
