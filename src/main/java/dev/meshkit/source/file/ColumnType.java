package dev.meshkit.source.file;

import dev.meshkit.source.MeshTypeSystem;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The SQL type of a file column and the conversion of its text into Calcite's internal value
 * (INTEGER as Integer, DATE as Integer days, TIMESTAMP as Long UTC millis, ...).
 *
 * @param precision for DECIMAL; 0 in a declared plain {@code decimal}, which takes it from the sample
 * @param scale for DECIMAL
 */
record ColumnType(Kind kind, int precision, int scale) {

  enum Kind { INTEGER, BIGINT, DECIMAL, DOUBLE, BOOLEAN, DATE, TIMESTAMP, VARCHAR }

  /** As many digits as the engine's type system holds, so a declared or inferred type is never clamped. */
  static final int MAX_DECIMAL_PRECISION = MeshTypeSystem.INSTANCE.getMaxPrecision(SqlTypeName.DECIMAL);

  static final ColumnType INTEGER = new ColumnType(Kind.INTEGER, 0, 0);
  static final ColumnType BIGINT = new ColumnType(Kind.BIGINT, 0, 0);
  static final ColumnType DOUBLE = new ColumnType(Kind.DOUBLE, 0, 0);
  static final ColumnType BOOLEAN = new ColumnType(Kind.BOOLEAN, 0, 0);
  static final ColumnType DATE = new ColumnType(Kind.DATE, 0, 0);
  static final ColumnType TIMESTAMP = new ColumnType(Kind.TIMESTAMP, 0, 0);
  static final ColumnType VARCHAR = new ColumnType(Kind.VARCHAR, 0, 0);

  private static final Pattern DECLARED_DECIMAL =
      Pattern.compile("decimal\\s*(?:\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\))?");

  /** Accepts 'yyyy-MM-dd HH:mm:ss[.fff]' and the ISO form with 'T', optionally with an offset. */
  private static final DateTimeFormatter TIMESTAMP_FORMAT = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd()
      .append(DateTimeFormatter.ISO_LOCAL_TIME)
      .optionalStart().appendOffsetId().optionalEnd()
      .toFormatter(Locale.ROOT)
      .withResolverStyle(ResolverStyle.STRICT);

  static ColumnType decimal(int precision, int scale) {
    return new ColumnType(Kind.DECIMAL, precision, scale);
  }

  /**
   * Reads a declared type name: integer/int, bigint, decimal[(p[,s])], double, boolean, date,
   * timestamp, varchar; case-insensitive.
   *
   * @throws IllegalArgumentException for any other name
   */
  static ColumnType declared(String name) {
    String text = name.trim().toLowerCase(Locale.ROOT);
    switch (text) {
      case "integer", "int": return INTEGER;
      case "bigint": return BIGINT;
      case "double": return DOUBLE;
      case "boolean": return BOOLEAN;
      case "date": return DATE;
      case "timestamp": return TIMESTAMP;
      case "varchar": return VARCHAR;
      default: break;
    }
    Matcher m = DECLARED_DECIMAL.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("unknown column type '" + name + "' (accepted: integer, "
          + "bigint, decimal(p,s), double, boolean, date, timestamp, varchar)");
    }
    if (m.group(1) == null) {
      return decimal(0, 0);
    }
    int precision = Integer.parseInt(m.group(1));
    int scale = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    if (precision < 1 || precision > MAX_DECIMAL_PRECISION || scale > precision) {
      throw new IllegalArgumentException("column type '" + name + "' needs 1 <= precision <= "
          + MAX_DECIMAL_PRECISION + " and scale <= precision");
    }
    return decimal(precision, scale);
  }

  RelDataType relType(RelDataTypeFactory factory) {
    RelDataType type = switch (kind) {
      case INTEGER -> factory.createSqlType(SqlTypeName.INTEGER);
      case BIGINT -> factory.createSqlType(SqlTypeName.BIGINT);
      case DECIMAL -> factory.createSqlType(SqlTypeName.DECIMAL, precision, scale);
      case DOUBLE -> factory.createSqlType(SqlTypeName.DOUBLE);
      case BOOLEAN -> factory.createSqlType(SqlTypeName.BOOLEAN);
      case DATE -> factory.createSqlType(SqlTypeName.DATE);
      // Precision 3 so that milliseconds survive.
      case TIMESTAMP -> factory.createSqlType(SqlTypeName.TIMESTAMP, 3);
      case VARCHAR -> factory.createSqlType(SqlTypeName.VARCHAR);
    };
    return factory.createTypeWithNullability(type, true);
  }

  /**
   * Converts a non-null cell. Blank text is NULL in every type but VARCHAR, which keeps text as is.
   *
   * @throws IllegalArgumentException when the text is not a value of this type; the message never
   *     repeats the text, which may be protected data
   */
  Object convert(String text) {
    if (kind == Kind.VARCHAR) {
      return text;
    }
    String s = text.strip();
    if (s.isEmpty()) {
      return null;
    }
    try {
      return switch (kind) {
        case INTEGER -> Integer.parseInt(s);
        case BIGINT -> Long.parseLong(s);
        case DECIMAL -> toDecimal(new BigDecimal(s));
        case DOUBLE -> Double.parseDouble(s);
        case BOOLEAN -> toBoolean(s);
        case DATE -> (int) parseDate(s).toEpochDay();
        case TIMESTAMP -> parseTimestampMillis(s);
        case VARCHAR -> text;
      };
    } catch (NumberFormatException | DateTimeException | ArithmeticException e) {
      // Deliberately no cause: the parsers' messages quote the text.
      throw new IllegalArgumentException("not a valid " + this);
    }
  }

  private BigDecimal toDecimal(BigDecimal value) {
    BigDecimal scaled = value.setScale(scale, RoundingMode.UNNECESSARY);
    if (scaled.precision() - scaled.scale() > precision - scale) {
      throw new ArithmeticException();
    }
    return scaled;
  }

  private static Boolean toBoolean(String s) {
    if (s.equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (s.equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    throw new NumberFormatException();
  }

  /** Strictly yyyy-MM-dd; hand-parsed because it runs once per cell. */
  static LocalDate parseDate(String s) {
    if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
      throw new DateTimeException("not yyyy-MM-dd");
    }
    return LocalDate.of(digits(s, 0, 4), digits(s, 5, 7), digits(s, 8, 10));
  }

  private static int digits(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new DateTimeException("not a digit");
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /** Millis since the epoch read as UTC, so the JVM's time zone never matters; offsets shift to UTC. */
  static long parseTimestampMillis(String s) {
    TemporalAccessor parsed = TIMESTAMP_FORMAT.parse(s);
    LocalDateTime local = LocalDateTime.from(parsed);
    ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS)
        ? ZoneOffset.from(parsed) : ZoneOffset.UTC;
    return local.toEpochSecond(offset) * 1000L + local.getNano() / 1_000_000;
  }

  /**
   * The literal as a value comparable with this column's values, or null when that would need a
   * conversion that could change the comparison (then Calcite keeps the predicate).
   */
  Comparable<?> literal(RexLiteral literal) {
    if (literal.isNull()) {
      return null;
    }
    SqlTypeName typeName = literal.getType().getSqlTypeName();
    try {
      return switch (kind) {
        case INTEGER -> {
          BigDecimal v = exactNumber(literal, typeName);
          yield v == null ? null : Integer.valueOf(v.intValueExact());
        }
        case BIGINT -> {
          BigDecimal v = exactNumber(literal, typeName);
          yield v == null ? null : Long.valueOf(v.longValueExact());
        }
        case DECIMAL -> SqlTypeFamily.EXACT_NUMERIC.contains(literal.getType())
            ? literal.getValueAs(BigDecimal.class) : null;
        case DOUBLE -> SqlTypeFamily.NUMERIC.contains(literal.getType())
            ? literal.getValueAs(Double.class) : null;
        case BOOLEAN -> typeName == SqlTypeName.BOOLEAN ? literal.getValueAs(Boolean.class) : null;
        case DATE -> typeName == SqlTypeName.DATE ? literal.getValueAs(Integer.class) : null;
        case TIMESTAMP -> typeName == SqlTypeName.TIMESTAMP ? literal.getValueAs(Long.class) : null;
        case VARCHAR -> SqlTypeFamily.CHARACTER.contains(literal.getType())
            ? literal.getValueAs(String.class) : null;
      };
    } catch (ArithmeticException e) {
      return null;
    }
  }

  /** An exact literal with no fraction, or null. */
  private static BigDecimal exactNumber(RexLiteral literal, SqlTypeName typeName) {
    if (!SqlTypeName.EXACT_TYPES.contains(typeName)) {
      return null;
    }
    BigDecimal v = literal.getValueAs(BigDecimal.class);
    return v != null && v.stripTrailingZeros().scale() <= 0 ? v : null;
  }

  /** SQL comparison of two non-null values of this type. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  int compare(Object a, Object b) {
    if (kind == Kind.DOUBLE) {
      double x = (Double) a;
      double y = (Double) b;
      // SQL has 0.0 = -0.0, Double.compare does not.
      return x == y ? 0 : Double.compare(x, y);
    }
    return ((Comparable) a).compareTo(b);
  }

  @Override
  public String toString() {
    return kind == Kind.DECIMAL ? "DECIMAL(" + precision + "," + scale + ")" : kind.name();
  }
}
