package dev.meshkit.descriptor;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in descriptor values; {@code $${} stands for
 * a literal {@code ${}. Messages name the variable, never its value, since values are often secrets.
 */
final class EnvSubstitution {

  private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Map<String, String> env;

  EnvSubstitution(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  String apply(String text, int line, Problems problems) {
    if (text.indexOf('$') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int end = text.indexOf('}', i + 2);
        if (end < 0) {
          problems.add(line, "unclosed '${' in a value (write '$${' for a literal '${')");
          return text;
        }
        out.append(resolve(text.substring(i + 2, end), line, problems));
        i = end + 1;
      } else {
        out.append(text.charAt(i++));
      }
    }
    return out.toString();
  }

  private String resolve(String reference, int line, Problems problems) {
    int separator = reference.indexOf(":-");
    String name = separator < 0 ? reference : reference.substring(0, separator);
    String fallback = separator < 0 ? null : reference.substring(separator + 2);
    if (!VARIABLE.matcher(name).matches()) {
      problems.add(line, "'${" + reference + "}' does not name an environment variable"
          + " (use ${NAME} or ${NAME:-default})");
      return "";
    }
    if (fallback != null && fallback.contains("${")) {
      problems.add(line, "the default of ${" + name + "} cannot itself contain '${'");
      return "";
    }
    String value = env.get(name);
    // As in the shell, ':-' also replaces a variable that is set but empty.
    if (fallback != null && (value == null || value.isEmpty())) {
      return fallback;
    }
    if (value == null) {
      problems.add(line, "environment variable " + name + " is not set");
      return "";
    }
    return value;
  }
}
