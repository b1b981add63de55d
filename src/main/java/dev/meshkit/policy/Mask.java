package dev.meshkit.policy;

import dev.meshkit.model.BuiltInMask;
import dev.meshkit.model.PolicyModel;
import java.util.Objects;

/**
 * What a mask policy does to a column: a built-in mask named by {@code with}, or an SQL
 * {@code expression} that names the column as {@code {column}}. Exactly one of the two is set.
 *
 * @param policy the deciding policy's name, for error messages and audit
 * @param with the name of a {@link BuiltInMask}, or null
 * @param expression SQL over {@code {column}}, or null
 */
public record Mask(String policy, String with, String expression) {

  /**
   * @throws IllegalArgumentException unless exactly one of {@code with} and {@code expression} is
   *     given, and {@code with} names a {@link BuiltInMask}
   */
  public Mask {
    Objects.requireNonNull(policy, "policy is null");
    if ((with == null) == (expression == null)) {
      throw new IllegalArgumentException("mask of policy '" + policy
          + "' needs exactly one of 'with' or 'expression'");
    }
    if (with != null && BuiltInMask.named(with).isEmpty()) {
      throw new IllegalArgumentException("mask of policy '" + policy + "' has an unknown 'with': " + with
          + " (use one of " + String.join(", ", BuiltInMask.names()) + ")");
    }
  }

  /** The built-in mask {@code with} names; null for an expression. */
  public BuiltInMask builtIn() {
    return with == null ? null : BuiltInMask.named(with).orElseThrow();
  }

  /**
   * The mask of a descriptor policy.
   *
   * @throws IllegalArgumentException if the policy is not a valid mask
   */
  public static Mask of(PolicyModel policy) {
    if (policy.kind() != PolicyModel.Kind.MASK) {
      throw new IllegalArgumentException("policy '" + policy.name() + "' is a " + policy.kind().key() + ", not a mask");
    }
    return new Mask(policy.name(), policy.with(), policy.expression());
  }
}
