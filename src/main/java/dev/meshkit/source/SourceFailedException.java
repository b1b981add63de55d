package dev.meshkit.source;

import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source failed while running a statement. It names the domain and source and carries an SQLState
 * from {@link SqlStates#fromSource}, and nothing of the driver's error: drivers quote the
 * statement, the values they failed on and the names of tables consumers do not see. That error
 * goes, whole, to the {@code meshkit.errors} log at DEBUG, and is not kept as a cause.
 */
public final class SourceFailedException extends SQLException {

  private static final long serialVersionUID = 1L;
  private static final Logger ERRORS = LoggerFactory.getLogger("meshkit.errors");

  private final String domain;
  private final String source;

  private SourceFailedException(String domain, String source, String state) {
    super("source '" + source + "' of domain '" + domain + "' failed: " + SqlStates.describe(state)
        + " (SQLState " + state + ")", state);
    this.domain = domain;
    this.source = source;
  }

  /** The exception for what a source's driver threw; an error of the JVM itself is thrown as it is. */
  public static SourceFailedException of(String domain, String source, Throwable driverError) {
    if (driverError instanceof SourceFailedException already) {
      return already;
    }
    return logged(domain, source, SqlStates.fromSource(state(driverError)), driverError);
  }

  /** The exception for a connection the source's pool could not give: a connection failure, 08001 unless more precise. */
  public static SourceFailedException unreachable(String domain, String source, Throwable driverError) {
    String state = SqlStates.fromSource(state(driverError));
    return logged(domain, source, state.startsWith("08") ? state : "08001", driverError);
  }

  private static SourceFailedException logged(String domain, String source, String state, Throwable driverError) {
    if (driverError instanceof Error error) {
      throw error;
    }
    SourceFailedException failed = new SourceFailedException(domain, source, state);
    ERRORS.debug("{}", failed.getMessage(), driverError);
    return failed;
  }

  public String domain() {
    return domain;
  }

  public String source() {
    return source;
  }

  /** The first SQLState down the causes: pools and drivers wrap the database's own error. */
  private static String state(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState();
      }
    }
    return null;
  }
}
