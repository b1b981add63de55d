package dev.meshkit.contract;

import static java.util.Objects.requireNonNull;

/**
 * One change to a column of a product's contract.
 *
 * @param column the column's name in the old version (in the new one for an added column)
 * @param kind what changed
 * @param before the old type or setting, or null for an added column
 * @param after the new one, or null for a removed column
 */
public record ColumnChange(String column, Kind kind, String before, String after) {

  /** What happened to the column; each kind is breaking or compatible. */
  public enum Kind {
    ADDED(false, "was added"),
    REMOVED(true, "was removed"),
    RENAMED(true, "was renamed"),
    TYPE_WIDENED(false, "type was widened"),
    TYPE_NARROWED(true, "type was narrowed"),
    TYPE_CHANGED(true, "type was changed"),
    BECAME_NOT_NULL(true, "became NOT NULL"),
    BECAME_NULLABLE(false, "became nullable"),
    BECAME_REQUIRED(true, "became required"),
    NO_LONGER_REQUIRED(false, "is no longer required"),
    BECAME_UNIQUE(true, "became unique"),
    NO_LONGER_UNIQUE(false, "is no longer unique");

    private final boolean breaking;
    private final String words;

    Kind(boolean breaking, String words) {
      this.breaking = breaking;
      this.words = words;
    }

    public boolean breaking() {
      return breaking;
    }
  }

  public ColumnChange {
    requireNonNull(column, "column is null");
    requireNonNull(kind, "kind is null");
  }

  public boolean breaking() {
    return kind.breaking();
  }

  /** {@code column amount type was narrowed from DECIMAL(12, 2) to DECIMAL(10, 2)}. */
  public String describe() {
    String text = "column " + column + " " + kind.words;
    if (kind == Kind.RENAMED) {
      return text + " to " + after;
    }
    if (before != null && after != null) {
      return text + " from " + before + " to " + after;
    }
    return text + (after != null ? " (" + after + ")" : before != null ? " (was " + before + ")" : "");
  }
}
