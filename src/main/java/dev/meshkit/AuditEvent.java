package dev.meshkit;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one statement did: who ran it, what it read, what governance decided and applied, and how
 * it ended. Every statement produces exactly one event; {@link AuditSink}s receive it.
 *
 * <pre>{@code
 * AuditEvent event = AuditEvent.builder()
 *     .time(start).principal(principal).sql(sql)
 *     .product(new AuditEvent.ProductAccess("sales.orders", List.of("id", "amount"),
 *         List.of("analysts-see-their-region"), Map.of()))
 *     .decision(AuditEvent.Decision.ALLOWED).decidingPolicy("analysts-read-sales")
 *     .rowsReturned(3).duration(elapsed)
 *     .build();
 * }</pre>
 */
public final class AuditEvent {

  /** How the statement ended. */
  public enum Decision {
    /** Policies allowed it and it ran; its result ended, read to the end or not. */
    ALLOWED,
    /**
     * A policy (or the absence of a grant) refused it, or the mesh did, being read-only (a write,
     * an update or batch, a procedure call); no data was read.
     */
    DENIED,
    /** Policies allowed it, but it failed while planning or running. */
    FAILED
  }

  /**
   * One product the statement read, with what governance applied to it.
   *
   * @param product qualified name, {@code domain.product}
   * @param columns the columns read, in the product's order
   * @param rowFilters names of the row-filter policies applied
   * @param masks column to the name of the mask policy applied to it, in column order
   */
  public record ProductAccess(String product, List<String> columns, List<String> rowFilters,
      Map<String, String> masks) {

    /**
     * @throws NullPointerException if any argument, element, key or value is null
     */
    public ProductAccess {
      requireNonNull(product, "product is null");
      columns = copy(columns, "columns");
      rowFilters = copy(rowFilters, "rowFilters");
      requireNonNull(masks, "masks is null");
      // LinkedHashMap, not Map.copyOf: the log line must list masks in a stable order.
      Map<String, String> copy = new LinkedHashMap<>();
      masks.forEach((column, policy) -> copy.put(
          requireNonNull(column, "masks contains a null column"),
          requireNonNull(policy, "masks contains a null policy for column " + column)));
      masks = Collections.unmodifiableMap(copy);
    }
  }

  private final Instant time;
  private final String principal;
  private final Set<String> roles;
  private final String sql;
  private final List<ProductAccess> products;
  private final Decision decision;
  private final String decidingPolicy;
  private final long rowsReturned;
  private final Duration duration;
  private final String error;
  private final List<String> warnings;

  private AuditEvent(Builder b) {
    this.time = requireNonNull(b.time, "time is null");
    this.principal = requireNonNull(b.principal, "principal is null");
    this.sql = requireNonNull(b.sql, "sql is null");
    this.decision = requireNonNull(b.decision, "decision is null");
    this.duration = requireNonNull(b.duration, "duration is null");
    // Sorted, so that the log line and the audit table show roles in a stable order.
    this.roles = Collections.unmodifiableSet(new TreeSet<>(copy(b.roles, "roles")));
    this.products = List.copyOf(b.products);
    this.warnings = List.copyOf(b.warnings);
    this.decidingPolicy = b.decidingPolicy;
    this.rowsReturned = b.rowsReturned;
    this.error = b.error;
    if (decision == Decision.FAILED && error == null) {
      throw new IllegalArgumentException("a FAILED audit event needs an error (call error(...))");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** When the statement started. */
  public Instant time() {
    return time;
  }

  /** The principal's name. */
  public String principal() {
    return principal;
  }

  /** The principal's roles, sorted and unmodifiable. */
  public Set<String> roles() {
    return roles;
  }

  /** The statement as the consumer wrote it. */
  public String sql() {
    return sql;
  }

  /** The products read, each with the filters and masks applied to it. */
  public List<ProductAccess> products() {
    return products;
  }

  public Decision decision() {
    return decision;
  }

  /** The policy that granted or denied access; null when access was denied because nothing granted it. */
  public String decidingPolicy() {
    return decidingPolicy;
  }

  public long rowsReturned() {
    return rowsReturned;
  }

  public Duration duration() {
    return duration;
  }

  /** Why the statement was denied or failed, as a sentence that holds no data; null if it succeeded. */
  public String error() {
    return error;
  }

  /** Non-fatal findings, such as a product that was unavailable. */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * The event as one line of JSON with a stable field order: {@code time, principal, roles,
   * decision, policy, products, rows, durationMs, error, warnings, sql}. Line breaks in the SQL are
   * escaped, so the result never spans lines.
   */
  public String toLogLine() {
    return AuditJson.logLine(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuditEvent e
        && time.equals(e.time) && principal.equals(e.principal) && roles.equals(e.roles)
        && sql.equals(e.sql) && products.equals(e.products) && decision == e.decision
        && Objects.equals(decidingPolicy, e.decidingPolicy) && rowsReturned == e.rowsReturned
        && duration.equals(e.duration) && Objects.equals(error, e.error) && warnings.equals(e.warnings);
  }

  @Override
  public int hashCode() {
    return Objects.hash(time, principal, sql, decision, rowsReturned);
  }

  /** Short: no SQL text, which can be long and can hold the consumer's literal values. */
  @Override
  public String toString() {
    return "AuditEvent[" + time + ", principal=" + principal + ", " + decision
        + (decidingPolicy == null ? "" : " by " + decidingPolicy)
        + ", products=" + products.stream().map(ProductAccess::product).toList()
        + ", rows=" + rowsReturned + ", durationMs=" + duration.toMillis() + "]";
  }

  private static List<String> copy(Collection<String> values, String what) {
    requireNonNull(values, what + " is null");
    for (String value : values) {
      requireNonNull(value, what + " contains null");
    }
    return List.copyOf(values);
  }

  /** Builds an {@link AuditEvent}; time, principal, sql, decision and duration are required. */
  public static final class Builder {
    private Instant time;
    private String principal;
    private Collection<String> roles = Set.of();
    private String sql;
    private final List<ProductAccess> products = new ArrayList<>();
    private Decision decision;
    private String decidingPolicy;
    private long rowsReturned;
    private Duration duration;
    private String error;
    private final List<String> warnings = new ArrayList<>();

    private Builder() {
    }

    public Builder time(Instant time) {
      this.time = requireNonNull(time, "time is null");
      return this;
    }

    public Builder principal(String name) {
      this.principal = requireNonNull(name, "principal is null");
      return this;
    }

    /** Sets the principal's name and roles; attributes are not recorded, they can be personal data. */
    public Builder principal(Principal principal) {
      requireNonNull(principal, "principal is null");
      this.principal = principal.name();
      this.roles = principal.roles();
      return this;
    }

    public Builder roles(Collection<String> roles) {
      this.roles = copy(roles, "roles");
      return this;
    }

    public Builder sql(String sql) {
      this.sql = requireNonNull(sql, "sql is null");
      return this;
    }

    /** Adds one product read. */
    public Builder product(ProductAccess product) {
      products.add(requireNonNull(product, "product is null"));
      return this;
    }

    /** Adds the products read. */
    public Builder products(Collection<ProductAccess> products) {
      requireNonNull(products, "products is null").forEach(this::product);
      return this;
    }

    public Builder decision(Decision decision) {
      this.decision = requireNonNull(decision, "decision is null");
      return this;
    }

    /** The policy that decided; leave unset when nothing granted access. */
    public Builder decidingPolicy(String policy) {
      this.decidingPolicy = policy;
      return this;
    }

    /**
     * @throws IllegalArgumentException if negative
     */
    public Builder rowsReturned(long rows) {
      if (rows < 0) {
        throw new IllegalArgumentException("rowsReturned cannot be negative: " + rows);
      }
      this.rowsReturned = rows;
      return this;
    }

    /**
     * @throws IllegalArgumentException if negative
     */
    public Builder duration(Duration duration) {
      requireNonNull(duration, "duration is null");
      if (duration.isNegative()) {
        throw new IllegalArgumentException("duration cannot be negative: " + duration);
      }
      this.duration = duration;
      return this;
    }

    /** Why the statement was denied or failed: a sentence that must not contain data values. */
    public Builder error(String error) {
      this.error = error;
      return this;
    }

    public Builder warning(String warning) {
      warnings.add(requireNonNull(warning, "warning is null"));
      return this;
    }

    /**
     * @throws NullPointerException if time, principal, sql, decision or duration is missing
     * @throws IllegalArgumentException if the decision is FAILED and there is no error
     */
    public AuditEvent build() {
      return new AuditEvent(this);
    }
  }
}
