package dev.meshkit.client;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import org.apache.calcite.avatica.AvaticaConnection;

/**
 * meshkit's remote JDBC driver: {@code jdbc:meshkit:remote:http(s)://host:port[/path][;key=value...]}
 * for a mesh served by {@code MeshServer} or {@code meshkit serve}. It is Avatica's protobuf client
 * with what that client lacks: JDBC 4.2 types both ways, warnings, {@code cancel} and
 * {@code setQueryTimeout}, the standard {@code user} and {@code password} properties (or
 * {@code token}), identifier case as the mesh stores it, and errors as sentences with an SQLState.
 *
 * <p>It needs only the meshkit client jar and Avatica's client jar (with the SLF4J API) on the class
 * path, and registers itself through {@code META-INF/services/java.sql.Driver}.
 */
public final class RemoteDriver implements Driver {

  static final String NAME = "meshkit remote client";
  static final int MAJOR = 0;
  static final int MINOR = 1;
  /** The client jar's version, from its manifest; the major and minor ones outside a jar. */
  static final String VERSION = versionOf(RemoteDriver.class.getPackage().getImplementationVersion());

  private static final org.apache.calcite.avatica.remote.Driver AVATICA = new org.apache.calcite.avatica.remote.Driver();

  static {
    try {
      DriverManager.registerDriver(new RemoteDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    RemoteSettings settings = RemoteSettings.parse(url, info);
    Connection avatica;
    try {
      avatica = AVATICA.connect("jdbc:avatica:remote:", settings.avatica());
    } catch (Throwable e) {
      throw RemoteFailure.translate(e);
    }
    return new RemoteConnection(avatica, ((AvaticaConnection) avatica).id, settings);
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith(RemoteSettings.PREFIX);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    DriverPropertyInfo user = property(info, "user", "the user to log in as (HTTP Basic)");
    DriverPropertyInfo password = property(info, "password", "the user's password");
    DriverPropertyInfo token = property(info, "token", "a bearer token, instead of user and password");
    DriverPropertyInfo fetchSize = property(info, "fetch_size", "rows fetched per round trip (100 by default)");
    return new DriverPropertyInfo[] {user, password, token, fetchSize};
  }

  private static DriverPropertyInfo property(Properties info, String name, String description) {
    DriverPropertyInfo property = new DriverPropertyInfo(name, info == null ? null : info.getProperty(name));
    property.description = description;
    return property;
  }

  @Override
  public int getMajorVersion() {
    return MAJOR;
  }

  @Override
  public int getMinorVersion() {
    return MINOR;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("the meshkit client does not log through java.util.logging", "0A000");
  }

  private static String versionOf(String implementation) {
    return implementation != null ? implementation : MAJOR + "." + MINOR;
  }
}
