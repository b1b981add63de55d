package dev.meshkit.delegate;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/**
 * Metadata of a database that only answers queries: no result set sees an insert, update or
 * delete, its own or another's. Avatica throws on these questions, which tools such as
 * SchemaCrawler ask of every driver.
 */
public abstract class ReadOnlyDatabaseMetaData extends DelegatingDatabaseMetaData {

  protected ReadOnlyDatabaseMetaData(DatabaseMetaData delegate) {
    super(delegate);
  }

  @Override
  public boolean isReadOnly() {
    return true;
  }

  @Override
  public boolean ownUpdatesAreVisible(int type) {
    return false;
  }

  @Override
  public boolean ownDeletesAreVisible(int type) {
    return false;
  }

  @Override
  public boolean ownInsertsAreVisible(int type) {
    return false;
  }

  @Override
  public boolean othersUpdatesAreVisible(int type) {
    return false;
  }

  @Override
  public boolean othersDeletesAreVisible(int type) {
    return false;
  }

  @Override
  public boolean othersInsertsAreVisible(int type) {
    return false;
  }

  @Override
  public boolean updatesAreDetected(int type) {
    return false;
  }

  @Override
  public boolean deletesAreDetected(int type) {
    return false;
  }

  @Override
  public boolean insertsAreDetected(int type) {
    return false;
  }

  @Override
  public boolean supportsResultSetHoldability(int holdability) throws SQLException {
    return holdability == getResultSetHoldability();
  }
}
