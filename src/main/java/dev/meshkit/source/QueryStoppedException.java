package dev.meshkit.source;

/**
 * A running query was stopped: cancelled, past its timeout, or over its row limit. The message is a
 * sentence for the user and the SQLState says which ({@code 57014} cancelled or timed out,
 * {@code 53200} over a memory limit).
 */
public class QueryStoppedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String sqlState;

  public QueryStoppedException(String message, String sqlState) {
    super(message);
    this.sqlState = sqlState;
  }

  public String getSQLState() {
    return sqlState;
  }
}
