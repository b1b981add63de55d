package dev.meshkit.policy;

import static dev.meshkit.policy.Rule.lower;

import dev.meshkit.Principal;
import dev.meshkit.model.ColumnModel;
import dev.meshkit.model.DomainModel;
import dev.meshkit.model.MeshModel;
import dev.meshkit.model.PolicyModel;
import dev.meshkit.model.PolicyModel.Kind;
import dev.meshkit.model.ProductModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Decides what a principal may see of each product, from a mesh's global and domain policies.
 * Pure and thread-safe: no planner, no I/O, nothing changes after construction.
 *
 * <ul>
 *   <li>Denied by default; a global grant must cover the product. A deny (global or domain) beats it.
 *   <li>Domain grants never widen: when the product's domain has grants that cover the product, the
 *       principal must also be chosen by one of them.
 *   <li>Every applicable row filter applies; per column, the first matching mask wins (global
 *       policies in file order, then the domain's).
 * </ul>
 */
public final class PolicyEngine {

  /** The schema of meshkit's own tables, such as {@code sys.audit}; no domain owns it. */
  static final String SYS = "sys";

  private final List<Rule> global;
  private final Map<String, DomainRules> domains = new HashMap<>();
  // Every rule in evaluation order (global, then each domain's), for fingerprints.
  private final List<Rule> all;

  /** A domain's declared name, its policies and its products by lower-case name. */
  private record DomainRules(String name, List<Rule> rules, Map<String, ProductModel> products) {}

  /**
   * @throws dev.meshkit.MeshException if a row filter's {@code where} cannot be parameterized, or a
   *     policy lacks what its kind needs (possible for models built in code)
   */
  public PolicyEngine(MeshModel model) {
    Objects.requireNonNull(model, "model is null");
    this.global = model.policies().stream().map(Rule::new).toList();
    List<Rule> every = new ArrayList<>(global);
    for (DomainModel domain : model.domains()) {
      List<Rule> rules = domain.policies().stream().map(Rule::new).toList();
      Map<String, ProductModel> products = domain.products().stream()
          .collect(Collectors.toMap(p -> lower(p.name()), p -> p));
      domains.put(lower(domain.name()), new DomainRules(domain.name(), rules, products));
      every.addAll(rules);
    }
    this.all = List.copyOf(every);
  }

  /**
   * Decides for the product's declared columns; see {@link #decide(Principal, String, String, List)}.
   */
  public AccessDecision decide(Principal principal, String domain, String product) {
    Objects.requireNonNull(product, "product is null");
    ProductModel declared = domainRules(domain).products().get(lower(product));
    List<String> columns = declared == null ? List.of() : declared.columns().stream().map(ColumnModel::name).toList();
    return decide(principal, domain, product, columns);
  }

  /**
   * Decides whether {@code principal} may read {@code domain.product} and, if so, with which row
   * filters and masks. Names match case-insensitively; {@code sys} is meshkit's own schema.
   *
   * @param actualColumns the product's columns as planned; masks are decided for each of these,
   *     using the tags of the declared column of the same name, if any
   */
  public AccessDecision decide(Principal principal, String domain, String product, List<String> actualColumns) {
    Objects.requireNonNull(principal, "principal is null");
    Objects.requireNonNull(actualColumns, "actualColumns is null");
    Target target = target(domain, product);
    AccessDecision access = access(principal, target);
    if (!access.allowed()) {
      return access;
    }
    return AccessDecision.allowed(access.decidingPolicy(), domainGrant(principal, target),
        rowFilters(principal, target), masks(principal, target, actualColumns));
  }

  /** Whether {@code principal} may read the product at all, without working out filters and masks. */
  public boolean canRead(Principal principal, String domain, String product) {
    Objects.requireNonNull(principal, "principal is null");
    return access(principal, target(domain, product)).allowed();
  }

  /**
   * Whether {@code principal} may see the product's internals (its SQL, the plan below it, the
   * statements its sources receive, its source tables): they may read it, and a grant with
   * {@code explain: true} that covers it chooses them, global or of the product's domain.
   * Domain membership, the other way to see internals, is the engine's to add.
   */
  public boolean canExplain(Principal principal, String domain, String product) {
    Objects.requireNonNull(principal, "principal is null");
    Target target = target(domain, product);
    return access(principal, target).allowed() && target.rules(global)
        .anyMatch(rule -> rule.kind() == Kind.GRANT && rule.policy().explain()
            && rule.covers(target.domain(), target.product()) && rule.appliesTo(principal));
  }

  /**
   * The first mask policy that selects the declared column, whoever it applies to: the check behind
   * standards such as {@code pii-is-masked}. Names match case-insensitively.
   */
  public Optional<String> coveringMask(String domain, String product, String column) {
    Objects.requireNonNull(column, "column is null");
    Target target = target(domain, product);
    ProductModel declared = target.owner().products().get(target.product());
    List<String> columnTags = declared == null ? List.of() : declared.columns().stream()
        .filter(c -> lower(c.name()).equals(lower(column)))
        .flatMap(c -> c.tags().stream().map(Rule::lower))
        .toList();
    return target.rules(global)
        .filter(rule -> rule.kind() == Kind.MASK
            && rule.masks(target.domain(), target.product(), lower(column), columnTags))
        .map(Rule::name)
        .findFirst();
  }

  /**
   * The policies that reach a product whoever they apply to, global ones first, in file order: those
   * whose products name it, and masks that select one of its declared columns (a tag-only mask
   * names no products). What the governance report counts for policy coverage.
   */
  public List<PolicyModel> reaching(String domain, String product) {
    Target target = target(domain, product);
    ProductModel declared = target.owner().products().get(target.product());
    List<ColumnModel> columns = declared == null ? List.of() : declared.columns();
    return target.rules(global)
        .filter(rule -> rule.covers(target.domain(), target.product())
            || rule.kind() == Kind.MASK && columns.stream().anyMatch(c -> rule.masks(target.domain(),
                target.product(), lower(c.name()), c.tags().stream().map(Rule::lower).toList())))
        .map(Rule::policy)
        .toList();
  }

  /**
   * The policies of every kind whose {@code products} patterns name {@code domain.product}, whoever
   * they apply to, global ones first, in file order. A tag-only mask names no products, so it is
   * not among them.
   */
  public List<PolicyModel> covering(String domain, String product) {
    Target target = target(domain, product);
    return target.rules(global).filter(rule -> rule.covers(target.domain(), target.product())).map(Rule::policy).toList();
  }

  /**
   * A row filter's {@code where} as it is planned: each {@code :name} replaced by {@code ?}.
   *
   * @throws IllegalArgumentException if the policy is not a row filter
   * @throws dev.meshkit.MeshException if its {@code where} cannot be used
   */
  public static String predicate(PolicyModel rowFilter) {
    if (rowFilter.kind() != Kind.ROW_FILTER) {
      throw new IllegalArgumentException("policy '" + rowFilter.name() + "' is not a row filter");
    }
    return new Rule(rowFilter).filter().sql();
  }

  /**
   * Names of the global grants and denies that apply to {@code principal} and reach some {@code sys}
   * table, in file order. A grant must name {@code sys} ({@code sys.*} or {@code sys.audit}); a
   * {@code *} deny reaches it too. Whether a given table is readable is {@link #canRead}'s to say.
   */
  public List<String> sysPolicies(Principal principal) {
    Objects.requireNonNull(principal, "principal is null");
    return global.stream()
        .filter(rule -> rule.kind() == Kind.GRANT || rule.kind() == Kind.DENY)
        .filter(rule -> rule.appliesTo(principal) && rule.reaches(SYS))
        .map(Rule::name)
        .toList();
  }

  /**
   * A digest of everything that can change what {@code principal} sees: the policies that apply to
   * them, in order, and the values that applicable row filters bind. Principals with equal
   * fingerprints get equal decisions for every product of this engine, so plans may be shared
   * between them; fingerprints from engines over different models are not comparable.
   */
  public String fingerprint(Principal principal) {
    Objects.requireNonNull(principal, "principal is null");
    Fingerprint fingerprint = new Fingerprint();
    List<Rule> applicable = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).appliesTo(principal)) {
        applicable.add(all.get(i));
        // The position, not just the name: a model built in code may reuse a name.
        fingerprint.add(i + ":" + all.get(i).name());
      }
    }
    // Names and values both go in, with "absent" distinct from any value, since absence empties a product.
    applicable.stream().filter(rule -> rule.kind() == Kind.ROW_FILTER)
        .flatMap(rule -> rule.filter().parameters().stream())
        .forEach(parameter -> {
          fingerprint.add(parameter);
          fingerprint.add(value(principal, parameter));
        });
    return fingerprint.hex();
  }

  /** A product as looked up: lower-case names and its domain (policies and declared products). */
  private record Target(String domain, String product, DomainRules owner) {

    Stream<Rule> rules(List<Rule> global) {
      return Stream.concat(global.stream(), owner.rules().stream());
    }
  }

  private Target target(String domain, String product) {
    Objects.requireNonNull(domain, "domain is null");
    Objects.requireNonNull(product, "product is null");
    return new Target(lower(domain), lower(product), domainRules(domain));
  }

  private DomainRules domainRules(String domain) {
    Objects.requireNonNull(domain, "domain is null");
    // sys, and any name the model lacks, has no domain policies: only global ones can reach it.
    return domains.getOrDefault(lower(domain), new DomainRules(domain, List.of(), Map.of()));
  }

  /** The access part of a decision: an allow here carries the global grant and nothing else yet. */
  private AccessDecision access(Principal principal, Target target) {
    Rule deny = first(principal, target, Kind.DENY, target.rules(global));
    if (deny != null) {
      return AccessDecision.denied(deny.name(), "denied by policy '" + deny.name() + "'");
    }
    Rule grant = first(principal, target, Kind.GRANT, global.stream());
    if (grant == null) {
      return AccessDecision.denied(null, "no policy grants it");
    }
    List<Rule> allowList = domainGrants(target).toList();
    if (!allowList.isEmpty() && allowList.stream().noneMatch(rule -> rule.appliesTo(principal))) {
      String names = allowList.stream().map(rule -> "'" + rule.name() + "'").collect(Collectors.joining(", "));
      return AccessDecision.denied(allowList.get(0).name(), "domain '" + target.owner().name()
          + "' grants it only through " + (allowList.size() == 1 ? "policy " : "policies ") + names
          + ", which " + (allowList.size() == 1 ? "does" : "do") + " not include this principal");
    }
    return AccessDecision.allowed(grant.name(), null, List.of(), Map.of());
  }

  private static Rule first(Principal principal, Target target, Kind kind, Stream<Rule> rules) {
    return rules.filter(rule -> rule.kind() == kind && rule.covers(target.domain(), target.product())
            && rule.appliesTo(principal))
        .findFirst().orElse(null);
  }

  /** The domain's grants that cover the product, whoever they choose: the domain's allow-list. */
  private static Stream<Rule> domainGrants(Target target) {
    return target.owner().rules().stream()
        .filter(rule -> rule.kind() == Kind.GRANT && rule.covers(target.domain(), target.product()));
  }

  private static String domainGrant(Principal principal, Target target) {
    return domainGrants(target).filter(rule -> rule.appliesTo(principal)).map(Rule::name).findFirst().orElse(null);
  }

  private List<RowFilter> rowFilters(Principal principal, Target target) {
    return target.rules(global)
        .filter(rule -> rule.kind() == Kind.ROW_FILTER && rule.covers(target.domain(), target.product())
            && rule.appliesTo(principal))
        .map(rule -> bind(rule, principal))
        .toList();
  }

  private static RowFilter bind(Rule rule, Principal principal) {
    FilterTemplate filter = rule.filter();
    List<String> values = new ArrayList<>();
    for (String parameter : filter.parameters()) {
      String value = value(principal, parameter);
      if (value == null) {
        return new RowFilter(rule.name(), filter.sql(), List.of(), true, parameter);
      }
      values.add(value);
    }
    return new RowFilter(rule.name(), filter.sql(), values, false, null);
  }

  /** {@code :user} is the principal's name, even if they also have an attribute called user. */
  private static String value(Principal principal, String parameter) {
    return parameter.equals(FilterTemplate.USER) ? principal.name() : principal.attributes().get(parameter);
  }

  private Map<String, ColumnMask> masks(Principal principal, Target target, List<String> actualColumns) {
    List<Rule> candidates = target.rules(global)
        .filter(rule -> rule.kind() == Kind.MASK && rule.appliesTo(principal))
        .toList();
    ProductModel declared = target.owner().products().get(target.product());
    Map<String, List<String>> tags = new HashMap<>();
    if (declared != null) {
      declared.columns().forEach(c -> tags.put(lower(c.name()), c.tags().stream().map(Rule::lower).toList()));
    }
    Map<String, ColumnMask> masks = new LinkedHashMap<>();
    for (String column : actualColumns) {
      String key = lower(column);
      List<String> columnTags = tags.getOrDefault(key, List.of());
      candidates.stream()
          .filter(rule -> rule.masks(target.domain(), target.product(), key, columnTags))
          .findFirst()
          .ifPresent(rule -> masks.putIfAbsent(key,
              new ColumnMask(rule.name(), column, rule.policy().with(), rule.policy().expression())));
    }
    return masks;
  }
}
