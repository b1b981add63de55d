package dev.meshkit.policy;

import dev.meshkit.model.PolicyModel;
import java.util.Objects;
import java.util.Set;

/**
 * What a mask policy does to a column: a built-in mask named by {@code with}, or an SQL
 * {@code expression} that names the column as {@code {column}}. Exactly one of the two is set.
 *
 * @param policy the deciding policy's name, for error messages and audit
 * @param with one of {@link #BUILT_IN}, or null
 * @param expression SQL over {@code {column}}, or null
 */
public record Mask(String policy, String with, String expression) {

  /** The names {@code with} accepts. */
  public static final Set<String> BUILT_IN = Set.of("hash", "redact", "nullify", "last4", "first4", "year");

  /**
   * @throws IllegalArgumentException unless exactly one of {@code with} and {@code expression} is
   *     given, and {@code with} is one of {@link #BUILT_IN}
   */
  public Mask {
    Objects.requireNonNull(policy, "policy is null");
    if ((with == null) == (expression == null)) {
      throw new IllegalArgumentException("mask of policy '" + policy
          + "' needs exactly one of 'with' or 'expression'");
    }
    if (with != null && !BUILT_IN.contains(with)) {
      throw new IllegalArgumentException("mask of policy '" + policy + "' has an unknown 'with': " + with
          + " (use one of hash, redact, nullify, last4, first4, year)");
    }
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
