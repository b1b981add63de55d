package dev.meshkit.contract;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A column's SQL type as the catalog writes it ({@code INTEGER}, {@code VARCHAR(20)},
 * {@code DECIMAL(10, 2)}, {@code TIMESTAMP(3)}), and whether moving to another type widens it
 * (every old value still fits), narrows it, or changes it to something else.
 */
record ColumnType(String name, int precision, int scale, String text) {

  /** How one type relates to the type that replaces it. */
  enum Change { SAME, WIDENED, NARROWED, CHANGED }

  /** Precision that stands for "no limit", such as VARCHAR without a length. */
  private static final int UNBOUNDED = Integer.MAX_VALUE;
  private static final Pattern TYPE = Pattern.compile("([A-Z][A-Z_ ]*?)\\s*(?:\\((\\d+)(?:,\\s*(\\d+))?\\))?(\\s.*)?");
  /** Decimal digits an exact integer type holds. */
  private static final Map<String, Integer> INTEGER_DIGITS = Map.of("TINYINT", 3, "SMALLINT", 5, "INTEGER", 10,
      "BIGINT", 19);
  /** Approximate types, narrowest first; Calcite's FLOAT is a double. */
  private static final List<String> APPROXIMATE = List.of("REAL", "FLOAT", "DOUBLE");
  private static final List<String> CHARACTER = List.of("CHAR", "VARCHAR");
  private static final List<String> BINARY = List.of("BINARY", "VARBINARY");

  static ColumnType parse(String text) {
    String upper = text.strip().toUpperCase(Locale.ROOT);
    Matcher m = TYPE.matcher(upper);
    if (!m.matches()) {
      return new ColumnType(upper, -1, -1, text);
    }
    // What follows the parentheses (WITH LOCAL TIME ZONE) is part of the type's name.
    String name = m.group(1).strip() + (m.group(4) == null ? "" : " " + m.group(4).strip());
    int precision = m.group(2) == null ? -1 : Integer.parseInt(m.group(2));
    int scale = m.group(3) == null ? -1 : Integer.parseInt(m.group(3));
    if (name.equals("DECIMAL") && scale < 0) {
      scale = 0;
    }
    return new ColumnType(name, precision, scale, text);
  }

  /** How {@code next} relates to this type. */
  Change to(ColumnType next) {
    if (name.equals(next.name) && precision == next.precision && scale == next.scale) {
      return Change.SAME;
    }
    if (isExactNumber() && next.isExactNumber()) {
      Change change = compare(integerDigits(), next.integerDigits(), fractionDigits(), next.fractionDigits());
      // INTEGER to DECIMAL(10, 0) holds the same values under another type: every old value still fits.
      return change == Change.SAME ? Change.WIDENED : change;
    }
    if (isExactNumber() && next.isApproximate()) {
      // A double holds 15 significant digits exactly.
      return integerDigits() + fractionDigits() <= 15 ? Change.WIDENED : Change.CHANGED;
    }
    if (isApproximate() && next.isApproximate()) {
      return order(APPROXIMATE.indexOf(name), APPROXIMATE.indexOf(next.name));
    }
    if (CHARACTER.contains(name) && CHARACTER.contains(next.name)) {
      return lengths(next, CHARACTER);
    }
    if (BINARY.contains(name) && BINARY.contains(next.name)) {
      return lengths(next, BINARY);
    }
    if (name.equals(next.name)) {
      // TIMESTAMP(0) to TIMESTAMP(3), TIME(0) to TIME(6): fractional seconds, more is wider.
      return order(precision, next.precision);
    }
    return Change.CHANGED;
  }

  /** Fixed-length to variable-length widens when the length does not shrink; the other way changes the type. */
  private Change lengths(ColumnType next, List<String> family) {
    int from = length();
    int to = next.length();
    if (family.indexOf(name) > family.indexOf(next.name)) {
      return Change.CHANGED;
    }
    if (!name.equals(next.name)) {
      return to >= from ? Change.WIDENED : Change.CHANGED;
    }
    return order(from, to);
  }

  private int length() {
    return precision < 0 ? UNBOUNDED : precision;
  }

  private static Change order(int from, int to) {
    return from == to ? Change.SAME : to > from ? Change.WIDENED : Change.NARROWED;
  }

  private static Change compare(int fromWhole, int toWhole, int fromFraction, int toFraction) {
    boolean wider = toWhole >= fromWhole && toFraction >= fromFraction;
    boolean narrower = toWhole <= fromWhole && toFraction <= fromFraction;
    if (wider && narrower) {
      return Change.SAME;
    }
    return wider ? Change.WIDENED : narrower ? Change.NARROWED : Change.CHANGED;
  }

  private boolean isExactNumber() {
    return INTEGER_DIGITS.containsKey(name) || name.equals("DECIMAL");
  }

  private boolean isApproximate() {
    return APPROXIMATE.contains(name);
  }

  private int integerDigits() {
    Integer digits = INTEGER_DIGITS.get(name);
    return digits != null ? digits : Math.max(0, precision - Math.max(0, scale));
  }

  private int fractionDigits() {
    return INTEGER_DIGITS.containsKey(name) ? 0 : Math.max(0, scale);
  }

  @Override
  public String toString() {
    return text;
  }
}
