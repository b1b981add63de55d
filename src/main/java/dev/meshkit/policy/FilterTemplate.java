package dev.meshkit.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * A row filter's {@code where} text with each {@code :name} replaced by {@code ?}, and the names in
 * the order their placeholders appear. Principal values are bound to the placeholders, never spliced
 * into the text, so an attribute such as {@code x' OR 'a'='a} stays a value.
 */
record FilterTemplate(String sql, List<String> parameters) {

  /** {@code :user} binds the principal's name rather than an attribute. */
  static final String USER = "user";

  FilterTemplate {
    parameters = List.copyOf(parameters);
  }

  /**
   * Splits {@code where} into SQL and parameter names. Quoted text ({@code '...'} literals and
   * {@code "..."} identifiers, with doubled quotes as escapes) is copied as is, and {@code ::}
   * (a cast in some dialects) is not a parameter.
   *
   * @throws IllegalArgumentException if a quote is not closed, or the text has a {@code ?} of its
   *     own, which would shift every binding after it
   */
  static FilterTemplate parse(String where) {
    StringBuilder sql = new StringBuilder(where.length());
    List<String> parameters = new ArrayList<>();
    int i = 0;
    while (i < where.length()) {
      char c = where.charAt(i);
      if (c == '\'' || c == '"') {
        int end = closingQuote(where, i);
        sql.append(where, i, end);
        i = end;
      } else if (c == ':' && i + 1 < where.length() && where.charAt(i + 1) == ':') {
        sql.append("::");
        i += 2;
      } else if (c == ':' && i + 1 < where.length() && isIdentifierStart(where.charAt(i + 1))) {
        int end = i + 2;
        while (end < where.length() && isIdentifierPart(where.charAt(end))) {
          end++;
        }
        parameters.add(where.substring(i + 1, end));
        sql.append('?');
        i = end;
      } else if (c == '?') {
        throw new IllegalArgumentException("it contains '?'; name parameters as :attribute or :user instead");
      } else {
        sql.append(c);
        i++;
      }
    }
    return new FilterTemplate(sql.toString(), parameters);
  }

  /** The index just after the quote that closes the one at {@code start}. */
  private static int closingQuote(String text, int start) {
    char quote = text.charAt(start);
    int i = start + 1;
    while (i < text.length()) {
      if (text.charAt(i) == quote) {
        if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    throw new IllegalArgumentException("it has an unterminated "
        + (quote == '\'' ? "string literal" : "quoted identifier") + " starting at character " + (start + 1));
  }

  // The same identifiers that attribute names may be (see the descriptor's Names).
  private static boolean isIdentifierStart(char c) {
    return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static boolean isIdentifierPart(char c) {
    return isIdentifierStart(c) || (c >= '0' && c <= '9');
  }
}
