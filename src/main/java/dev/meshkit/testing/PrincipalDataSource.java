package dev.meshkit.testing;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.function.Consumer;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * What a {@code @MeshConnection DataSource} receives: every connection is a mesh connection for one
 * principal, handed to the extension so that it is closed when the test ends even if the code under
 * test leaks it.
 */
final class PrincipalDataSource implements DataSource {

  private final Mesh mesh;
  private final Principal principal;
  private final Consumer<Connection> opened;
  private PrintWriter logWriter;

  PrincipalDataSource(Mesh mesh, Principal principal, Consumer<Connection> opened) {
    this.mesh = mesh;
    this.principal = principal;
    this.opened = opened;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection connection = mesh.connect(principal);
    opened.accept(connection);
    return connection;
  }

  /** The principal is fixed by the annotation; credentials cannot choose another. */
  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("this data source connects as principal " + principal.name()
        + " only; declare another @MeshConnection(user = \"...\") for another principal");
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public void setLoginTimeout(int seconds) {
    // Connections are in-process: there is no login to time out.
  }

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("meshkit logs through SLF4J");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper for " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }

  @Override
  public String toString() {
    return "DataSource[mesh " + mesh.name() + " as " + principal.name() + "]";
  }
}
