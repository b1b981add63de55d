package dev.meshkit.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements at semicolons that are not inside quotes or comments, for files,
 * standard input and the shell's multi-line statements.
 */
final class SqlScript {

  private SqlScript() {
  }

  /** The statements of a script, trimmed, without their semicolons; blank ones are dropped. */
  static List<String> split(String text) {
    List<String> statements = new ArrayList<>();
    int start = 0;
    for (int end : terminators(text)) {
      add(statements, text.substring(start, end));
      start = end + 1;
    }
    add(statements, text.substring(start));
    return statements;
  }

  /** Whether the text ends with a statement's semicolon (trailing blanks and comments aside). */
  static boolean complete(String text) {
    List<Integer> ends = terminators(text);
    return !ends.isEmpty() && isBlank(text.substring(ends.get(ends.size() - 1) + 1));
  }

  private static void add(List<String> statements, String statement) {
    if (!isBlank(statement)) {
      statements.add(statement.strip());
    }
  }

  /** Blank, or only comments: nothing to run. */
  static boolean isBlank(String text) {
    return strip(text).isBlank();
  }

  private static String strip(String text) {
    StringBuilder kept = new StringBuilder();
    scan(text, (i, code) -> {
      if (code) {
        kept.append(text.charAt(i));
      }
    });
    return kept.toString();
  }

  private static List<Integer> terminators(String text) {
    List<Integer> ends = new ArrayList<>();
    scan(text, (i, code) -> {
      if (code && text.charAt(i) == ';') {
        ends.add(i);
      }
    });
    return ends;
  }

  private interface Visitor {
    /** {@code code} is false inside comments; quoted text counts as code but never ends a statement. */
    void at(int index, boolean code);
  }

  private static void scan(String text, Visitor visitor) {
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
        int eol = text.indexOf('\n', i);
        i = eol < 0 ? n : eol;
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int close = text.indexOf("*/", i + 2);
        i = close < 0 ? n : close + 2;
      } else if (c == '\'' || c == '"') {
        // A doubled quote inside a literal is an escaped quote: scanning on to the next one covers it.
        int close = text.indexOf(c, i + 1);
        int last = close < 0 ? n : close + 1;
        for (; i < last; i++) {
          visitor.at(i, text.charAt(i) != ';');
        }
      } else {
        visitor.at(i, true);
        i++;
      }
    }
  }
}
