package dev.meshkit.tpch;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Compares two query results the way answers of different engines must be compared: numbers with a
 * tolerance (engines round and sum in different orders), unordered results as multisets, and ordered
 * results in order of their ORDER BY keys but in any order among rows with equal keys.
 */
final class ResultComparator {

  static final double RELATIVE_TOLERANCE = 1e-6;
  static final double ABSOLUTE_TOLERANCE = 1e-4;
  private static final int ROWS_SHOWN = 3;

  private ResultComparator() {
  }

  /**
   * Empty when the results match, else a readable account of the first differences.
   *
   * @param orderBy names of the result columns the query orders by, as {@link TpchQueries.Query#orderBy()}
   *     gives them; empty if the order is unspecified
   */
  static Optional<String> mismatch(QueryResult expected, QueryResult actual, List<String> orderBy) {
    if (expected.columns().size() != actual.columns().size()) {
      return Optional.of("expected " + expected.columns().size() + " columns " + expected.columns()
          + ", actual " + actual.columns().size() + " " + actual.columns());
    }
    int[] keys = orderBy.stream().mapToInt(name -> indexOf(name, expected.columns())).toArray();
    Comparator<List<Object>> tieBreak = rowOrder(exactColumnsFirst(expected));
    List<List<Object>> e = sortTies(expected.rows(), keys, tieBreak);
    List<List<Object>> a = sortTies(actual.rows(), keys, tieBreak);

    List<String> differences = new ArrayList<>();
    int differing = 0;
    for (int i = 0; i < Math.min(e.size(), a.size()); i++) {
      if (!rowsEqual(e.get(i), a.get(i))) {
        if (++differing <= ROWS_SHOWN) {
          differences.add("row " + (i + 1) + ": expected " + format(e.get(i))
              + "\n" + " ".repeat(String.valueOf(i + 1).length() + 6) + "actual   " + format(a.get(i))
              + "\n  differs in " + differingColumns(e.get(i), a.get(i), expected.columns()));
        }
      }
    }
    if (differing == 0 && e.size() == a.size()) {
      return Optional.empty();
    }
    StringBuilder message = new StringBuilder();
    if (e.size() != a.size()) {
      message.append("expected ").append(e.size()).append(" rows, actual ").append(a.size()).append('\n');
    }
    message.append(keys.length == 0 ? "compared as multisets" : "compared in order of " + orderBy)
        .append(", columns ").append(expected.columns()).append('\n');
    differences.forEach(d -> message.append(d).append('\n'));
    if (differing > ROWS_SHOWN) {
      message.append("... and ").append(differing - ROWS_SHOWN).append(" more differing rows\n");
    }
    if (differing == 0) {
      List<List<Object>> longer = e.size() > a.size() ? e : a;
      message.append("first extra row (").append(e.size() > a.size() ? "expected" : "actual").append("): ")
          .append(format(longer.get(Math.min(e.size(), a.size())))).append('\n');
    }
    return Optional.of(message.toString().stripTrailing());
  }

  private static int indexOf(String name, List<String> columns) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).equalsIgnoreCase(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("ORDER BY key " + name + " is not a result column of " + columns);
  }

  /**
   * Sorts each run of rows with equal ORDER BY keys (all rows when there are no keys), so that
   * engines that break ties differently still produce the same sequence.
   */
  private static List<List<Object>> sortTies(List<List<Object>> rows, int[] keys,
      Comparator<List<Object>> tieBreak) {
    List<List<Object>> sorted = new ArrayList<>(rows.size());
    int start = 0;
    while (start < rows.size()) {
      int end = start + 1;
      while (end < rows.size() && keysEqual(rows.get(start), rows.get(end), keys)) {
        end++;
      }
      List<List<Object>> run = new ArrayList<>(rows.subList(start, end));
      run.sort(tieBreak);
      sorted.addAll(run);
      start = end;
    }
    return sorted;
  }

  private static boolean keysEqual(List<Object> a, List<Object> b, int[] keys) {
    for (int key : keys) {
      if (!valuesEqual(a.get(key), b.get(key))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Column order for sorting rows: exact columns (strings, dates, integers) first, since sorting on a
   * column that differs by rounding could pair rows up wrongly.
   */
  private static List<Integer> exactColumnsFirst(QueryResult result) {
    List<Integer> exact = new ArrayList<>();
    List<Integer> approximate = new ArrayList<>();
    for (int c = 0; c < result.columns().size(); c++) {
      int column = c;
      boolean isExact = result.rows().stream().map(row -> row.get(column))
          .noneMatch(v -> v instanceof BigDecimal d && d.stripTrailingZeros().scale() > 0);
      (isExact ? exact : approximate).add(c);
    }
    exact.addAll(approximate);
    return exact;
  }

  private static Comparator<List<Object>> rowOrder(List<Integer> columns) {
    return (a, b) -> {
      for (int c : columns) {
        int order = compareValues(a.get(c), b.get(c));
        if (order != 0) {
          return order;
        }
      }
      return 0;
    };
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareValues(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (a.getClass() == b.getClass() && a instanceof Comparable ca) {
      return ca.compareTo(b);
    }
    return a.getClass().getName().compareTo(b.getClass().getName());
  }

  private static boolean rowsEqual(List<Object> a, List<Object> b) {
    return IntStream.range(0, a.size()).allMatch(i -> valuesEqual(a.get(i), b.get(i)));
  }

  static boolean valuesEqual(Object a, Object b) {
    if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
      double diff = x.subtract(y).abs().doubleValue();
      double magnitude = Math.max(x.abs().doubleValue(), y.abs().doubleValue());
      return diff <= ABSOLUTE_TOLERANCE || diff <= RELATIVE_TOLERANCE * magnitude;
    }
    return a == null ? b == null : a.equals(b);
  }

  private static String differingColumns(List<Object> e, List<Object> a, List<String> columns) {
    return IntStream.range(0, e.size()).filter(i -> !valuesEqual(e.get(i), a.get(i)))
        .mapToObj(i -> columns.get(i).toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }

  private static String format(List<Object> row) {
    return row.stream()
        .map(v -> v instanceof String s ? "'" + s + "'"
            : v instanceof BigDecimal d ? d.toPlainString() : String.valueOf(v))
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
