package dev.meshkit.masking;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;

/**
 * The built-in column masks, as static methods that Calcite's generated code calls by reflection
 * (hence public). Every method maps null to null. Text is handled by code point, so a character
 * outside the Basic Multilingual Plane counts, and is masked, as one character.
 */
public final class MaskFunctions {

  private static final int SHOWN = 4;
  private static final long MILLIS_PER_DAY = 86_400_000L;

  private MaskFunctions() {
  }

  /** Lower-case hex SHA-256 of the value's UTF-8 bytes. */
  public static String hash(String value) {
    if (value == null) {
      return null;
    }
    return HexFormat.of().formatHex(sha256().digest(value.getBytes(StandardCharsets.UTF_8)));
  }

  /** Letters become {@code x}, digits {@code n}; punctuation and spaces are kept, so the shape shows. */
  public static String redact(String value) {
    if (value == null) {
      return null;
    }
    StringBuilder out = new StringBuilder(value.length());
    value.codePoints().forEach(c -> out.appendCodePoint(Character.isLetter(c) ? 'x' : Character.isDigit(c) ? 'n' : c));
    return out.toString();
  }

  /**
   * Every character but the last four becomes {@code X}. A value of four characters or fewer is
   * returned unchanged, as Ranger's MASK_SHOW_LAST_4 does: there is nothing before the part shown.
   */
  public static String last4(String value) {
    if (value == null) {
      return null;
    }
    int hidden = value.codePointCount(0, value.length()) - SHOWN;
    if (hidden <= 0) {
      return value;
    }
    return "X".repeat(hidden) + value.substring(value.offsetByCodePoints(0, hidden));
  }

  /** Every character but the first four becomes {@code X}; four characters or fewer are returned unchanged. */
  public static String first4(String value) {
    if (value == null) {
      return null;
    }
    int hidden = value.codePointCount(0, value.length()) - SHOWN;
    if (hidden <= 0) {
      return value;
    }
    return value.substring(0, value.offsetByCodePoints(0, SHOWN)) + "X".repeat(hidden);
  }

  /**
   * 1 January of the date's year. Takes and returns Calcite's internal DATE (days since
   * 1970-01-01), so no time zone takes part.
   */
  public static Integer yearOfDate(Integer days) {
    return days == null ? null : (int) yearStart(days);
  }

  /**
   * 00:00:00 on 1 January of the timestamp's year. Takes and returns Calcite's internal TIMESTAMP
   * (milliseconds since 1970-01-01 00:00:00, zone-less), so no time zone takes part.
   */
  public static Long yearOfTimestamp(Long millis) {
    return millis == null ? null : yearStart(Math.floorDiv(millis, MILLIS_PER_DAY)) * MILLIS_PER_DAY;
  }

  private static long yearStart(long epochDay) {
    return LocalDate.ofEpochDay(epochDay).withDayOfYear(1).toEpochDay();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }
}
