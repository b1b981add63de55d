package dev.meshkit.contract;

import dev.meshkit.ProductContract.Column;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The changes between two versions of a product's columns, compared by name ignoring case. */
final class Columns {

  private Columns() {
  }

  static List<ColumnChange> changes(List<Column> before, List<Column> after) {
    Map<String, Column> old = byName(before);
    Map<String, Column> now = byName(after);
    Set<String> renamedTo = new HashSet<>();
    List<ColumnChange> changes = new ArrayList<>();
    for (int i = 0; i < before.size(); i++) {
      Column o = before.get(i);
      Column n = now.get(key(o.name()));
      if (n == null) {
        // A new name in the same place with the same type reads as a rename; it breaks consumers all the same.
        Column there = i < after.size() ? after.get(i) : null;
        if (there != null && !old.containsKey(key(there.name())) && there.type().equals(o.type())) {
          renamedTo.add(key(there.name()));
          changes.add(new ColumnChange(o.name(), ColumnChange.Kind.RENAMED, o.name(), there.name()));
        } else {
          changes.add(new ColumnChange(o.name(), ColumnChange.Kind.REMOVED, o.type(), null));
        }
        continue;
      }
      switch (ColumnType.parse(o.type()).to(ColumnType.parse(n.type()))) {
        case WIDENED -> changes.add(new ColumnChange(o.name(), ColumnChange.Kind.TYPE_WIDENED, o.type(), n.type()));
        case NARROWED -> changes.add(new ColumnChange(o.name(), ColumnChange.Kind.TYPE_NARROWED, o.type(), n.type()));
        case CHANGED -> changes.add(new ColumnChange(o.name(), ColumnChange.Kind.TYPE_CHANGED, o.type(), n.type()));
        default -> { }
      }
      flag(changes, o.name(), o.nullable(), n.nullable(), ColumnChange.Kind.BECAME_NULLABLE,
          ColumnChange.Kind.BECAME_NOT_NULL);
      flag(changes, o.name(), negate(o.required()), negate(n.required()), ColumnChange.Kind.NO_LONGER_REQUIRED,
          ColumnChange.Kind.BECAME_REQUIRED);
      flag(changes, o.name(), negate(o.unique()), negate(n.unique()), ColumnChange.Kind.NO_LONGER_UNIQUE,
          ColumnChange.Kind.BECAME_UNIQUE);
    }
    for (Column n : after) {
      if (!old.containsKey(key(n.name())) && !renamedTo.contains(key(n.name()))) {
        changes.add(new ColumnChange(n.name(), ColumnChange.Kind.ADDED, null, n.type()));
      }
    }
    return changes;
  }

  /** A constraint that allows more ({@code loosened}) or less ({@code tightened}); unknown on either side is no change. */
  private static void flag(List<ColumnChange> changes, String column, Boolean allowedBefore, Boolean allowedAfter,
      ColumnChange.Kind loosened, ColumnChange.Kind tightened) {
    if (allowedBefore == null || allowedAfter == null || allowedBefore.equals(allowedAfter)) {
      return;
    }
    changes.add(new ColumnChange(column, allowedAfter ? loosened : tightened, null, null));
  }

  private static Boolean negate(Boolean value) {
    return value == null ? null : !value;
  }

  private static Map<String, Column> byName(List<Column> columns) {
    Map<String, Column> byName = new LinkedHashMap<>();
    columns.forEach(c -> byName.putIfAbsent(key(c.name()), c));
    return byName;
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
