package dev.meshkit.jdbc;

import dev.meshkit.Principal;
import dev.meshkit.engine.MeshRuntime;
import dev.meshkit.engine.Session;
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
    return new GuardedConnection(engine.connect(mesh.session(principal)), principal, mesh.audit());
  }

  /**
   * Every product with no policy applying and no audit: for the mesh's own quality checks only. Its
   * errors are the same sentences as a consumer's, since quality results show them in the catalog.
   */
  public Connection connectUnrestricted() throws SQLException {
    Session system = mesh.systemSession();
    return new GuardedConnection(engine.connect(system), system.principal(), null);
  }
}
