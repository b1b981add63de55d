package dev.meshkit.descriptor;

import java.util.regex.Pattern;

/** What a name may look like. Domains, sources, products and columns become SQL identifiers. */
final class Names {

  static final String IDENTIFIER = "[A-Za-z_][A-Za-z0-9_]*";

  private static final Pattern SQL_NAME = Pattern.compile(IDENTIFIER);
  private static final Pattern POLICY_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
  // Principals match the JDBC user property, so e-mail addresses and the like must pass.
  private static final Pattern PRINCIPAL_NAME = Pattern.compile("[^\\p{Z}\\p{C}\\s]+");

  private Names() {}

  /** Checks a domain, source, product, column or attribute name; null means it is fine. */
  static String checkIdentifier(String name) {
    return SQL_NAME.matcher(name).matches()
        ? null
        : "use letters, digits and '_', starting with a letter or '_'";
  }

  static String checkPolicy(String name) {
    return POLICY_NAME.matcher(name).matches()
        ? null
        : "use letters, digits, '_', '-' and '.', starting with a letter or '_'";
  }

  static String checkPrincipal(String name) {
    return PRINCIPAL_NAME.matcher(name).matches()
        ? null
        : "it must not contain spaces or control characters";
  }
}
