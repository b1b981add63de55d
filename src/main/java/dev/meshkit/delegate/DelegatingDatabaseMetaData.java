package dev.meshkit.delegate;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.RowIdLifetime;
import java.sql.SQLException;

/**
 * Database metadata that forwards every call to another, for a subclass that changes a few.
 * Written out rather than a dynamic proxy, like the other delegates here.
 */
public abstract class DelegatingDatabaseMetaData implements DatabaseMetaData {

  protected final DatabaseMetaData delegate;

  protected DelegatingDatabaseMetaData(DatabaseMetaData delegate) {
    this.delegate = delegate;
  }

  /**
   * The metadata calls go to: {@link #delegate} unless a subclass moves its calls to another over
   * its life.
   */
  protected DatabaseMetaData delegate() throws SQLException {
    return delegate;
  }

  /** The exception to throw for what a call to the delegate threw. */
  protected abstract SQLException failure(Throwable e);

  /** The result set to hand out for one the delegate returned. */
  protected abstract ResultSet resultSet(ResultSet resultSet) throws SQLException;

  private ResultSet wrapped(ResultSet resultSet) throws SQLException {
    return resultSet == null ? null : resultSet(resultSet);
  }

  @Override
  public boolean allProceduresAreCallable() throws SQLException {
    try {
      return delegate().allProceduresAreCallable();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean allTablesAreSelectable() throws SQLException {
    try {
      return delegate().allTablesAreSelectable();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getURL() throws SQLException {
    try {
      return delegate().getURL();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getUserName() throws SQLException {
    try {
      return delegate().getUserName();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    try {
      return delegate().isReadOnly();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean nullsAreSortedHigh() throws SQLException {
    try {
      return delegate().nullsAreSortedHigh();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean nullsAreSortedLow() throws SQLException {
    try {
      return delegate().nullsAreSortedLow();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean nullsAreSortedAtStart() throws SQLException {
    try {
      return delegate().nullsAreSortedAtStart();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean nullsAreSortedAtEnd() throws SQLException {
    try {
      return delegate().nullsAreSortedAtEnd();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getDatabaseProductName() throws SQLException {
    try {
      return delegate().getDatabaseProductName();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getDatabaseProductVersion() throws SQLException {
    try {
      return delegate().getDatabaseProductVersion();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getDriverName() throws SQLException {
    try {
      return delegate().getDriverName();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getDriverVersion() throws SQLException {
    try {
      return delegate().getDriverVersion();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getDriverMajorVersion() {
    return delegate.getDriverMajorVersion();
  }

  @Override
  public int getDriverMinorVersion() {
    return delegate.getDriverMinorVersion();
  }

  @Override
  public boolean usesLocalFiles() throws SQLException {
    try {
      return delegate().usesLocalFiles();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean usesLocalFilePerTable() throws SQLException {
    try {
      return delegate().usesLocalFilePerTable();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsMixedCaseIdentifiers() throws SQLException {
    try {
      return delegate().supportsMixedCaseIdentifiers();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean storesUpperCaseIdentifiers() throws SQLException {
    try {
      return delegate().storesUpperCaseIdentifiers();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean storesLowerCaseIdentifiers() throws SQLException {
    try {
      return delegate().storesLowerCaseIdentifiers();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean storesMixedCaseIdentifiers() throws SQLException {
    try {
      return delegate().storesMixedCaseIdentifiers();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsMixedCaseQuotedIdentifiers() throws SQLException {
    try {
      return delegate().supportsMixedCaseQuotedIdentifiers();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean storesUpperCaseQuotedIdentifiers() throws SQLException {
    try {
      return delegate().storesUpperCaseQuotedIdentifiers();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean storesLowerCaseQuotedIdentifiers() throws SQLException {
    try {
      return delegate().storesLowerCaseQuotedIdentifiers();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean storesMixedCaseQuotedIdentifiers() throws SQLException {
    try {
      return delegate().storesMixedCaseQuotedIdentifiers();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getIdentifierQuoteString() throws SQLException {
    try {
      return delegate().getIdentifierQuoteString();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getSQLKeywords() throws SQLException {
    try {
      return delegate().getSQLKeywords();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getNumericFunctions() throws SQLException {
    try {
      return delegate().getNumericFunctions();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getStringFunctions() throws SQLException {
    try {
      return delegate().getStringFunctions();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getSystemFunctions() throws SQLException {
    try {
      return delegate().getSystemFunctions();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getTimeDateFunctions() throws SQLException {
    try {
      return delegate().getTimeDateFunctions();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getSearchStringEscape() throws SQLException {
    try {
      return delegate().getSearchStringEscape();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getExtraNameCharacters() throws SQLException {
    try {
      return delegate().getExtraNameCharacters();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsAlterTableWithAddColumn() throws SQLException {
    try {
      return delegate().supportsAlterTableWithAddColumn();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsAlterTableWithDropColumn() throws SQLException {
    try {
      return delegate().supportsAlterTableWithDropColumn();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsColumnAliasing() throws SQLException {
    try {
      return delegate().supportsColumnAliasing();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean nullPlusNonNullIsNull() throws SQLException {
    try {
      return delegate().nullPlusNonNullIsNull();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsConvert() throws SQLException {
    try {
      return delegate().supportsConvert();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsConvert(int fromType, int toType) throws SQLException {
    try {
      return delegate().supportsConvert(fromType, toType);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsTableCorrelationNames() throws SQLException {
    try {
      return delegate().supportsTableCorrelationNames();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsDifferentTableCorrelationNames() throws SQLException {
    try {
      return delegate().supportsDifferentTableCorrelationNames();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsExpressionsInOrderBy() throws SQLException {
    try {
      return delegate().supportsExpressionsInOrderBy();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsOrderByUnrelated() throws SQLException {
    try {
      return delegate().supportsOrderByUnrelated();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsGroupBy() throws SQLException {
    try {
      return delegate().supportsGroupBy();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsGroupByUnrelated() throws SQLException {
    try {
      return delegate().supportsGroupByUnrelated();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsGroupByBeyondSelect() throws SQLException {
    try {
      return delegate().supportsGroupByBeyondSelect();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsLikeEscapeClause() throws SQLException {
    try {
      return delegate().supportsLikeEscapeClause();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsMultipleResultSets() throws SQLException {
    try {
      return delegate().supportsMultipleResultSets();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsMultipleTransactions() throws SQLException {
    try {
      return delegate().supportsMultipleTransactions();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsNonNullableColumns() throws SQLException {
    try {
      return delegate().supportsNonNullableColumns();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsMinimumSQLGrammar() throws SQLException {
    try {
      return delegate().supportsMinimumSQLGrammar();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsCoreSQLGrammar() throws SQLException {
    try {
      return delegate().supportsCoreSQLGrammar();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsExtendedSQLGrammar() throws SQLException {
    try {
      return delegate().supportsExtendedSQLGrammar();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsANSI92EntryLevelSQL() throws SQLException {
    try {
      return delegate().supportsANSI92EntryLevelSQL();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsANSI92IntermediateSQL() throws SQLException {
    try {
      return delegate().supportsANSI92IntermediateSQL();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsANSI92FullSQL() throws SQLException {
    try {
      return delegate().supportsANSI92FullSQL();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsIntegrityEnhancementFacility() throws SQLException {
    try {
      return delegate().supportsIntegrityEnhancementFacility();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsOuterJoins() throws SQLException {
    try {
      return delegate().supportsOuterJoins();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsFullOuterJoins() throws SQLException {
    try {
      return delegate().supportsFullOuterJoins();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsLimitedOuterJoins() throws SQLException {
    try {
      return delegate().supportsLimitedOuterJoins();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getSchemaTerm() throws SQLException {
    try {
      return delegate().getSchemaTerm();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getProcedureTerm() throws SQLException {
    try {
      return delegate().getProcedureTerm();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getCatalogTerm() throws SQLException {
    try {
      return delegate().getCatalogTerm();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean isCatalogAtStart() throws SQLException {
    try {
      return delegate().isCatalogAtStart();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getCatalogSeparator() throws SQLException {
    try {
      return delegate().getCatalogSeparator();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsSchemasInDataManipulation() throws SQLException {
    try {
      return delegate().supportsSchemasInDataManipulation();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsSchemasInProcedureCalls() throws SQLException {
    try {
      return delegate().supportsSchemasInProcedureCalls();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsSchemasInTableDefinitions() throws SQLException {
    try {
      return delegate().supportsSchemasInTableDefinitions();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsSchemasInIndexDefinitions() throws SQLException {
    try {
      return delegate().supportsSchemasInIndexDefinitions();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsSchemasInPrivilegeDefinitions() throws SQLException {
    try {
      return delegate().supportsSchemasInPrivilegeDefinitions();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsCatalogsInDataManipulation() throws SQLException {
    try {
      return delegate().supportsCatalogsInDataManipulation();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsCatalogsInProcedureCalls() throws SQLException {
    try {
      return delegate().supportsCatalogsInProcedureCalls();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsCatalogsInTableDefinitions() throws SQLException {
    try {
      return delegate().supportsCatalogsInTableDefinitions();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsCatalogsInIndexDefinitions() throws SQLException {
    try {
      return delegate().supportsCatalogsInIndexDefinitions();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsCatalogsInPrivilegeDefinitions() throws SQLException {
    try {
      return delegate().supportsCatalogsInPrivilegeDefinitions();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsPositionedDelete() throws SQLException {
    try {
      return delegate().supportsPositionedDelete();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsPositionedUpdate() throws SQLException {
    try {
      return delegate().supportsPositionedUpdate();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsSelectForUpdate() throws SQLException {
    try {
      return delegate().supportsSelectForUpdate();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsStoredProcedures() throws SQLException {
    try {
      return delegate().supportsStoredProcedures();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsSubqueriesInComparisons() throws SQLException {
    try {
      return delegate().supportsSubqueriesInComparisons();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsSubqueriesInExists() throws SQLException {
    try {
      return delegate().supportsSubqueriesInExists();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsSubqueriesInIns() throws SQLException {
    try {
      return delegate().supportsSubqueriesInIns();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsSubqueriesInQuantifieds() throws SQLException {
    try {
      return delegate().supportsSubqueriesInQuantifieds();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsCorrelatedSubqueries() throws SQLException {
    try {
      return delegate().supportsCorrelatedSubqueries();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsUnion() throws SQLException {
    try {
      return delegate().supportsUnion();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsUnionAll() throws SQLException {
    try {
      return delegate().supportsUnionAll();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsOpenCursorsAcrossCommit() throws SQLException {
    try {
      return delegate().supportsOpenCursorsAcrossCommit();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsOpenCursorsAcrossRollback() throws SQLException {
    try {
      return delegate().supportsOpenCursorsAcrossRollback();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsOpenStatementsAcrossCommit() throws SQLException {
    try {
      return delegate().supportsOpenStatementsAcrossCommit();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsOpenStatementsAcrossRollback() throws SQLException {
    try {
      return delegate().supportsOpenStatementsAcrossRollback();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getMaxBinaryLiteralLength() throws SQLException {
    try {
      return delegate().getMaxBinaryLiteralLength();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getMaxCharLiteralLength() throws SQLException {
    try {
      return delegate().getMaxCharLiteralLength();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getMaxColumnNameLength() throws SQLException {
    try {
      return delegate().getMaxColumnNameLength();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getMaxColumnsInGroupBy() throws SQLException {
    try {
      return delegate().getMaxColumnsInGroupBy();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getMaxColumnsInIndex() throws SQLException {
    try {
      return delegate().getMaxColumnsInIndex();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getMaxColumnsInOrderBy() throws SQLException {
    try {
      return delegate().getMaxColumnsInOrderBy();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getMaxColumnsInSelect() throws SQLException {
    try {
      return delegate().getMaxColumnsInSelect();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getMaxColumnsInTable() throws SQLException {
    try {
      return delegate().getMaxColumnsInTable();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getMaxConnections() throws SQLException {
    try {
      return delegate().getMaxConnections();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getMaxCursorNameLength() throws SQLException {
    try {
      return delegate().getMaxCursorNameLength();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getMaxIndexLength() throws SQLException {
    try {
      return delegate().getMaxIndexLength();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getMaxSchemaNameLength() throws SQLException {
    try {
      return delegate().getMaxSchemaNameLength();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getMaxProcedureNameLength() throws SQLException {
    try {
      return delegate().getMaxProcedureNameLength();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getMaxCatalogNameLength() throws SQLException {
    try {
      return delegate().getMaxCatalogNameLength();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getMaxRowSize() throws SQLException {
    try {
      return delegate().getMaxRowSize();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean doesMaxRowSizeIncludeBlobs() throws SQLException {
    try {
      return delegate().doesMaxRowSizeIncludeBlobs();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getMaxStatementLength() throws SQLException {
    try {
      return delegate().getMaxStatementLength();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getMaxStatements() throws SQLException {
    try {
      return delegate().getMaxStatements();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getMaxTableNameLength() throws SQLException {
    try {
      return delegate().getMaxTableNameLength();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getMaxTablesInSelect() throws SQLException {
    try {
      return delegate().getMaxTablesInSelect();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getMaxUserNameLength() throws SQLException {
    try {
      return delegate().getMaxUserNameLength();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getDefaultTransactionIsolation() throws SQLException {
    try {
      return delegate().getDefaultTransactionIsolation();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsTransactions() throws SQLException {
    try {
      return delegate().supportsTransactions();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsTransactionIsolationLevel(int level) throws SQLException {
    try {
      return delegate().supportsTransactionIsolationLevel(level);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsDataDefinitionAndDataManipulationTransactions() throws SQLException {
    try {
      return delegate().supportsDataDefinitionAndDataManipulationTransactions();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsDataManipulationTransactionsOnly() throws SQLException {
    try {
      return delegate().supportsDataManipulationTransactionsOnly();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean dataDefinitionCausesTransactionCommit() throws SQLException {
    try {
      return delegate().dataDefinitionCausesTransactionCommit();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean dataDefinitionIgnoredInTransactions() throws SQLException {
    try {
      return delegate().dataDefinitionIgnoredInTransactions();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public ResultSet getProcedures(String catalog, String schemaPattern, String procedureNamePattern) throws SQLException {
    ResultSet resultSet;
    try {
      resultSet = delegate().getProcedures(catalog, schemaPattern, procedureNamePattern);
    } catch (Throwable e) {
      throw failure(e);
    }
    return wrapped(resultSet);
  }

  @Override
  public ResultSet getProcedureColumns(String catalog, String schemaPattern, String procedureNamePattern, String columnNamePattern) throws SQLException {
    ResultSet resultSet;
    try {
      resultSet = delegate().getProcedureColumns(catalog, schemaPattern, procedureNamePattern, columnNamePattern);
    } catch (Throwable e) {
      throw failure(e);
    }
    return wrapped(resultSet);
  }

  @Override
  public ResultSet getTables(String catalog, String schemaPattern, String tableNamePattern, String[] types) throws SQLException {
    ResultSet resultSet;
    try {
      resultSet = delegate().getTables(catalog, schemaPattern, tableNamePattern, types);
    } catch (Throwable e) {
      throw failure(e);
    }
    return wrapped(resultSet);
  }

  @Override
  public ResultSet getSchemas() throws SQLException {
    ResultSet resultSet;
    try {
      resultSet = delegate().getSchemas();
    } catch (Throwable e) {
      throw failure(e);
    }
    return wrapped(resultSet);
  }

  @Override
  public ResultSet getCatalogs() throws SQLException {
    ResultSet resultSet;
    try {
      resultSet = delegate().getCatalogs();
    } catch (Throwable e) {
      throw failure(e);
    }
    return wrapped(resultSet);
  }

  @Override
  public ResultSet getTableTypes() throws SQLException {
    ResultSet resultSet;
    try {
      resultSet = delegate().getTableTypes();
    } catch (Throwable e) {
      throw failure(e);
    }
    return wrapped(resultSet);
  }

  @Override
  public ResultSet getColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern) throws SQLException {
    ResultSet resultSet;
    try {
      resultSet = delegate().getColumns(catalog, schemaPattern, tableNamePattern, columnNamePattern);
    } catch (Throwable e) {
      throw failure(e);
    }
    return wrapped(resultSet);
  }

  @Override
  public ResultSet getColumnPrivileges(String catalog, String schema, String table, String columnNamePattern) throws SQLException {
    ResultSet resultSet;
    try {
      resultSet = delegate().getColumnPrivileges(catalog, schema, table, columnNamePattern);
    } catch (Throwable e) {
      throw failure(e);
    }
    return wrapped(resultSet);
  }

  @Override
  public ResultSet getTablePrivileges(String catalog, String schemaPattern, String tableNamePattern) throws SQLException {
    ResultSet resultSet;
    try {
      resultSet = delegate().getTablePrivileges(catalog, schemaPattern, tableNamePattern);
    } catch (Throwable e) {
      throw failure(e);
    }
    return wrapped(resultSet);
  }

  @Override
  public ResultSet getBestRowIdentifier(String catalog, String schema, String table, int scope, boolean nullable) throws SQLException {
    ResultSet resultSet;
    try {
      resultSet = delegate().getBestRowIdentifier(catalog, schema, table, scope, nullable);
    } catch (Throwable e) {
      throw failure(e);
    }
    return wrapped(resultSet);
  }

  @Override
  public ResultSet getVersionColumns(String catalog, String schema, String table) throws SQLException {
    ResultSet resultSet;
    try {
      resultSet = delegate().getVersionColumns(catalog, schema, table);
    } catch (Throwable e) {
      throw failure(e);
    }
    return wrapped(resultSet);
  }

  @Override
  public ResultSet getPrimaryKeys(String catalog, String schema, String table) throws SQLException {
    ResultSet resultSet;
    try {
      resultSet = delegate().getPrimaryKeys(catalog, schema, table);
    } catch (Throwable e) {
      throw failure(e);
    }
    return wrapped(resultSet);
  }

  @Override
  public ResultSet getImportedKeys(String catalog, String schema, String table) throws SQLException {
    ResultSet resultSet;
    try {
      resultSet = delegate().getImportedKeys(catalog, schema, table);
    } catch (Throwable e) {
      throw failure(e);
    }
    return wrapped(resultSet);
  }

  @Override
  public ResultSet getExportedKeys(String catalog, String schema, String table) throws SQLException {
    ResultSet resultSet;
    try {
      resultSet = delegate().getExportedKeys(catalog, schema, table);
    } catch (Throwable e) {
      throw failure(e);
    }
    return wrapped(resultSet);
  }

  @Override
  public ResultSet getCrossReference(String parentCatalog, String parentSchema, String parentTable, String foreignCatalog, String foreignSchema, String foreignTable) throws SQLException {
    ResultSet resultSet;
    try {
      resultSet = delegate().getCrossReference(parentCatalog, parentSchema, parentTable, foreignCatalog, foreignSchema, foreignTable);
    } catch (Throwable e) {
      throw failure(e);
    }
    return wrapped(resultSet);
  }

  @Override
  public ResultSet getTypeInfo() throws SQLException {
    ResultSet resultSet;
    try {
      resultSet = delegate().getTypeInfo();
    } catch (Throwable e) {
      throw failure(e);
    }
    return wrapped(resultSet);
  }

  @Override
  public ResultSet getIndexInfo(String catalog, String schema, String table, boolean unique, boolean approximate) throws SQLException {
    ResultSet resultSet;
    try {
      resultSet = delegate().getIndexInfo(catalog, schema, table, unique, approximate);
    } catch (Throwable e) {
      throw failure(e);
    }
    return wrapped(resultSet);
  }

  @Override
  public boolean supportsResultSetType(int type) throws SQLException {
    try {
      return delegate().supportsResultSetType(type);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsResultSetConcurrency(int type, int concurrency) throws SQLException {
    try {
      return delegate().supportsResultSetConcurrency(type, concurrency);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean ownUpdatesAreVisible(int type) throws SQLException {
    try {
      return delegate().ownUpdatesAreVisible(type);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean ownDeletesAreVisible(int type) throws SQLException {
    try {
      return delegate().ownDeletesAreVisible(type);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean ownInsertsAreVisible(int type) throws SQLException {
    try {
      return delegate().ownInsertsAreVisible(type);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean othersUpdatesAreVisible(int type) throws SQLException {
    try {
      return delegate().othersUpdatesAreVisible(type);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean othersDeletesAreVisible(int type) throws SQLException {
    try {
      return delegate().othersDeletesAreVisible(type);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean othersInsertsAreVisible(int type) throws SQLException {
    try {
      return delegate().othersInsertsAreVisible(type);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean updatesAreDetected(int type) throws SQLException {
    try {
      return delegate().updatesAreDetected(type);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean deletesAreDetected(int type) throws SQLException {
    try {
      return delegate().deletesAreDetected(type);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean insertsAreDetected(int type) throws SQLException {
    try {
      return delegate().insertsAreDetected(type);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsBatchUpdates() throws SQLException {
    try {
      return delegate().supportsBatchUpdates();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public ResultSet getUDTs(String catalog, String schemaPattern, String typeNamePattern, int[] types) throws SQLException {
    ResultSet resultSet;
    try {
      resultSet = delegate().getUDTs(catalog, schemaPattern, typeNamePattern, types);
    } catch (Throwable e) {
      throw failure(e);
    }
    return wrapped(resultSet);
  }

  @Override
  public Connection getConnection() throws SQLException {
    try {
      return delegate().getConnection();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsSavepoints() throws SQLException {
    try {
      return delegate().supportsSavepoints();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsNamedParameters() throws SQLException {
    try {
      return delegate().supportsNamedParameters();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsMultipleOpenResults() throws SQLException {
    try {
      return delegate().supportsMultipleOpenResults();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsGetGeneratedKeys() throws SQLException {
    try {
      return delegate().supportsGetGeneratedKeys();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public ResultSet getSuperTypes(String catalog, String schemaPattern, String typeNamePattern) throws SQLException {
    ResultSet resultSet;
    try {
      resultSet = delegate().getSuperTypes(catalog, schemaPattern, typeNamePattern);
    } catch (Throwable e) {
      throw failure(e);
    }
    return wrapped(resultSet);
  }

  @Override
  public ResultSet getSuperTables(String catalog, String schemaPattern, String tableNamePattern) throws SQLException {
    ResultSet resultSet;
    try {
      resultSet = delegate().getSuperTables(catalog, schemaPattern, tableNamePattern);
    } catch (Throwable e) {
      throw failure(e);
    }
    return wrapped(resultSet);
  }

  @Override
  public ResultSet getAttributes(String catalog, String schemaPattern, String typeNamePattern, String attributeNamePattern) throws SQLException {
    ResultSet resultSet;
    try {
      resultSet = delegate().getAttributes(catalog, schemaPattern, typeNamePattern, attributeNamePattern);
    } catch (Throwable e) {
      throw failure(e);
    }
    return wrapped(resultSet);
  }

  @Override
  public boolean supportsResultSetHoldability(int holdability) throws SQLException {
    try {
      return delegate().supportsResultSetHoldability(holdability);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    try {
      return delegate().getResultSetHoldability();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getDatabaseMajorVersion() throws SQLException {
    try {
      return delegate().getDatabaseMajorVersion();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getDatabaseMinorVersion() throws SQLException {
    try {
      return delegate().getDatabaseMinorVersion();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getJDBCMajorVersion() throws SQLException {
    try {
      return delegate().getJDBCMajorVersion();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getJDBCMinorVersion() throws SQLException {
    try {
      return delegate().getJDBCMinorVersion();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getSQLStateType() throws SQLException {
    try {
      return delegate().getSQLStateType();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean locatorsUpdateCopy() throws SQLException {
    try {
      return delegate().locatorsUpdateCopy();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsStatementPooling() throws SQLException {
    try {
      return delegate().supportsStatementPooling();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public RowIdLifetime getRowIdLifetime() throws SQLException {
    try {
      return delegate().getRowIdLifetime();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public ResultSet getSchemas(String catalog, String schemaPattern) throws SQLException {
    ResultSet resultSet;
    try {
      resultSet = delegate().getSchemas(catalog, schemaPattern);
    } catch (Throwable e) {
      throw failure(e);
    }
    return wrapped(resultSet);
  }

  @Override
  public boolean supportsStoredFunctionsUsingCallSyntax() throws SQLException {
    try {
      return delegate().supportsStoredFunctionsUsingCallSyntax();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean autoCommitFailureClosesAllResultSets() throws SQLException {
    try {
      return delegate().autoCommitFailureClosesAllResultSets();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public ResultSet getClientInfoProperties() throws SQLException {
    ResultSet resultSet;
    try {
      resultSet = delegate().getClientInfoProperties();
    } catch (Throwable e) {
      throw failure(e);
    }
    return wrapped(resultSet);
  }

  @Override
  public ResultSet getFunctions(String catalog, String schemaPattern, String functionNamePattern) throws SQLException {
    ResultSet resultSet;
    try {
      resultSet = delegate().getFunctions(catalog, schemaPattern, functionNamePattern);
    } catch (Throwable e) {
      throw failure(e);
    }
    return wrapped(resultSet);
  }

  @Override
  public ResultSet getFunctionColumns(String catalog, String schemaPattern, String functionNamePattern, String columnNamePattern) throws SQLException {
    ResultSet resultSet;
    try {
      resultSet = delegate().getFunctionColumns(catalog, schemaPattern, functionNamePattern, columnNamePattern);
    } catch (Throwable e) {
      throw failure(e);
    }
    return wrapped(resultSet);
  }

  @Override
  public ResultSet getPseudoColumns(String catalog, String schemaPattern, String tableNamePattern, String columnNamePattern) throws SQLException {
    ResultSet resultSet;
    try {
      resultSet = delegate().getPseudoColumns(catalog, schemaPattern, tableNamePattern, columnNamePattern);
    } catch (Throwable e) {
      throw failure(e);
    }
    return wrapped(resultSet);
  }

  @Override
  public boolean generatedKeyAlwaysReturned() throws SQLException {
    try {
      return delegate().generatedKeyAlwaysReturned();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public long getMaxLogicalLobSize() throws SQLException {
    try {
      return delegate().getMaxLogicalLobSize();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsRefCursors() throws SQLException {
    try {
      return delegate().supportsRefCursors();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean supportsSharding() throws SQLException {
    try {
      return delegate().supportsSharding();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    try {
      return delegate().unwrap(iface);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    try {
      return delegate().isWrapperFor(iface);
    } catch (Throwable e) {
      throw failure(e);
    }
  }
}
