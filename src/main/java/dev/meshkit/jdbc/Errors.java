package dev.meshkit.jdbc;

import dev.meshkit.engine.AccessDeniedException;
import dev.meshkit.engine.PlanningException;
import dev.meshkit.engine.StatementDepth;
import dev.meshkit.engine.PlanningScope.ProductRead;
import dev.meshkit.engine.PolicyException;
import dev.meshkit.engine.ProductInvalidException;
import dev.meshkit.engine.ProductRetiredException;
import dev.meshkit.engine.ProductUnavailableException;
import dev.meshkit.engine.ReadOnlyException;
import dev.meshkit.source.QueryStoppedException;
import dev.meshkit.source.SourceFailedException;
import dev.meshkit.source.SourceUnavailableException;
import dev.meshkit.source.SqlStates;
import dev.meshkit.source.file.FileDataException;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one translation of whatever a consumer's JDBC call meets into what the consumer reads: a
 * sentence with an SQLState that names the products, source or domain at fault, and never a data
 * value, source SQL, Java class name or stack frame. The exception has no cause, since causes carry
 * exactly that text (a denial keeps its own, which says no more than the message); the whole
 * failure goes to the {@code meshkit.errors} log at DEBUG.
 *
 * <p>Meshkit's own exceptions keep their sentences. Calcite's parse and validation errors point
 * into the consumer's own statement and keep theirs. Everything else is known only by its class:
 * JVM errors of evaluation become data exceptions (class 22), a source's failure keeps the class
 * of its SQLState where that means something to the consumer, and the rest is meshkit's failure.
 */
final class Errors {

  private static final Logger LOG = LoggerFactory.getLogger("meshkit.errors");
  /** A qualified Java class name, which messages passed on as they are must not contain. */
  private static final Pattern CLASS_NAME = Pattern.compile("\\b[a-z][a-z0-9]*(\\.[a-z0-9]+)+\\.[A-Z]\\w*");
  private static final Pattern DATETIME = Pattern.compile("(?s)Invalid (DATE|TIME|TIMESTAMP)\\b.*");

  private Errors() {
  }

  /**
   * The exception to throw for {@code error}, met by a statement that reads {@code reads} (empty when
   * unknown). Errors of the JVM that no statement can cause (out of memory, linkage) are thrown as they are.
   */
  static SQLException translate(Throwable error, List<ProductRead> reads) {
    // A failure in a generated class's constant initializer (SELECT 1/0) is the statement's, not the JVM's.
    if (error instanceof Error fatal && !(error instanceof StackOverflowError) && !(error instanceof AssertionError)
        && !(error instanceof ExceptionInInitializerError)) {
      throw fatal;
    }
    SQLException translated = classify(chain(error), reads);
    LOG.debug("{}", translated.getMessage(), error);
    return translated;
  }

  /** The exception for a failed call on result set metadata, which indexes its columns without checking. */
  static SQLException metadata(Throwable error) {
    return error instanceof IndexOutOfBoundsException ? sentence("no column at that index", "07009")
        : translate(error, List.of());
  }

  private static SQLException classify(List<Throwable> chain, List<ProductRead> reads) {
    if (chain.stream().anyMatch(StackOverflowError.class::isInstance)) {
      PlanningException tooComplex = PlanningException.tooComplex();
      return sentence(tooComplex.getMessage(), tooComplex.sqlState());
    }
    for (Throwable t : chain) {
      SQLException own = own(t, reads);
      if (own != null) {
        return own;
      }
    }
    for (Throwable t : chain) {
      if (t instanceof CalciteContextException) {
        // "From line 1, column 8 ...": the consumer's own statement; 42883 when no operator or
        // function takes the arguments' types, as PostgreSQL says.
        String message = t.getMessage();
        boolean undefined = message.contains(": Cannot apply '") || message.contains(": No match found for function");
        return exception(message, undefined ? "42883" : "42000");
      }
      if (t instanceof SqlParseException parse) {
        return exception("SQL does not parse: " + parseMessage(parse), "42000");
      }
    }
    if (chain.stream().anyMatch(Errors::cancelled)) {
      return sentence(SqlStates.describe(SqlStates.CANCELLED), SqlStates.CANCELLED);
    }
    for (Throwable t : chain) {
      String state = dataState(t);
      if (state != null) {
        return sentence("statement failed" + reading(reads, null) + ": " + SqlStates.describe(state), state);
      }
    }
    for (Throwable t : chain) {
      SQLException usage = usage(t);
      if (usage != null) {
        return usage;
      }
    }
    for (Throwable t : chain.subList(1, chain.size())) {
      // A driver's error under Calcite's wrappers, from a source type that does not name itself.
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = SqlStates.fromSource(sql.getSQLState());
        return sentence("a source failed" + reading(reads, null) + ": " + SqlStates.describe(state), state);
      }
    }
    if (chain.get(0) instanceof SQLException sql && chain.size() == 1) {
      return avatica(sql);
    }
    LOG.warn("meshkit failed while running a statement: {} (the meshkit.errors log has the full text at DEBUG)",
        chain.stream().map(t -> t.getClass().getName()).collect(Collectors.joining(" <- ")));
    return sentence("meshkit failed while running this statement", "HY000");
  }

  /** Meshkit's own exceptions: their sentences, which name the product, source or policy. */
  private static SQLException own(Throwable t, List<ProductRead> reads) {
    if (t instanceof AccessDeniedException || t instanceof ReadOnlyException) {
      // The causes kept: they say what the message says, and the audit reads the refusal (and the
      // product and policy of a denial) from them.
      SQLException e = exception(t.getMessage(), "42501");
      e.initCause(t);
      return e;
    }
    if (t instanceof PolicyException || t instanceof ProductInvalidException || t instanceof ProductRetiredException) {
      return exception(t.getMessage(), "42000");
    }
    if (t instanceof PlanningException planning) {
      return sentence(planning.getMessage(), planning.sqlState());
    }
    if (t instanceof StatementDepth.TooDeepException) {
      return sentence(t.getMessage(), "54001");
    }
    if (t instanceof QueryStoppedException stopped) {
      return sentence(stopped.getMessage(), stopped.getSQLState());
    }
    if (t instanceof ProductUnavailableException unavailable) {
      return sentence(unavailable.summary(), "08001");
    }
    if (t instanceof SourceUnavailableException unavailable) {
      return sentence(unavailable.summary(), "08001");
    }
    if (t instanceof SourceFailedException failed) {
      String state = failed.getSQLState();
      String source = failed.domain() + "." + failed.source();
      return sentence("source '" + failed.source() + "' of domain '" + failed.domain() + "' failed"
          + reading(reads, source) + ": " + SqlStates.describe(state), state);
    }
    if (t instanceof FileDataException) {
      return exception(t.getMessage(), SqlStates.DATA_EXCEPTION); // names file, line and column, never the value
    }
    return null;
  }

  /**
   * The SQLState of an error the JVM raised while evaluating an expression on a value, or null. Only
   * the class decides, and the message only tells the kind apart: it quotes the value.
   */
  private static String dataState(Throwable t) {
    String message = t.getMessage() == null ? "" : t.getMessage();
    if (t instanceof ArithmeticException) {
      // The JVM's own integer division by zero, once compiled hot, throws a shared exception without
      // a message (OmitStackTraceInFastThrow); every other ArithmeticException is thrown with one.
      return t.getMessage() == null || message.contains("by zero") || message.contains("Division undefined")
          ? SqlStates.DIVISION_BY_ZERO : SqlStates.OUT_OF_RANGE;
    }
    if (t instanceof NumberFormatException) {
      return SqlStates.INVALID_CAST;
    }
    if (t instanceof DateTimeException) {
      return SqlStates.INVALID_DATETIME;
    }
    if (t instanceof StringIndexOutOfBoundsException) {
      return SqlStates.SUBSTRING_ERROR;
    }
    if (t instanceof IllegalArgumentException || t instanceof CalciteException) {
      return DATETIME.matcher(message).matches() ? SqlStates.INVALID_DATETIME
          : message.startsWith("Invalid character for cast") ? SqlStates.INVALID_CAST
          : message.startsWith("Substring error") ? SqlStates.SUBSTRING_ERROR
          : SqlStates.DATA_EXCEPTION;
    }
    if (t instanceof ClassCastException || t instanceof IndexOutOfBoundsException || evaluating(t)) {
      return SqlStates.DATA_EXCEPTION;
    }
    return null;
  }

  /**
   * Whether Calcite's runtime library threw it while evaluating a function on a value (as the JSON
   * functions do with their parser's exceptions): a data exception, whatever its class.
   */
  private static boolean evaluating(Throwable t) {
    StackTraceElement[] frames = t.getStackTrace();
    for (int i = 0; i < Math.min(frames.length, 16); i++) {
      if (frames[i].getClassName().startsWith("org.apache.calcite.runtime.")) {
        return true;
      }
    }
    return false;
  }

  /** Cancelled by {@code Statement.cancel()} or past the query timeout, as Avatica and Calcite say it. */
  private static boolean cancelled(Throwable t) {
    String message = t.getMessage() == null ? "" : t.getMessage();
    return t instanceof CancellationException
        || t instanceof SQLException && message.equals("Statement canceled")
        || t instanceof CalciteException && message.startsWith("Timeout of ");
  }

  /** Errors in how the JDBC objects are used, rather than in what the statement reads. */
  private static SQLException usage(Throwable t) {
    if (t instanceof NoSuchElementException) {
      return sentence("the result set is not on a row; call next() first", "24000");
    }
    if (t instanceof UnsupportedOperationException) {
      return sentence("meshkit does not support an operation this statement needs", "0A000");
    }
    if (t.getMessage() != null && t.getMessage().endsWith("unbound parameter")) {
      return sentence("a parameter of the prepared statement is not set", "07001");
    }
    return null;
  }

  /**
   * A check of the JDBC layer's own (a closed result set, an unknown column), which quotes at most
   * what the caller passed; a getter that cannot convert also names its accessor's class, left out.
   */
  private static SQLException avatica(SQLException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.startsWith("cannot convert to ")) {
      int detail = message.indexOf(" (");
      String type = message.substring("cannot convert to ".length(), detail < 0 ? message.length() : detail);
      return sentence("the column's value cannot be read as " + type, SqlStates.INVALID_CAST);
    }
    String state = e.getSQLState() != null ? e.getSQLState()
        : e instanceof SQLFeatureNotSupportedException ? "0A000" : "HY000";
    if (message.isEmpty() || CLASS_NAME.matcher(message).find()) {
      return sentence("the JDBC call failed", state);
    }
    return exception(message, state);
  }

  /** " while reading data product a.b" for the products read (from {@code source}, when given), or nothing. */
  private static String reading(List<ProductRead> reads, String source) {
    List<String> products = new ArrayList<>();
    for (ProductRead read : reads) {
      if (source == null || read.sources().contains(source)) {
        products.add(read.product());
      }
    }
    return products.isEmpty() ? ""
        : " while reading data product" + (products.size() > 1 ? "s " : " ") + String.join(", ", products);
  }

  /** Calcite's parse message without its list of expected tokens; null when the parser had none. */
  private static String parseMessage(SqlParseException parse) {
    String message = parse.getMessage() == null ? "unexpected end of the statement" : parse.getMessage();
    int expecting = message.indexOf("\nWas expecting");
    return (expecting < 0 ? message : message.substring(0, expecting)).strip();
  }

  private static List<Throwable> chain(Throwable error) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = error; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  /** A sentence of meshkit's own, ending with its SQLState so that a printed message carries it. */
  private static SQLException sentence(String text, String state) {
    return exception(text + " (SQLState " + state + ")", state);
  }

  /** The JDBC subclass that fits the SQLState's class, so callers can tell retryable failures apart. */
  private static SQLException exception(String message, String state) {
    return switch (state.substring(0, 2)) {
      case "0A" -> new SQLFeatureNotSupportedException(message, state);
      case "08" -> new SQLTransientConnectionException(message, state);
      case "22" -> new SQLDataException(message, state);
      case "28" -> new SQLInvalidAuthorizationSpecException(message, state);
      case "40" -> new SQLTransactionRollbackException(message, state);
      case "42" -> new SQLSyntaxErrorException(message, state);
      default -> new SQLException(message, state);
    };
  }
}
