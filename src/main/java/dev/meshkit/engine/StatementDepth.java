package dev.meshkit.engine;

import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParseException;

/**
 * How deep a statement nests. Calcite's parser, validator and planner recurse once per level of
 * nesting, so a statement thousands of levels deep (parentheses, a chain of ORs, CASE inside CASE,
 * subqueries inside subqueries) would exhaust the thread's stack. Such statements are refused up
 * front with a sentence; one that still exhausts the stack below the limit is reported the same way
 * by the JDBC layer.
 */
public final class StatementDepth {

  /** Levels of nesting accepted: far beyond hand-written SQL, well short of what exhausts a stack. */
  public static final int MAX = 1000;

  private StatementDepth() {
  }

  /** A statement nested deeper than meshkit plans; SQLState 54001. */
  public static final class TooDeepException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    TooDeepException(String message) {
      super(message, null, false, false);
    }
  }

  /** The sentence for a statement whose nesting exhausted the stack before any limit caught it. */
  public static String overflowMessage() {
    return "the statement is nested too deeply for meshkit to plan: the planner ran out of stack; flatten it"
        + " (an IN list instead of a chain of ORs, a join instead of nested subqueries)";
  }

  /** Refuses text whose parentheses nest deeper than {@link #MAX}, before the parser recurses into them. */
  static void checkText(String sql) {
    int depth = 0;
    int deepest = 0;
    int n = sql.length();
    for (int i = 0; i < n; i++) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        i = closing(sql, i, c);
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 1;
      } else if (c == '(') {
        deepest = Math.max(deepest, ++depth);
      } else if (c == ')') {
        depth--;
      }
    }
    if (deepest > MAX) {
      throw tooDeep(deepest + " levels of parentheses");
    }
  }

  /** The index of the quote that closes the one at {@code start} (a doubled quote is part of the text). */
  private static int closing(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i;
      }
      i++;
    }
    return sql.length();
  }

  /** Reports a parser that ran out of stack as a statement too deep, not as a syntax error. */
  static void checkParse(SqlParseException e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof StackOverflowError) {
        throw new TooDeepException(overflowMessage());
      }
    }
  }

  /** Refuses a parsed statement whose expressions or queries nest deeper than {@link #MAX}. */
  static void checkTree(SqlNode statement) {
    // Walked with a stack of our own: recursing would fail on the very statements this looks for.
    Deque<SqlNode> nodes = new ArrayDeque<>();
    Deque<Integer> depths = new ArrayDeque<>();
    nodes.push(statement);
    depths.push(1);
    while (!nodes.isEmpty()) {
      SqlNode node = nodes.pop();
      int depth = depths.pop();
      if (depth > MAX) {
        throw tooDeep("expressions or queries nested more than " + MAX + " levels deep");
      }
      Iterable<SqlNode> children = node instanceof SqlCall call ? call.getOperandList()
          : node instanceof SqlNodeList list ? list : null;
      if (children != null) {
        for (SqlNode child : children) {
          if (child != null) {
            nodes.push(child);
            depths.push(depth + 1);
          }
        }
      }
    }
  }

  private static TooDeepException tooDeep(String what) {
    return new TooDeepException("the statement is nested too deeply: " + what + ", more than meshkit plans ("
        + MAX + "); flatten it (an IN list instead of a chain of ORs, a join instead of nested subqueries)");
  }
}
