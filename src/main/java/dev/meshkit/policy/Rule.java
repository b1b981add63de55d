package dev.meshkit.policy;

import dev.meshkit.MeshException;
import dev.meshkit.Principal;
import dev.meshkit.model.PolicyModel;
import dev.meshkit.model.PolicyModel.Kind;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A policy made ready to evaluate: names lower-cased for matching, its row filter parsed once. */
final class Rule {

  private final PolicyModel policy;
  private final List<String> products;
  private final Set<String> columns;
  private final Set<String> tags;
  private final FilterTemplate filter;

  /**
   * @throws MeshException if the policy lacks what its kind needs; a model built in code has not
   *     been through the descriptor's checks, and a half-formed filter or mask must not be skipped
   */
  Rule(PolicyModel policy) {
    this.policy = policy;
    this.products = policy.products().stream().map(Rule::lower).toList();
    this.columns = Set.copyOf(policy.columns().stream().map(Rule::lower).toList());
    this.tags = Set.copyOf(policy.tags().stream().map(Rule::lower).toList());
    this.filter = policy.kind() == Kind.ROW_FILTER ? parseWhere(policy) : null;
    if (policy.kind() == Kind.MASK && (policy.with() == null) == (policy.expression() == null)) {
      throw problem(policy, "needs exactly one of 'with' or 'expression'");
    }
  }

  private static FilterTemplate parseWhere(PolicyModel policy) {
    if (policy.where() == null || policy.where().isBlank()) {
      throw problem(policy, "needs 'where'");
    }
    try {
      return FilterTemplate.parse(policy.where());
    } catch (IllegalArgumentException e) {
      throw problem(policy, "has a 'where' that cannot be used: " + e.getMessage());
    }
  }

  private static MeshException problem(PolicyModel policy, String what) {
    return new MeshException(policy.location() + ": policy '" + policy.name() + "' " + what);
  }

  static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  PolicyModel policy() {
    return policy;
  }

  String name() {
    return policy.name();
  }

  Kind kind() {
    return policy.kind();
  }

  /** Null unless this is a row filter. */
  FilterTemplate filter() {
    return filter;
  }

  /** Chosen by role or user (everyone if neither is given), minus the exceptions. Exact-case names. */
  boolean appliesTo(Principal principal) {
    boolean chosen = (policy.roles().isEmpty() && policy.users().isEmpty())
        || policy.users().contains(principal.name())
        || policy.roles().stream().anyMatch(principal::hasRole);
    boolean excepted = policy.exceptUsers().contains(principal.name())
        || policy.exceptRoles().stream().anyMatch(principal::hasRole);
    return chosen && !excepted;
  }

  /**
   * Whether a product pattern names {@code domain.product} (both lower case). {@code *} reaches the
   * {@code sys} tables only in a deny: reading the audit needs a grant that names {@code sys}, and a
   * mesh-wide filter or mask was written for products, not for the audit.
   */
  boolean covers(String domain, String product) {
    return products.stream().anyMatch(pattern -> allReaches(pattern, domain)
        || pattern.equals(domain + ".*") || pattern.equals(domain + "." + product));
  }

  /** Whether some pattern covers at least one table of {@code domain}. */
  boolean reaches(String domain) {
    return products.stream().anyMatch(pattern -> allReaches(pattern, domain) || pattern.startsWith(domain + "."));
  }

  private boolean allReaches(String pattern, String domain) {
    return pattern.equals("*") && (!domain.equals(PolicyEngine.SYS) || kind() == Kind.DENY);
  }

  /**
   * Whether this mask selects the column: by {@code products} and {@code columns}, or by a tag the
   * column declares (within {@code products}, if given).
   */
  boolean masks(String domain, String product, String column, List<String> columnTags) {
    if (columns.contains(column) && covers(domain, product)) {
      return true;
    }
    return columnTags.stream().anyMatch(tags::contains) && (products.isEmpty() || covers(domain, product));
  }
}
