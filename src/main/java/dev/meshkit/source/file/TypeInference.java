package dev.meshkit.source.file;

import java.time.DateTimeException;

/**
 * Guesses a column's type from sample values: each value rules out the types it is not, and the
 * narrowest type left wins (INTEGER, BIGINT, DECIMAL, DOUBLE, BOOLEAN, DATE, TIMESTAMP, else
 * VARCHAR). NULLs rule out nothing; a column with no values at all is VARCHAR.
 */
final class TypeInference {

  private static final int INTEGER = 1;
  private static final int BIGINT = 1 << 1;
  private static final int DECIMAL = 1 << 2;
  private static final int DOUBLE = 1 << 3;
  private static final int BOOLEAN = 1 << 4;
  private static final int DATE = 1 << 5;
  private static final int TIMESTAMP = 1 << 6;
  private static final int ANY = (1 << 7) - 1;

  /**
   * Integer digits a sampled DECIMAL gets at least, since rows past the sample may be larger;
   * 12.34 becomes DECIMAL(15,2).
   */
  private static final int MIN_INTEGER_DIGITS = 13;

  private int candidates = ANY;
  private boolean seen;
  private int integerDigits;
  private int scale;

  /** A CSV cell or the text of a JSON number or boolean; blank text is NULL. */
  void acceptText(String text) {
    String s = text.strip();
    if (!s.isEmpty()) {
      observe(numberKinds(s) | otherKinds(s));
    }
  }

  /** A JSON string: it may hold a date or timestamp, but a quoted number stays text. */
  void acceptJsonString(String text) {
    String s = text.strip();
    if (!s.isEmpty()) {
      observe(temporalKinds(s));
    }
  }

  /** A value only VARCHAR can hold, such as a nested JSON object. */
  void acceptStructure() {
    observe(0);
  }

  private void observe(int kinds) {
    seen = true;
    candidates &= kinds;
  }

  ColumnType result() {
    if (!seen) {
      return ColumnType.VARCHAR;
    }
    if ((candidates & INTEGER) != 0) {
      return ColumnType.INTEGER;
    }
    if ((candidates & BIGINT) != 0) {
      return ColumnType.BIGINT;
    }
    if ((candidates & DECIMAL) != 0 && integerDigits + scale <= ColumnType.MAX_DECIMAL_PRECISION) {
      return decimal();
    }
    if ((candidates & (DECIMAL | DOUBLE)) != 0) {
      return ColumnType.DOUBLE;
    }
    if ((candidates & BOOLEAN) != 0) {
      return ColumnType.BOOLEAN;
    }
    if ((candidates & DATE) != 0) {
      return ColumnType.DATE;
    }
    if ((candidates & TIMESTAMP) != 0) {
      return ColumnType.TIMESTAMP;
    }
    return ColumnType.VARCHAR;
  }

  /** The DECIMAL type that fits the sample's plain numbers, with headroom for larger ones. */
  ColumnType decimal() {
    int s = Math.min(scale, ColumnType.MAX_DECIMAL_PRECISION);
    int precision = Math.min(ColumnType.MAX_DECIMAL_PRECISION,
        Math.max(integerDigits, MIN_INTEGER_DIGITS) + s);
    return ColumnType.decimal(precision, s);
  }

  /**
   * Plain numbers (-12, 12.34) are exact; ones with an exponent only DOUBLE. A leading zero (007)
   * marks a code, not a number.
   */
  private int numberKinds(String s) {
    int i = s.charAt(0) == '-' ? 1 : 0;
    int intStart = i;
    while (i < s.length() && isDigit(s.charAt(i))) {
      i++;
    }
    int intDigits = i - intStart;
    if (intDigits == 0 || (intDigits > 1 && s.charAt(intStart) == '0')) {
      return 0;
    }
    int fraction = 0;
    if (i < s.length() && s.charAt(i) == '.') {
      int fractionStart = ++i;
      while (i < s.length() && isDigit(s.charAt(i))) {
        i++;
      }
      fraction = i - fractionStart;
      if (fraction == 0) {
        return 0;
      }
    }
    if (i == s.length()) {
      integerDigits = Math.max(integerDigits, intDigits);
      scale = Math.max(scale, fraction);
      if (fraction > 0) {
        return DECIMAL | DOUBLE;
      }
      return integerKinds(s) | DECIMAL | DOUBLE;
    }
    return isExponent(s, i) ? DOUBLE : 0;
  }

  private static int integerKinds(String s) {
    try {
      long v = Long.parseLong(s);
      return v == (int) v ? INTEGER | BIGINT : BIGINT;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static boolean isExponent(String s, int i) {
    if (s.charAt(i) != 'e' && s.charAt(i) != 'E') {
      return false;
    }
    i++;
    if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int start = i;
    while (i < s.length() && isDigit(s.charAt(i))) {
      i++;
    }
    return i > start && i == s.length();
  }

  private static int otherKinds(String s) {
    if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
      return BOOLEAN;
    }
    return temporalKinds(s);
  }

  private static int temporalKinds(String s) {
    if (s.length() < 10 || !isDigit(s.charAt(0))) {
      return 0;
    }
    try {
      if (s.length() == 10) {
        ColumnType.parseDate(s);
        return DATE;
      }
      ColumnType.parseTimestampMillis(s);
      return TIMESTAMP;
    } catch (DateTimeException e) {
      return 0;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
