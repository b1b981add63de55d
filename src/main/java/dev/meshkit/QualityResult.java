package dev.meshkit;

import java.time.Instant;

/**
 * The outcome of one quality check of one product.
 *
 * @param product the qualified name, {@code domain.product}
 * @param checkName the declared name, or one made from the metric and column (e.g. {@code nullValues.email})
 * @param metric the library metric, {@code sql} for a query, or {@code freshness} for the SLA
 * @param column the checked column, or null for the whole product
 * @param status {@code passed}, {@code failed}, or {@code error} when the check could not run
 * @param observed the measured number (a Double); for freshness the newest timestamp, and for an
 *     error the message (Strings); null when there is nothing to show
 * @param expected the comparison, e.g. {@code "= 0"}, {@code "between 1 and 10"}, {@code ">= now - 1d"}
 * @param severity {@code info}, {@code warning} or {@code error}
 */
public record QualityResult(
    String product,
    String checkName,
    String metric,
    String column,
    String status,
    Object observed,
    String expected,
    String severity,
    Instant checkedAt) {

  /**
   * The observed value as text, counts as whole numbers ({@code 3}, not {@code 3.0}); null when
   * there is nothing to show.
   */
  public String observedText() {
    if (observed instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
      return Long.toString(d.longValue());
    }
    return observed == null ? null : observed.toString();
  }

  /** Whether the check did not pass: it failed, or could not run. */
  public boolean failedOrError() {
    return !status.equals("passed");
  }
}
