package dev.meshkit.source;

/**
 * The SQLStates meshkit's errors carry, with the words that describe each. A source's own SQLState
 * passes to the consumer only where it means something there: data exceptions (class 22),
 * connection failures (08), rollbacks worth retrying (40) and cancellation (57014); anything else
 * the source reports becomes 58000.
 */
public final class SqlStates {

  public static final String DATA_EXCEPTION = "22000";
  public static final String DIVISION_BY_ZERO = "22012";
  public static final String OUT_OF_RANGE = "22003";
  public static final String INVALID_CAST = "22018";
  public static final String INVALID_DATETIME = "22007";
  public static final String SUBSTRING_ERROR = "22011";
  public static final String CANCELLED = "57014";
  public static final String SOURCE_ERROR = "58000";

  private SqlStates() {
  }

  /** The SQLState to report for a source's own, which may be null. */
  public static String fromSource(String state) {
    if (state == null || state.length() != 5) {
      return SOURCE_ERROR;
    }
    if (state.equals("70100")) {
      return CANCELLED; // MySQL and MariaDB: query execution was interrupted
    }
    return switch (state.substring(0, 2)) {
      case "22", "08", "40" -> state;
      default -> state.equals(CANCELLED) ? state : SOURCE_ERROR;
    };
  }

  /** What an SQLState means, in a few words and without any value. */
  public static String describe(String state) {
    return switch (state) {
      case DIVISION_BY_ZERO -> "division by zero";
      case OUT_OF_RANGE -> "numeric value out of range";
      case INVALID_CAST -> "invalid character value for cast";
      case INVALID_DATETIME -> "invalid datetime format";
      case SUBSTRING_ERROR -> "substring error";
      case "22001" -> "string data too long";
      case "22008" -> "datetime field overflow";
      case "22P02" -> "invalid text representation";
      case "40001" -> "serialization failure; run the statement again";
      case "40P01" -> "deadlock detected; run the statement again";
      case CANCELLED -> "statement cancelled";
      case SOURCE_ERROR -> "the source reported an error";
      default -> switch (state.substring(0, 2)) {
        case "22" -> "data exception";
        case "08" -> "connection failure";
        case "40" -> "transaction rolled back; run the statement again";
        default -> "error";
      };
    };
  }
}
