package dev.meshkit.descriptor;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Names that must not repeat within one scope. Compared ignoring case, because SQL folds
 * unquoted identifiers and two names differing only in case would be a trap.
 */
final class UniqueNames {

  /** Where a name was first declared (file and line), and how it was written there. */
  record Declared(String written, String file, int line) {

    /** "line 4", or "line 4 of domains/sales.yaml" when that is not the file being read. */
    String where(String current) {
      return "line " + line + (file.equals(current) ? "" : " of " + file);
    }
  }

  private final String kind;
  private final String scope;
  private final Problems problems;
  private final Map<String, Declared> seen = new HashMap<>();

  /**
   * @param kind what is named, e.g. "product"
   * @param scope where names must be unique, e.g. " in domain 'sales'", or ""
   */
  UniqueNames(String kind, String scope, Problems problems) {
    this.kind = kind;
    this.scope = scope;
    this.problems = problems;
  }

  /** Records a name; reports it when it repeats one seen before. */
  void add(String name, String written, int line) {
    Declared first = seen.putIfAbsent(key(name), new Declared(written, problems.file(), line));
    if (first != null) {
      String same = first.written().equals(written) ? "" : " as '" + first.written() + "'";
      problems.add(line, "duplicate " + kind + " name '" + written + "'" + scope
          + ": already declared" + same + " at " + first.where(problems.file())
          + " (names are compared ignoring case)");
    }
  }

  Declared find(String name) {
    return seen.get(key(name));
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
