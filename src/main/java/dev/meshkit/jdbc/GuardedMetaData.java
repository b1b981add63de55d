package dev.meshkit.jdbc;

import dev.meshkit.delegate.ReadOnlyDatabaseMetaData;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * A consumer's database metadata over the engine's: its connection, and that of every result set
 * it returns, is the consumer's guarded one, never the engine's. Names are matched whatever case a
 * tool sends, since the mesh reports every name in lower case; keys come from the descriptor.
 */
final class GuardedMetaData extends ReadOnlyDatabaseMetaData {

  private final GuardedConnection connection;
  /** The engine's metadata, of the engine connection it belongs to. */
  private volatile Of of;

  private record Of(Connection engine, DatabaseMetaData metadata) {
  }

  GuardedMetaData(GuardedConnection connection, DatabaseMetaData engine) {
    super(engine);
    this.connection = connection;
    this.of = new Of(connection.engine(), engine);
  }

  /**
   * The metadata of the connection's engine connection on the current version of the mesh: a tool
   * that keeps this object sees a change of the mesh as a new statement would.
   */
  @Override
  protected DatabaseMetaData delegate() throws SQLException {
    Of current = of;
    Connection engine = connection.engine();
    if (current.engine != engine) {
      current = new Of(engine, engine.getMetaData());
      of = current;
    }
    return current.metadata;
  }

  @Override
  protected SQLException failure(Throwable e) {
    return Errors.translate(e, List.of());
  }

  @Override
  protected ResultSet resultSet(ResultSet resultSet) {
    return new GuardedResultSet(resultSet, null, null, List.of());
  }

  @Override
  public Connection getConnection() {
    return connection;
  }

  @Override
  public String getURL() {
    return connection.url();
  }

  @Override
  public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
    return super.getSchemas(catalog, lower(schemaPattern));
  }

  @Override
  public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types)
      throws SQLException {
    return super.getTables(catalog, lower(schemaPattern), lower(tableNamePattern), types);
  }

  @Override
  public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern)
      throws SQLException {
    return super.getColumns(catalog, lower(schemaPattern), lower(tableNamePattern), lower(columnNamePattern));
  }

  @Override
  public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
    return keys(keys -> keys.primaryKeys(schema, table));
  }

  @Override
  public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate)
      throws SQLException {
    return keys(keys -> keys.indexInfo(schema, table));
  }

  @Override
  public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
    return keys(keys -> keys.importedKeys(schema, table));
  }

  @Override
  public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
    return keys(keys -> keys.exportedKeys(schema, table));
  }

  @Override
  public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable,
      String foreignCatalog, String foreignSchema, String foreignTable) throws SQLException {
    return keys(keys -> keys.crossReference(parentSchema, parentTable, foreignSchema, foreignTable));
  }

  @FunctionalInterface
  private interface KeyQuery {
    ResultSet run(MetaKeys keys) throws SQLException;
  }

  private ResultSet keys(KeyQuery query) throws SQLException {
    try {
      return resultSet(query.run(new MetaKeys(connection.engine())));
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  /** Every name is lower case, so a pattern in any case matches as the tool means it. */
  private static String lower(String pattern) {
    return pattern == null ? null : pattern.toLowerCase(Locale.ROOT);
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return GuardedConnection.unwrap(this, iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
