package dev.meshkit.jdbc;

import dev.meshkit.Mesh;
import dev.meshkit.MeshException;
import dev.meshkit.Principal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The JDBC driver: {@code jdbc:meshkit:<path to descriptor>}, with the property {@code user}
 * naming a principal declared in the descriptor. Every connection to the same descriptor shares
 * one loaded mesh, so connecting does not reload, reconnect or revalidate anything.
 */
public final class MeshDriver implements Driver {

  public static final String PREFIX = "jdbc:meshkit:";
  private static final String REMOTE_PREFIX = "jdbc:meshkit:remote:";

  private static final Map<Path, Mesh> MESHES = new ConcurrentHashMap<>();

  static {
    try {
      DriverManager.registerDriver(new MeshDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Path descriptor = Path.of(url.substring(PREFIX.length()).trim()).toAbsolutePath().normalize();
    Mesh mesh;
    try {
      mesh = MESHES.computeIfAbsent(descriptor, Mesh::fromYaml);
    } catch (MeshException e) {
      throw new SQLException(e.getMessage(), "08001", e);
    }
    String user = info == null ? null : info.getProperty("user");
    if (user == null || user.isBlank()) {
      throw new SQLException("the connection property 'user' must name a principal of mesh " + mesh.name(), "28000");
    }
    Principal principal = mesh.principal(user)
        .orElseThrow(() -> new SQLException("unknown user '" + user + "' for mesh " + mesh.name(), "28000"));
    Connection connection = mesh.connect(principal);
    if (connection instanceof GuardedConnection guarded) {
      guarded.connectedWith(url);
    }
    return connection;
  }

  /**
   * Closes the shared mesh loaded from this descriptor, if any, and its pools. The next
   * connection loads it again, picking up changes to the descriptor.
   */
  public static void release(Path descriptor) {
    Mesh mesh = MESHES.remove(descriptor.toAbsolutePath().normalize());
    if (mesh != null) {
      mesh.close();
    }
  }

  /** Not {@code jdbc:meshkit:remote:}, which is the remote client's ({@code dev.meshkit.client.RemoteDriver}). */
  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(PREFIX) && !url.startsWith(REMOTE_PREFIX);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    DriverPropertyInfo user = new DriverPropertyInfo("user", info == null ? null : info.getProperty("user"));
    user.required = true;
    user.description = "name of a principal declared in the descriptor";
    return new DriverPropertyInfo[] {user};
  }

  @Override
  public int getMajorVersion() {
    return 0;
  }

  @Override
  public int getMinorVersion() {
    return 1;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("meshkit logs through SLF4J");
  }
}
