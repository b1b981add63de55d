package dev.meshkit;

import static java.util.Objects.requireNonNull;

/**
 * One violation of a governance standard, found when the mesh loads: a built-in rule such as
 * {@code domain-has-owner}, one the descriptor declares under {@code standards:}, or one of the
 * checks that policies fit the mesh, such as {@code policy-matches-products}.
 *
 * @param rule the standard's or check's name
 * @param severity whether strict mode fails the load over it
 * @param subject what is at fault: {@code domain sales}, {@code product sales.orders},
 *     {@code column sales.customers.phone}, {@code policy eu-only} or {@code principal bert}
 * @param message one sentence saying what is wrong
 * @param location where the subject is declared, {@code file:line}
 */
public record GovernanceFinding(String rule, Severity severity, String subject, String message, String location) {

  /** How much a finding weighs; outside strict mode every finding is only logged. */
  public enum Severity {
    /** Fails the load in strict mode. */
    ERROR,
    /** Only logged, even in strict mode. */
    WARNING
  }

  /**
   * @throws NullPointerException if any component is null
   */
  public GovernanceFinding {
    requireNonNull(rule, "rule is null");
    requireNonNull(severity, "severity is null");
    requireNonNull(subject, "subject is null");
    requireNonNull(message, "message is null");
    requireNonNull(location, "location is null");
  }

  /** {@code file:line: rule: message}, the form load errors and log lines take. */
  @Override
  public String toString() {
    return location + ": " + rule + ": " + message;
  }
}
