package dev.meshkit.fuzz;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import dev.meshkit.fuzz.Ast.Lit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What one engine made of one query: its rows, with values normalized so that engines compare
 * (numbers as BigDecimal, doubles as Double, dates as ISO text), or its failure.
 */
record Outcome(List<List<Object>> rows, Failure failure) {

  /** Bounds a runaway query: the grammar keeps answers small, so this is a hang, not a slow query. */
  static final int TIMEOUT_SECONDS = 30;

  /**
   * A failure: an SQLException's state and message, or {@code thrown} the class of anything else that
   * left the driver (which must never happen). {@code cause} is what the mesh logged of a failure it
   * could not name (the classes of the exception chain), and {@code brokeConnection} says that the
   * connection failed a simple query afterwards.
   */
  record Failure(String sqlState, String message, String thrown, String cause, boolean brokeConnection) {
    Failure(String sqlState, String message, String thrown) {
      this(sqlState, message, thrown, null, false);
    }

    Failure withCause(String logged) {
      return new Failure(sqlState, message, thrown, logged, brokeConnection);
    }

    Failure broken() {
      return new Failure(sqlState, message, thrown, cause, true);
    }

    boolean javaError() {
      return thrown != null || sqlState == null;
    }

    /** The message with what varies between statements (numbers, quoted values, products) taken out. */
    String pattern() {
      return Failures.pattern(message, true);
    }

    /**
     * The pattern of a message of the mesh's, which quotes no data value, so its quoted names (a
     * source, a column) stay, and of what it logged.
     */
    String meshPattern() {
      return Failures.pattern(message, false) + (cause != null ? " {" + Failures.pattern(cause, false) + "}" : "");
    }

    @Override
    public String toString() {
      return (thrown != null ? thrown + ": " : "") + "[" + sqlState + "] " + message
          + (cause != null ? " (logged: " + cause + ")" : "");
    }
  }

  static Outcome of(List<List<Object>> rows) {
    return new Outcome(rows, null);
  }

  static Outcome failed(Failure failure) {
    return new Outcome(null, failure);
  }

  boolean ok() {
    return failure == null;
  }

  /** Runs {@code sql} and reads every row; catches everything, so the caller sees what left the driver. */
  static Outcome run(Connection connection, String sql) {
    return run(connection, sql, List.of());
  }

  /** Runs {@code sql}, a prepared statement when it has parameters, bound to the values of {@code params}. */
  static Outcome run(Connection connection, String sql, List<Lit> params) {
    try {
      if (params.isEmpty()) {
        try (Statement statement = connection.createStatement()) {
          statement.setQueryTimeout(TIMEOUT_SECONDS);
          try (ResultSet rs = statement.executeQuery(sql)) {
            return of(read(rs));
          }
        }
      }
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        statement.setQueryTimeout(TIMEOUT_SECONDS);
        for (int i = 0; i < params.size(); i++) {
          bind(statement, i + 1, params.get(i));
        }
        try (ResultSet rs = statement.executeQuery()) {
          return of(read(rs));
        }
      }
    } catch (SQLException e) {
      return failed(new Failure(e.getSQLState(), firstLine(e.getMessage()), null));
    } catch (Throwable e) { // the driver must never let one out; the oracles report it
      if (e instanceof OutOfMemoryError oom) {
        throw oom;
      }
      return failed(new Failure(null, firstLine(e.getMessage()), e.getClass().getName()));
    }
  }

  static void bind(PreparedStatement statement, int index, Lit param) throws SQLException {
    Object value = param.value();
    switch (param.type()) {
      case INTEGER -> statement.setInt(index, (Integer) value);
      case BIGINT -> statement.setLong(index, (Long) value);
      case DECIMAL -> statement.setBigDecimal(index, (BigDecimal) value);
      case DOUBLE -> statement.setDouble(index, (Double) value);
      case VARCHAR -> statement.setString(index, (String) value);
      case DATE -> statement.setObject(index, value); // a LocalDate, as JDBC 4.2 binds it
      case BOOLEAN -> statement.setBoolean(index, (Boolean) value);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }

  static List<List<Object>> read(ResultSet rs) throws SQLException {
    int columns = rs.getMetaData().getColumnCount();
    List<List<Object>> rows = new ArrayList<>();
    while (rs.next()) {
      List<Object> row = new ArrayList<>(columns);
      for (int i = 1; i <= columns; i++) {
        row.add(normalize(rs.getObject(i)));
      }
      rows.add(row);
    }
    return rows;
  }

  /** One representation per value whatever the driver returned: Integer and Long alike, dates as text. */
  static Object normalize(Object value) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Double || value instanceof Float) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof BigDecimal d) {
      return d;
    }
    if (value instanceof Number n) { // Byte, Short, Integer, Long, BigInteger
      return value instanceof BigInteger b ? new BigDecimal(b) : BigDecimal.valueOf(n.longValue());
    }
    if (value instanceof java.sql.Date d) {
      return d.toLocalDate().toString();
    }
    if (value instanceof LocalDate d) {
      return d.toString();
    }
    if (value instanceof Timestamp t) {
      return t.toLocalDateTime().toString();
    }
    if (value instanceof LocalDateTime t) {
      return t.toString();
    }
    return value.toString();
  }

  // ---------------------------------------------------------------- comparison

  /** Doubles agree to this relative difference: engines sum and divide in their own order. */
  static final double TOLERANCE = 1e-9;

  /** Whether two normalized values are the same, doubles within the tolerance. */
  static boolean same(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof Double || b instanceof Double) {
      if (!(a instanceof Number) || !(b instanceof Number)) {
        return false;
      }
      double x = ((Number) a).doubleValue();
      double y = ((Number) b).doubleValue();
      return x == y || Math.abs(x - y) <= TOLERANCE * Math.max(Math.abs(x), Math.abs(y));
    }
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      return x.compareTo(y) == 0;
    }
    return a.equals(b);
  }

  /**
   * A key that sorts equal values together: numbers by value, rounded below the tolerance, then
   * exactly, so that rows whose rounded values tie (-34067.62 and -34067.64) sort alike on both sides.
   */
  static String sortKey(List<Object> row) {
    StringBuilder key = new StringBuilder();
    StringBuilder exact = new StringBuilder();
    for (Object value : row) {
      if (value == null) {
        key.append("\u0000null");
      } else if (value instanceof Number n) {
        BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.doubleValue());
        key.append("n").append(d.round(new MathContext(8)).stripTrailingZeros().toPlainString());
        exact.append(d.stripTrailingZeros().toPlainString());
      } else {
        key.append(value.getClass().getSimpleName().charAt(0)).append(value);
      }
      key.append('\u0001');
      exact.append('\u0001');
    }
    return key.append('\u0002').append(exact).toString();
  }

  static List<List<Object>> sorted(List<List<Object>> rows) {
    List<Map.Entry<String, List<Object>>> keyed = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      keyed.add(Map.entry(sortKey(row), row));
    }
    keyed.sort(Map.Entry.comparingByKey());
    List<List<Object>> sorted = new ArrayList<>(rows.size());
    keyed.forEach(e -> sorted.add(e.getValue()));
    return sorted;
  }

  /** Text of a row for a report. */
  static String show(List<Object> row) {
    List<String> cells = new ArrayList<>();
    for (Object value : row) {
      cells.add(value == null ? "NULL" : value instanceof String s ? "'" + s + "'"
          : value instanceof BigDecimal d ? d.toPlainString() : value.toString());
    }
    return "(" + String.join(", ", cells) + ")";
  }

  /** Normalizes failure messages into classes. */
  static final class Failures {
    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");
    private static final Pattern PRODUCT = Pattern.compile("\\bd[a-e]\\.t\\d\\b");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    /** The state the mesh appends to its sentences; the class has it already. */
    private static final Pattern STATE = Pattern.compile(" \\(SQLState \\w{5}\\)$");

    private Failures() {
    }

    static String pattern(String message, boolean hideQuoted) {
      String text = message == null ? "" : STATE.matcher(message).replaceAll("");
      text = PRODUCT.matcher(text).replaceAll("<product>");
      if (hideQuoted) {
        text = QUOTED.matcher(text).replaceAll("'…'");
      }
      text = NUMBER.matcher(text).replaceAll("#");
      return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
  }
}
