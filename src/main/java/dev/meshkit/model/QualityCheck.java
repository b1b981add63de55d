package dev.meshkit.model;

import java.util.List;
import java.util.Objects;

/**
 * One declared quality check, in ODCS's shape: a library {@code metric} (on a {@code column} or the
 * whole product) or a {@code sql} query, compared with {@code threshold} by {@code operator} (e.g.
 * {@code mustBe}); {@code mustBeBetween} has two thresholds. Run by {@code governance.QualityRunner}.
 */
public record QualityCheck(
    String name,
    String type,
    String metric,
    String column,
    String query,
    List<String> validValues,
    String operator,
    List<Double> threshold,
    String unit,
    String severity,
    Location location) {

  public QualityCheck {
    Objects.requireNonNull(type, "type is null");
    validValues = List.copyOf(validValues);
    threshold = List.copyOf(threshold);
    Objects.requireNonNull(location, "location is null");
  }
}
