package dev.meshkit.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The built-in masks a mask policy names with {@code with}: the one table of them. The descriptor
 * reader and {@code Mask} accept exactly these names, the engine implements each constant (a
 * switch without a default, so a constant without an implementation does not compile), and a test
 * holds the documentation's table of masks to this one. Every built-in mask maps NULL to NULL.
 */
public enum BuiltInMask {

  HASH("hash", "hex HMAC-SHA256 of the value as text with the mesh's key (masking.hashKey), in lower case",
      ResultType.VARCHAR),
  REDACT("redact", "the value as text, letters replaced by x and digits by n", ResultType.VARCHAR),
  NULLIFY("nullify", "NULL", ResultType.SAME_AS_COLUMN),
  LAST4("last4", "the value as text, all but its last four characters replaced by X", ResultType.VARCHAR),
  FIRST4("first4", "the value as text, all but its first four characters replaced by X", ResultType.VARCHAR),
  YEAR("year", "1 January (at midnight) of the value's year; DATE and TIMESTAMP columns only",
      ResultType.SAME_AS_COLUMN);

  /** The SQL type of a masked column, described without naming the engine's type system. */
  public enum ResultType {
    /** Text of unbounded length, nullable as the column is. */
    VARCHAR("VARCHAR"),
    /** The column's own type. */
    SAME_AS_COLUMN("the column's type");

    private final String label;

    ResultType(String label) {
      this.label = label;
    }

    /** How documentation names this result type. */
    public String label() {
      return label;
    }
  }

  private final String descriptorName;
  private final String description;
  private final ResultType resultType;

  BuiltInMask(String descriptorName, String description, ResultType resultType) {
    this.descriptorName = descriptorName;
    this.description = description;
    this.resultType = resultType;
  }

  /** The name a descriptor's {@code with} gives, such as {@code last4}. */
  public String descriptorName() {
    return descriptorName;
  }

  /** What the mask returns, in one line, for documentation and messages. */
  public String description() {
    return description;
  }

  public ResultType resultType() {
    return resultType;
  }

  /** The mask a descriptor's {@code with} names; names match exactly, case included. */
  public static Optional<BuiltInMask> named(String name) {
    return Arrays.stream(values()).filter(mask -> mask.descriptorName.equals(name)).findFirst();
  }

  /** Every descriptor name, in the order of this table. */
  public static List<String> names() {
    return Arrays.stream(values()).map(BuiltInMask::descriptorName).toList();
  }
}
