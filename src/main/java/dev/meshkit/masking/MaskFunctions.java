package dev.meshkit.masking;

import dev.meshkit.model.HashKey;
import java.time.LocalDate;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;

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

  /**
   * Lower-case hex HMAC-SHA256 of the value's UTF-8 bytes, keyed with the mesh's
   * {@code masking.hashKey}, which the running statement's mesh provides.
   *
   * @throws IllegalStateException if the statement does not run in a mesh with a key; the planner
   *     then leaves the call to run time, and no mesh loads a hash mask without a key
   */
  public static String hash(DataContext root, String value) {
    if (value == null) {
      return null;
    }
    SchemaPlus plus = root.getRootSchema();
    Schema schema = plus == null ? null : plus.unwrap(CalciteSchema.class).schema;
    HashKey key = schema instanceof MaskContext mesh ? mesh.hashKey() : null;
    if (key == null) {
      throw new IllegalStateException("the hash mask has no key here (masking.hashKey)");
    }
    return key.hash(value);
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
}
