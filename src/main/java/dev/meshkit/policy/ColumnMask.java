package dev.meshkit.policy;

import java.util.Objects;

/**
 * The mask that wins for one column: a built-in ({@code with}) or SQL ({@code expression}), never both.
 *
 * @param policy the mask policy's name
 * @param column the column as the product names it
 * @param with the name of a {@link dev.meshkit.model.BuiltInMask}; null when {@code expression} is given
 * @param expression SQL naming the column as {@code {column}}; null when {@code with} is given
 */
public record ColumnMask(String policy, String column, String with, String expression) {

  /** @throws IllegalArgumentException unless exactly one of {@code with} and {@code expression} is given */
  public ColumnMask {
    Objects.requireNonNull(policy, "policy is null");
    Objects.requireNonNull(column, "column is null");
    if ((with == null) == (expression == null)) {
      throw new IllegalArgumentException("mask '" + policy + "' needs exactly one of with or expression");
    }
  }
}
