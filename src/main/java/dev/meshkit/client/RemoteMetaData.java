package dev.meshkit.client;

import dev.meshkit.delegate.DelegatingDatabaseMetaData;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Avatica's metadata, except what its client answers from its own defaults: identifier case comes
 * from the server's mesh, so remote and embedded agree; the URL and user are those the application
 * connected with.
 */
final class RemoteMetaData extends DelegatingDatabaseMetaData {

  private final RemoteConnection connection;

  RemoteMetaData(RemoteConnection connection, DatabaseMetaData avatica) {
    super(avatica);
    this.connection = connection;
  }

  @Override
  protected SQLException failure(Throwable e) {
    return RemoteFailure.translate(e);
  }

  @Override
  protected ResultSet resultSet(ResultSet resultSet) {
    return new RemoteResultSet(resultSet, null);
  }

  @Override
  public Connection getConnection() {
    return connection;
  }

  @Override
  public String getURL() {
    return connection.settings.url;
  }

  @Override
  public String getUserName() {
    return connection.settings.user;
  }

  @Override
  public boolean storesUpperCaseIdentifiers() throws SQLException {
    return flag("storesUpperCaseIdentifiers");
  }

  @Override
  public boolean storesLowerCaseIdentifiers() throws SQLException {
    return flag("storesLowerCaseIdentifiers");
  }

  @Override
  public boolean storesMixedCaseIdentifiers() throws SQLException {
    return flag("storesMixedCaseIdentifiers");
  }

  @Override
  public boolean supportsMixedCaseIdentifiers() throws SQLException {
    return flag("supportsMixedCaseIdentifiers");
  }

  @Override
  public boolean storesUpperCaseQuotedIdentifiers() throws SQLException {
    return flag("storesUpperCaseQuotedIdentifiers");
  }

  @Override
  public boolean storesLowerCaseQuotedIdentifiers() throws SQLException {
    return flag("storesLowerCaseQuotedIdentifiers");
  }

  @Override
  public boolean storesMixedCaseQuotedIdentifiers() throws SQLException {
    return flag("storesMixedCaseQuotedIdentifiers");
  }

  @Override
  public boolean supportsMixedCaseQuotedIdentifiers() throws SQLException {
    return flag("supportsMixedCaseQuotedIdentifiers");
  }

  @Override
  public String getIdentifierQuoteString() throws SQLException {
    return connection.identifier("identifierQuoteString");
  }

  private boolean flag(String name) throws SQLException {
    return Boolean.parseBoolean(connection.identifier(name));
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : super.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || super.isWrapperFor(iface);
  }
}
