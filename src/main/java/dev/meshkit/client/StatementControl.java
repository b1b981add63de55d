package dev.meshkit.client;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import org.apache.calcite.avatica.AvaticaStatement;

/**
 * What a remote statement, plain or prepared, adds to Avatica's: cancel, query timeout and warnings
 * through the server's control endpoint, acting on the server's statement of the same id, which
 * already implements them as an embedded statement does.
 */
final class StatementControl {

  private final RemoteConnection connection;
  /** The application's statement, which its result sets return. */
  private final Statement statement;
  private final AvaticaStatement avatica;
  /** Cleared by clearWarnings until the next execution, so no round trip asks for nothing. */
  private volatile boolean cleared;
  private ResultSet current;
  private RemoteResultSet wrapped;

  StatementControl(RemoteConnection connection, Statement statement, Statement avatica) {
    this.connection = connection;
    this.statement = statement;
    this.avatica = (AvaticaStatement) avatica;
  }

  RemoteConnection connection() {
    return connection;
  }

  /** The server's statement id; Avatica may replace the statement after the server lost it. */
  private int id() {
    return avatica.handle.id;
  }

  void executing() {
    cleared = false;
  }

  /** Stops the statement's execution on the server, from any thread; the executing thread gets 57014. */
  void cancel() throws SQLException {
    checkOpen();
    connection.control.cancel(id());
  }

  void queryTimeout(int seconds) throws SQLException {
    checkOpen();
    if (seconds < 0) {
      throw new SQLException("the query timeout cannot be negative: " + seconds, "22023");
    }
    connection.control.queryTimeout(id(), seconds);
  }

  SQLWarning warnings() throws SQLException {
    checkOpen();
    return cleared ? null : connection.control.warnings(id(), false);
  }

  void clearWarnings() throws SQLException {
    checkOpen();
    cleared = true;
  }

  SQLWarning resultSetWarnings() throws SQLException {
    return connection.control.warnings(id(), true);
  }

  /** One wrapper per result set of Avatica's, however often the application asks for it. */
  synchronized ResultSet resultSet(ResultSet resultSet) {
    if (resultSet != current) {
      current = resultSet;
      wrapped = new RemoteResultSet(resultSet, this);
    }
    return wrapped;
  }

  Statement statement() {
    return statement;
  }

  private void checkOpen() throws SQLException {
    if (avatica.isClosed()) {
      throw new SQLException("the statement is closed", "HY010");
    }
  }
}
