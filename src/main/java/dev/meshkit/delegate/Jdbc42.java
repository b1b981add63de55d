package dev.meshkit.delegate;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.JDBCType;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLType;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The JDBC 4.2 type mappings that Avatica's result sets and prepared statements lack, for the
 * engine's and the remote client's alike: {@code getObject(column, Class)} and {@code setObject}
 * with java.time values. Written out per type through the typed getters and setters, no reflection.
 *
 * <p>Dates, times and timestamps keep Avatica's convention: a DATE, TIME or TIMESTAMP is a wall-clock
 * value, handed over as a {@code java.sql} value in the JVM's time zone. So a {@link LocalDate} or
 * {@link LocalDateTime} goes in and comes out with the same fields, in any year, across daylight
 * saving changes; only a wall-clock time that the JVM's zone skips (02:30 on a spring-forward day)
 * moves forward, as it does everywhere in Avatica. An {@link OffsetDateTime}, {@link ZonedDateTime}
 * or {@link Instant} stands for an instant, read and bound as the JVM zone's wall clock at it.
 */
public final class Jdbc42 {

  private Jdbc42() {
  }

  /**
   * {@code ResultSet.getObject(column, type)}: the column's value as {@code type}, or null for SQL
   * NULL.
   *
   * @throws SQLFeatureNotSupportedException (SQLState 0A000) for a type there is no mapping to
   */
  public static <T> T getObject(ResultSet rs, int column, Class<T> type) throws SQLException {
    if (type == null) {
      throw new SQLException("getObject needs a class to convert column " + column + " to, not null", "22023");
    }
    return type.cast(read(rs, column, type, null));
  }

  /** {@link #getObject(ResultSet, int, Class)} for a column named by its label. */
  public static <T> T getObject(ResultSet rs, String label, Class<T> type) throws SQLException {
    if (type == null) {
      throw new SQLException("getObject needs a class to convert column '" + label + "' to, not null", "22023");
    }
    return type.cast(read(rs, rs.findColumn(label), type, label));
  }

  /**
   * {@code ResultSet.getObject(column, map)}: with no user-defined types, an empty (or null) map reads
   * as {@code getObject(column)}.
   *
   * @throws SQLFeatureNotSupportedException (SQLState 0A000) for a map that names types
   */
  public static Object getObject(ResultSet rs, int column, Map<String, Class<?>> map) throws SQLException {
    noTypes(map);
    return rs.getObject(column);
  }

  /** {@link #getObject(ResultSet, int, Map)} for a column named by its label. */
  public static Object getObject(ResultSet rs, String label, Map<String, Class<?>> map) throws SQLException {
    noTypes(map);
    return rs.getObject(label);
  }

  private static void noTypes(Map<String, Class<?>> map) throws SQLException {
    if (map != null && !map.isEmpty()) {
      throw new SQLFeatureNotSupportedException("meshkit has no user-defined types, so a type map must be empty; it"
          + " names " + map.size() + (map.size() == 1 ? " type" : " types"), "0A000");
    }
  }

  private static Object read(ResultSet rs, int c, Class<?> type, String label) throws SQLException {
    if (type == String.class) {
      return rs.getString(c);
    }
    if (type == Integer.class) {
      int v = rs.getInt(c);
      return rs.wasNull() ? null : v;
    }
    if (type == Long.class) {
      long v = rs.getLong(c);
      return rs.wasNull() ? null : v;
    }
    if (type == BigDecimal.class) {
      return rs.getBigDecimal(c);
    }
    if (type == LocalDate.class) {
      Date d = rs.getDate(c);
      return d == null ? null : d.toLocalDate();
    }
    if (type == LocalDateTime.class) {
      Timestamp t = rs.getTimestamp(c);
      return t == null ? null : t.toLocalDateTime();
    }
    if (type == LocalTime.class) {
      Time t = rs.getTime(c);
      return t == null ? null : localTime(t);
    }
    if (type == OffsetDateTime.class || type == ZonedDateTime.class || type == Instant.class) {
      return instant(rs, c, type, label);
    }
    if (type == Double.class) {
      double v = rs.getDouble(c);
      return rs.wasNull() ? null : v;
    }
    if (type == Float.class) {
      float v = rs.getFloat(c);
      return rs.wasNull() ? null : v;
    }
    if (type == Short.class) {
      short v = rs.getShort(c);
      return rs.wasNull() ? null : v;
    }
    if (type == Byte.class) {
      byte v = rs.getByte(c);
      return rs.wasNull() ? null : v;
    }
    if (type == Boolean.class) {
      boolean v = rs.getBoolean(c);
      return rs.wasNull() ? null : v;
    }
    if (type == BigInteger.class) {
      BigDecimal v = rs.getBigDecimal(c);
      if (v == null) {
        return null;
      }
      try {
        return v.toBigIntegerExact();
      } catch (ArithmeticException e) {
        throw new SQLDataException("the value of " + where(c, label) + " has a fraction, so it is not a BigInteger"
            + " (read it as BigDecimal)", "22018");
      }
    }
    if (type == byte[].class) {
      return rs.getBytes(c);
    }
    if (type == Timestamp.class) {
      return rs.getTimestamp(c);
    }
    if (type == Date.class) {
      return rs.getDate(c);
    }
    if (type == Time.class) {
      return rs.getTime(c);
    }
    if (type == java.util.Date.class) {
      Timestamp t = rs.getTimestamp(c);
      return t == null ? null : new java.util.Date(t.getTime());
    }
    if (type == Array.class) {
      return rs.getArray(c);
    }
    if (type == Object.class) {
      return rs.getObject(c);
    }
    Object value = rs.getObject(c);
    if (value == null || type.isInstance(value)) {
      return value;
    }
    throw new SQLFeatureNotSupportedException("getObject cannot read " + where(c, label) + " as " + type.getName()
        + "; it reads String, the boxed numbers, Boolean, BigDecimal, BigInteger, byte[], LocalDate, LocalTime,"
        + " LocalDateTime, OffsetDateTime, ZonedDateTime, Instant, java.sql.Date, Time, Timestamp, Array and Object",
        "0A000");
  }

  /**
   * A TIMESTAMP is the JVM zone's wall clock; a value the driver already carries with its offset (a
   * TIMESTAMP WITH TIME ZONE from a source, or its text over the wire) keeps that offset.
   */
  private static Object instant(ResultSet rs, int c, Class<?> type, String label) throws SQLException {
    Object value = rs.getObject(c);
    OffsetDateTime at;
    if (value == null) {
      return null;
    } else if (value instanceof OffsetDateTime odt) {
      at = odt;
    } else if (value instanceof ZonedDateTime zdt) {
      at = zdt.toOffsetDateTime();
    } else if (value instanceof Instant i) {
      at = i.atZone(ZoneId.systemDefault()).toOffsetDateTime();
    } else if (value instanceof String text) {
      try {
        at = OffsetDateTime.parse(text);
      } catch (DateTimeParseException e) {
        throw new SQLDataException("the value of " + where(c, label) + " is not a timestamp with a time zone, so it"
            + " cannot be read as " + type.getSimpleName(), "22007");
      }
    } else {
      at = rs.getTimestamp(c).toLocalDateTime().atZone(ZoneId.systemDefault()).toOffsetDateTime();
    }
    if (type == OffsetDateTime.class) {
      return at;
    }
    return type == Instant.class ? at.toInstant() : at.toZonedDateTime();
  }

  /** The JVM zone's wall clock at an instant, by java.time's rules (which java.util's differ from before 1900). */
  private static Timestamp wallClock(Instant instant) {
    return Timestamp.valueOf(LocalDateTime.ofInstant(instant, ZoneId.systemDefault()));
  }

  /** A {@link Time} to a local time, with the milliseconds that {@link Time#toLocalTime()} drops. */
  private static LocalTime localTime(Time t) {
    return t.toLocalTime().withNano((int) Math.floorMod(t.getTime(), 1000L) * 1_000_000);
  }

  private static String where(int column, String label) {
    return label != null ? "column '" + label + "'" : "column " + column;
  }

  /**
   * The value to pass on for {@code PreparedStatement.setObject(index, value[, targetSqlType])}: a
   * java.time value, {@link BigInteger}, {@link Character} or {@link java.util.Date} as the JDBC type
   * it maps to, which Avatica binds; anything else, null included, as it is.
   */
  public static Object bindable(Object value) {
    return convert(value);
  }

  /**
   * The value to pass on for {@code setObject(index, value, targetSqlType[, scaleOrLength])}: as
   * {@link #bindable(Object)}, and for a DATE, TIME or TIMESTAMP target the {@code java.sql} value of
   * that type, which the caller binds with {@code setObject(index, value)} when {@link #bindsByClass}
   * says so: Avatica converts no date-time value to a date-time target type.
   *
   * @throws SQLDataException (SQLState 22007) for text that is not a date, time or timestamp
   */
  public static Object bindable(Object value, int targetSqlType) throws SQLException {
    Object v = convert(value);
    try {
      switch (targetSqlType) {
        case Types.DATE -> {
          if (v instanceof Timestamp t) {
            return Date.valueOf(t.toLocalDateTime().toLocalDate());
          }
          return v instanceof String text ? Date.valueOf(text.strip()) : v;
        }
        case Types.TIME, Types.TIME_WITH_TIMEZONE -> {
          if (v instanceof Timestamp t) {
            return convert(t.toLocalDateTime().toLocalTime());
          }
          return v instanceof String text ? Time.valueOf(text.strip()) : v;
        }
        case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> {
          if (v instanceof Date d) {
            return Timestamp.valueOf(d.toLocalDate().atStartOfDay());
          }
          if (v instanceof Time t) {
            return Timestamp.valueOf(LocalDate.EPOCH.atTime(localTime(t)));
          }
          return v instanceof String text ? Timestamp.valueOf(text.strip()) : v;
        }
        default -> {
          return v;
        }
      }
    } catch (IllegalArgumentException e) {
      throw new SQLDataException("the text bound as " + JDBCType.valueOf(targetSqlType).getName() + " is not in the"
          + " JDBC escape format (yyyy-mm-dd, hh:mm:ss or yyyy-mm-dd hh:mm:ss[.f...])", "22007");
    }
  }

  /**
   * True when {@code bound}, from {@link #bindable(Object, int)}, is to be bound by its own class, with
   * {@code setObject(index, bound)}, rather than with the target type.
   */
  public static boolean bindsByClass(Object bound, int targetSqlType) {
    return bound instanceof java.util.Date && switch (targetSqlType) {
      case Types.DATE, Types.TIME, Types.TIME_WITH_TIMEZONE, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> true;
      default -> false;
    };
  }

  /**
   * The type number to pass on for {@code setObject(index, value, SQLType)}, which Avatica does not
   * implement.
   *
   * @throws SQLFeatureNotSupportedException (SQLState 0A000) for a type without a vendor type number
   */
  public static int typeNumber(SQLType type) throws SQLException {
    Integer number = type == null ? null : type.getVendorTypeNumber();
    if (number == null) {
      throw new SQLFeatureNotSupportedException("setObject needs a java.sql.JDBCType as its target type, not "
          + (type == null ? "null" : type.getName()), "0A000");
    }
    return number;
  }

  private static Object convert(Object value) {
    if (value instanceof LocalDate d) {
      return Date.valueOf(d);
    }
    if (value instanceof LocalDateTime t) {
      return Timestamp.valueOf(t);
    }
    if (value instanceof LocalTime t) {
      Time time = Time.valueOf(t);
      time.setTime(time.getTime() + t.getNano() / 1_000_000);
      return time;
    }
    if (value instanceof OffsetDateTime t) {
      return wallClock(t.toInstant());
    }
    if (value instanceof ZonedDateTime t) {
      return wallClock(t.toInstant());
    }
    if (value instanceof Instant t) {
      return wallClock(t);
    }
    if (value instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (value instanceof Character c) {
      return c.toString();
    }
    if (value instanceof java.util.Date d && !(value instanceof Date) && !(value instanceof Time)
        && !(value instanceof Timestamp)) {
      return new Timestamp(d.getTime());
    }
    return value;
  }
}
