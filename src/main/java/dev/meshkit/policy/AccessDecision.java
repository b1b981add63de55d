package dev.meshkit.policy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one principal may see of one product: whether they may read it and which policy decided,
 * and, when they may, the row filters and column masks to apply. Immutable.
 */
public final class AccessDecision {

  private final boolean allowed;
  private final String decidingPolicy;
  private final String reason;
  private final List<RowFilter> rowFilters;
  private final Map<String, ColumnMask> masks;
  private final List<String> appliedPolicyNames;

  private AccessDecision(boolean allowed, String decidingPolicy, String reason, List<RowFilter> rowFilters,
      Map<String, ColumnMask> masks, List<String> appliedPolicyNames) {
    this.allowed = allowed;
    this.decidingPolicy = decidingPolicy;
    this.reason = Objects.requireNonNull(reason, "reason is null");
    this.rowFilters = List.copyOf(rowFilters);
    this.masks = Collections.unmodifiableMap(new LinkedHashMap<>(masks));
    this.appliedPolicyNames = List.copyOf(appliedPolicyNames);
  }

  /** @param policy the deny or domain grant that excluded the principal, or null when nothing granted */
  static AccessDecision denied(String policy, String reason) {
    List<String> applied = policy == null ? List.of() : List.of(policy);
    return new AccessDecision(false, policy, reason, List.of(), Map.of(), applied);
  }

  /**
   * Everything, unfiltered and unmasked: for the mesh's own checks (quality), never for a consumer.
   */
  public static AccessDecision unrestricted() {
    return new AccessDecision(true, null, "the mesh's own checks read everything", List.of(), Map.of(), List.of());
  }

  /**
   * @param grant the global grant that covered the product
   * @param domainGrant the domain grant that admitted the principal, or null if the domain has none for it
   * @param masks by lower-case column name, in column order
   */
  static AccessDecision allowed(String grant, String domainGrant, List<RowFilter> rowFilters,
      Map<String, ColumnMask> masks) {
    // Distinct: one mask policy often covers several columns.
    LinkedHashSet<String> applied = new LinkedHashSet<>();
    applied.add(grant);
    if (domainGrant != null) {
      applied.add(domainGrant);
    }
    rowFilters.forEach(filter -> applied.add(filter.policy()));
    masks.values().forEach(mask -> applied.add(mask.policy()));
    return new AccessDecision(true, grant, "granted by policy '" + grant + "'", rowFilters, masks,
        new ArrayList<>(applied));
  }

  public boolean allowed() {
    return allowed;
  }

  /**
   * The policy that decided: the global grant for an allow; the deny, or the domain grant whose
   * allow-list left the principal out, for a denial; null when no policy grants the product.
   */
  public String decidingPolicy() {
    return decidingPolicy;
  }

  /**
   * Why, as a phrase for an error message such as {@code "denied by policy 'contractors-no-hr'"} or
   * {@code "no policy grants it"}. It names policies only, never data or attribute values.
   */
  public String reason() {
    return reason;
  }

  /** Filters that all apply, in policy order (global, then domain); empty when denied. */
  public List<RowFilter> rowFilters() {
    return rowFilters;
  }

  /** The winning mask per masked column, keyed by lower-case column name; empty when denied. */
  public Map<String, ColumnMask> masks() {
    return masks;
  }

  /**
   * Every policy that shaped this decision, once each, for audit: the deciding policy, the domain
   * grant that admitted the principal, then row filters and masks.
   */
  public List<String> appliedPolicyNames() {
    return appliedPolicyNames;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AccessDecision d
        && allowed == d.allowed && Objects.equals(decidingPolicy, d.decidingPolicy) && reason.equals(d.reason)
        && rowFilters.equals(d.rowFilters) && masks.equals(d.masks) && appliedPolicyNames.equals(d.appliedPolicyNames);
  }

  @Override
  public int hashCode() {
    return Objects.hash(allowed, decidingPolicy, reason, rowFilters, masks, appliedPolicyNames);
  }

  /** Policy names only; bound values stay out (see {@link RowFilter#toString()}). */
  @Override
  public String toString() {
    return "AccessDecision[" + (allowed ? "allowed" : "denied") + ", " + reason
        + ", filters=" + rowFilters + ", masks=" + masks.values().stream().map(m -> m.column() + ":" + m.policy()).toList()
        + "]";
  }
}
