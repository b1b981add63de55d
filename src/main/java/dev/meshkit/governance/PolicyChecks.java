package dev.meshkit.governance;

import dev.meshkit.GovernanceFinding;
import dev.meshkit.GovernanceFinding.Severity;
import dev.meshkit.Principal;
import dev.meshkit.model.ColumnModel;
import dev.meshkit.model.DomainModel;
import dev.meshkit.model.MeshModel;
import dev.meshkit.model.PolicyModel;
import dev.meshkit.model.PolicyModel.Kind;
import dev.meshkit.model.PrincipalModel;
import dev.meshkit.model.ProductModel;
import dev.meshkit.model.ProductStatus;
import dev.meshkit.policy.AccessDecision;
import dev.meshkit.policy.PolicyEngine;
import dev.meshkit.policy.RowFilter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks that policies fit the mesh they govern, from the declaration alone: product patterns that
 * match no product, mask tags that no column declares, and declared principals who lack an
 * attribute that a row filter applying to them binds. Policies are checked against the products'
 * columns by the engine, once each product's SQL is validated.
 */
public final class PolicyChecks {

  /** A product pattern matches no product. */
  public static final String PRODUCTS_MATCHED = "policy-matches-products";
  /** A row filter does not apply to a product's columns, or a mask names a column its products lack. */
  public static final String COLUMNS_MATCHED = "policy-matches-columns";
  /** A mask selects a tag that no column of its products declares. */
  public static final String TAGS_DECLARED = "mask-tags-declared";
  /** A declared principal lacks an attribute that a row filter applying to them binds. */
  public static final String ATTRIBUTES_PRESENT = "principal-has-attributes";

  /** The mesh's own tables, which grants and denies can name: {@code sys.audit}, {@code sys.mesh_changes}. */
  private static final String SYS = "sys";
  private static final List<String> SYS_TABLES = List.of("audit", "mesh_changes");

  private final MeshModel model;
  private final PolicyEngine policies;
  private final List<GovernanceFinding> findings = new ArrayList<>();

  private PolicyChecks(MeshModel model) {
    this.model = model;
    this.policies = new PolicyEngine(model);
  }

  /**
   * Every mismatch between the policies and the declared mesh: the patterns of every policy (global
   * ones first, in file order), then mask tags, then principals in file order.
   *
   * @throws dev.meshkit.MeshException if a policy of a model built in code is half-formed
   */
  public static List<GovernanceFinding> evaluate(MeshModel model) {
    PolicyChecks checks = new PolicyChecks(model);
    List<PolicyModel> all = Stream.concat(model.policies().stream(),
        model.domains().stream().flatMap(d -> d.policies().stream())).toList();
    all.forEach(checks::checkPatterns);
    Map<PolicyModel, List<ProductModel>> covered = checks.covered();
    all.stream().filter(p -> p.kind() == Kind.MASK)
        .forEach(mask -> checks.checkTags(mask, covered.getOrDefault(mask, List.of())));
    // Only products some row filter names can hide rows from a principal.
    Set<ProductModel> filtered = Collections.newSetFromMap(new IdentityHashMap<>());
    all.stream().filter(p -> p.kind() == Kind.ROW_FILTER).forEach(p -> filtered.addAll(covered.getOrDefault(p, List.of())));
    model.principals().forEach(principal -> checks.checkAttributes(principal, filtered));
    return List.copyOf(checks.findings);
  }

  /** What a policy is called in a sentence: {@code row filter 'eu-only'}. */
  public static String label(PolicyModel policy) {
    String kind = switch (policy.kind()) {
      case GRANT -> "grant";
      case DENY -> "deny";
      case ROW_FILTER -> "row filter";
      case MASK -> "mask";
    };
    return kind + " '" + policy.name() + "'";
  }

  /** The subject of a finding about a policy. */
  public static String subject(PolicyModel policy) {
    return "policy " + policy.name();
  }

  private void checkPatterns(PolicyModel policy) {
    for (String pattern : policy.products()) {
      String unmatched = unmatched(policy.kind(), pattern);
      if (unmatched != null) {
        add(PRODUCTS_MATCHED, Severity.ERROR, subject(policy), label(policy) + " names '" + pattern + "', but "
            + unmatched, policy.location().toString());
      }
    }
  }

  /** Why a pattern matches no product, or null when it matches one. Names match case-insensitively. */
  private String unmatched(Kind kind, String pattern) {
    if (pattern.equals("*")) {
      return null;
    }
    int dot = pattern.indexOf('.');
    String domainName = pattern.substring(0, dot);
    String productName = pattern.substring(dot + 1);
    if (domainName.equalsIgnoreCase(SYS)) {
      if (kind == Kind.ROW_FILTER || kind == Kind.MASK) {
        return "row filters and masks apply to data products, and sys holds none";
      }
      return productName.equals("*") || SYS_TABLES.contains(productName.toLowerCase(java.util.Locale.ROOT)) ? null
          : "sys has no table '" + productName + "' (its tables: " + String.join(", ", SYS_TABLES) + ")";
    }
    DomainModel domain = model.domains().stream().filter(d -> d.name().equalsIgnoreCase(domainName))
        .findFirst().orElse(null);
    if (domain == null) {
      return "the mesh has no domain '" + domainName + "' (its domains: "
          + names(model.domains().stream().map(DomainModel::name)) + ")";
    }
    if (domain.products().isEmpty()) {
      return "domain " + domain.name() + " has no products";
    }
    if (productName.equals("*")
        || domain.products().stream().anyMatch(p -> p.name().equalsIgnoreCase(productName))) {
      return null;
    }
    return "domain " + domain.name() + " has no product '" + productName + "' (its products: "
        + names(domain.products().stream().map(ProductModel::name)) + ")";
  }

  /** The declared products each policy's patterns name, by policy. */
  private Map<PolicyModel, List<ProductModel>> covered() {
    Map<PolicyModel, List<ProductModel>> covered = new IdentityHashMap<>();
    for (DomainModel domain : model.domains()) {
      for (ProductModel product : domain.products()) {
        policies.covering(domain.name(), product.name())
            .forEach(policy -> covered.computeIfAbsent(policy, p -> new ArrayList<>()).add(product));
      }
    }
    return covered;
  }

  /** A tag no column declares masks nothing today; it may yet, so this is only a warning. */
  private void checkTags(PolicyModel mask, List<ProductModel> covered) {
    List<ProductModel> scope = mask.products().isEmpty()
        ? model.domains().stream().flatMap(d -> d.products().stream()).toList()
        : covered;
    for (String tag : mask.tags()) {
      boolean declared = scope.stream().flatMap(p -> p.columns().stream()).map(ColumnModel::tags)
          .anyMatch(tags -> tags.stream().anyMatch(tag::equalsIgnoreCase));
      if (!declared) {
        add(TAGS_DECLARED, Severity.WARNING, subject(mask), label(mask) + " selects columns tagged " + tag
            + ", but no column of " + (mask.products().isEmpty() ? "any product" : "its products")
            + " declares that tag", mask.location().toString());
      }
    }
  }

  /** Only the descriptor's principals are known at load; a resolver's are not. */
  private void checkAttributes(PrincipalModel declared, Set<ProductModel> filtered) {
    Principal principal = Principal.builder(declared.name()).roles(declared.roles())
        .attributes(declared.attributes()).build();
    // Per row filter and missing attribute, the products they would see no rows of.
    Map<List<String>, List<String>> empty = new LinkedHashMap<>();
    for (DomainModel domain : model.domains()) {
      for (ProductModel product : domain.products()) {
        if (!filtered.contains(product) || product.status() == ProductStatus.RETIRED) {
          continue;
        }
        AccessDecision decision = policies.decide(principal, domain.name(), product.name());
        for (RowFilter filter : decision.rowFilters()) {
          if (filter.unsatisfiable()) {
            empty.computeIfAbsent(List.of(filter.policy(), filter.missingAttribute()), k -> new ArrayList<>())
                .add(domain.name() + "." + product.name());
          }
        }
      }
    }
    empty.forEach((gap, products) -> add(ATTRIBUTES_PRESENT, Severity.ERROR, "principal " + declared.name(),
        "principal '" + declared.name() + "' has no attribute '" + gap.get(1) + "', which row filter '" + gap.get(0)
            + "' binds, so they see no rows of " + String.join(", ", products)
            + " (add the attribute, or leave them out of the filter)", declared.location().toString()));
  }

  private static String names(Stream<String> names) {
    return names.sorted(String.CASE_INSENSITIVE_ORDER).collect(Collectors.joining(", "));
  }

  private void add(String rule, Severity severity, String subject, String message, String location) {
    findings.add(new GovernanceFinding(rule, severity, subject, message, location));
  }
}
