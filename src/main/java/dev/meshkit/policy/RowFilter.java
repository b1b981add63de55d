package dev.meshkit.policy;

import java.util.List;
import java.util.Objects;

/**
 * One row filter that applies to a principal reading a product. Every filter in a decision applies
 * (they AND together).
 *
 * @param policy the row filter policy's name
 * @param predicateWithPlaceholders the policy's {@code where} with each {@code :name} replaced by
 *     {@code ?}; text inside quotes is left alone
 * @param values what to bind to the placeholders, in order, as literal values; empty when unsatisfiable
 * @param unsatisfiable the principal lacks an attribute the filter uses, so they see no rows of the
 *     product: the filter must act as {@code FALSE}
 * @param missingAttribute the first attribute the principal lacks, or null when satisfiable
 */
public record RowFilter(
    String policy,
    String predicateWithPlaceholders,
    List<String> values,
    boolean unsatisfiable,
    String missingAttribute) {

  /**
   * @throws IllegalArgumentException if {@code unsatisfiable} disagrees with {@code missingAttribute},
   *     or an unsatisfiable filter carries values
   */
  public RowFilter {
    Objects.requireNonNull(policy, "policy is null");
    Objects.requireNonNull(predicateWithPlaceholders, "predicateWithPlaceholders is null");
    values = List.copyOf(values);
    if (unsatisfiable != (missingAttribute != null)) {
      throw new IllegalArgumentException("a row filter is unsatisfiable exactly when an attribute is missing");
    }
    if (unsatisfiable && !values.isEmpty()) {
      throw new IllegalArgumentException("an unsatisfiable row filter binds no values");
    }
  }

  /** Without the bound values: they are attribute values, which can be personal data. */
  @Override
  public String toString() {
    return "RowFilter[" + policy + ": " + predicateWithPlaceholders
        + (unsatisfiable ? ", unsatisfiable: no attribute '" + missingAttribute + "'" : "") + "]";
  }
}
