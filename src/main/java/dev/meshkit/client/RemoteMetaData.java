package dev.meshkit.client;

import dev.meshkit.delegate.ReadOnlyDatabaseMetaData;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaResultSetMetaData;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.util.ArrayIteratorCursor;

/**
 * Avatica's metadata, except what its client answers from its own defaults: identifier case comes
 * from the server's mesh, so remote and embedded agree; the URL and user are those the application
 * connected with; keys, which Avatica's protocol cannot ask for, come from the control endpoint.
 */
final class RemoteMetaData extends ReadOnlyDatabaseMetaData {

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

  @Override
  public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
    return keys("primary", schema, table, null, null);
  }

  @Override
  public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate)
      throws SQLException {
    return keys("index", schema, table, null, null);
  }

  @Override
  public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
    return keys("imported", schema, table, null, null);
  }

  @Override
  public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
    return keys("exported", schema, table, null, null);
  }

  @Override
  public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable,
      String foreignCatalog, String foreignSchema, String foreignTable) throws SQLException {
    return keys("cross", parentSchema, parentTable, foreignSchema, foreignTable);
  }

  /** The server's rows in Avatica's own result set, over a statement that closes with it. */
  private ResultSet keys(String kind, String schema, String table, String foreignSchema, String foreignTable)
      throws SQLException {
    Control.Keys keys = connection.control.keys(kind, schema, table, foreignSchema, foreignTable);
    List<ColumnMetaData> columns = new ArrayList<>();
    for (int i = 0; i < keys.names().size(); i++) {
      columns.add(MetaImpl.columnMetaData(keys.names().get(i), i, Control.Keys.javaClass(keys.types().get(i)), true));
    }
    AvaticaStatement statement = connection.avatica().createStatement().unwrap(AvaticaStatement.class);
    statement.closeOnCompletion();
    Meta.Signature signature = Meta.Signature.create(columns, "", List.of(), Meta.CursorFactory.ARRAY,
        Meta.StatementType.SELECT);
    AvaticaResultSet result = new AvaticaResultSet(statement, new QueryState(), signature,
        new AvaticaResultSetMetaData(statement, null, signature), TimeZone.getDefault(), null);
    return resultSet(result.execute2(new ArrayIteratorCursor(keys.rows().iterator()), columns));
  }

  /** The mesh's own name and version, not the Avatica client's. */
  @Override
  public String getDatabaseProductName() throws SQLException {
    return connection.identifier("databaseProductName");
  }

  @Override
  public String getDatabaseProductVersion() throws SQLException {
    return connection.identifier("databaseProductVersion");
  }

  @Override
  public int getDatabaseMajorVersion() throws SQLException {
    return Integer.parseInt(connection.identifier("databaseMajorVersion"));
  }

  @Override
  public int getDatabaseMinorVersion() throws SQLException {
    return Integer.parseInt(connection.identifier("databaseMinorVersion"));
  }

  @Override
  public String getDriverName() {
    return RemoteDriver.NAME;
  }

  @Override
  public String getDriverVersion() {
    return RemoteDriver.VERSION;
  }

  @Override
  public int getDriverMajorVersion() {
    return RemoteDriver.MAJOR;
  }

  @Override
  public int getDriverMinorVersion() {
    return RemoteDriver.MINOR;
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
