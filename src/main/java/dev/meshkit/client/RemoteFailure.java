package dev.meshkit.client;

import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaSqlException;

/**
 * A failure the server (or the way to it) reported, with the sentence and SQLState it sent. Unchecked,
 * because it leaves through Avatica's client, which keeps it as the cause of what it throws; every
 * object of this driver turns it back into a plain {@link SQLException} with {@link #translate}.
 */
final class RemoteFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  final String sqlState;
  final int code;

  RemoteFailure(String sentence, String sqlState, int code) {
    super(sentence, null, false, false);
    this.sqlState = sqlState;
    this.code = code;
  }

  SQLException toSqlException() {
    return new SQLException(getMessage(), sqlState, code);
  }

  /**
   * The exception to throw for what a call into Avatica's client threw: the server's sentence and
   * SQLState, without the client's echo of the statement; Avatica's own errors as they are; anything
   * else unchecked as an SQLException, so that no RuntimeException reaches the application.
   */
  static SQLException translate(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RemoteFailure failure) {
        return failure.toSqlException();
      }
    }
    if (e instanceof Error error) {
      throw error;
    }
    if (e instanceof AvaticaSqlException avatica) {
      return new SQLException(avatica.getErrorMessage(), avatica.getSQLState(), avatica.getErrorCode());
    }
    if (e instanceof SQLException sql) {
      return sql;
    }
    String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    return new SQLException("the meshkit client failed: " + message, "HY000", e);
  }
}
