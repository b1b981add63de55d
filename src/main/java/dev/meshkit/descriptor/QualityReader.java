package dev.meshkit.descriptor;

import dev.meshkit.model.Location;
import dev.meshkit.model.QualityCheck;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads quality checks in ODCS's shape and checks that each is complete enough to run later:
 * a known metric or a query, and exactly one comparison with numbers.
 */
final class QualityReader {

  private static final List<String> OPERATORS = List.of("mustBe", "mustNotBe", "mustBeGreaterThan",
      "mustBeGreaterOrEqualTo", "mustBeLessThan", "mustBeLessOrEqualTo", "mustBeBetween", "mustNotBeBetween");
  private static final Set<String> FIELDS = fields();
  private static final Set<String> TYPES = Set.of("library", "sql");
  private static final Set<String> METRICS = Set.of("rowCount", "nullValues", "missingValues", "invalidValues",
      "duplicateValues");
  private static final Set<String> UNITS = Set.of("rows", "percent");
  private static final Set<String> SEVERITIES = Set.of("info", "warning", "error");

  private final Problems problems;

  QualityReader(Problems problems) {
    this.problems = problems;
  }

  QualityCheck read(Fields check) {
    check.check(check.what(), FIELDS);
    String query = query(check);
    String type = oneOf(check, "type", TYPES, query != null ? "sql" : "library");
    String metric = check.string("metric");
    String column = check.string("column");
    if (type.equals("sql") && query == null) {
      problems.add(check.line(), check.what() + " of type sql needs a 'query'");
    } else if (type.equals("library") && metric == null) {
      problems.add(check.line(), check.what() + " needs a 'metric' (" + String.join(", ", METRICS.stream().sorted().toList())
          + ") or a 'query'");
    } else if (metric != null && !METRICS.contains(metric)) {
      problems.add(check.line("metric"), check.field("metric") + " must be one of "
          + String.join(", ", METRICS.stream().sorted().toList()) + ", not '" + check.raw("metric") + "'");
    } else if (metric != null && !metric.equals("rowCount") && column == null) {
      problems.add(check.line(), check.what() + " needs a 'column' for metric " + metric);
    }
    List<String> validValues = check.strings("validValues");
    if ("invalidValues".equals(metric) && validValues.isEmpty()) {
      problems.add(check.line(), check.what() + " needs 'validValues' for metric invalidValues");
    }
    List<String> operators = OPERATORS.stream().filter(check::has).toList();
    if (operators.size() != 1) {
      problems.add(check.line(), check.what() + " needs exactly one comparison (" + String.join(", ", OPERATORS)
          + ")" + (operators.isEmpty() ? "" : ", not " + String.join(" and ", operators)));
      return null;
    }
    String operator = operators.get(0);
    List<Double> threshold = threshold(check, operator);
    String unit = oneOf(check, "unit", UNITS, null);
    String severity = oneOf(check, "severity", SEVERITIES, "error");
    if (threshold == null) {
      return null;
    }
    return new QualityCheck(check.string("name"), type, metric, column, query, validValues, operator, threshold,
        unit, severity, new Location(problems.file(), check.line()));
  }

  /**
   * The query as written: it is not subject to environment substitution, because {@code ${product}}
   * in it is the check's own placeholder for the product it checks.
   */
  private String query(Fields check) {
    if (check.has("query") && check.raw("query") == null) {
      problems.add(check.line("query"), check.field("query") + " must be a single value, not "
          + Fields.kind(check.node("query")));
    }
    return Fields.strip(check.raw("query"));
  }

  /** One number, or two for the between comparisons. */
  private List<Double> threshold(Fields check, String operator) {
    boolean between = operator.endsWith("Between");
    List<String> texts = check.strings(operator);
    List<Double> values = new ArrayList<>();
    for (String text : texts) {
      try {
        values.add(Double.valueOf(text));
      } catch (NumberFormatException e) {
        break;
      }
    }
    if (values.size() != texts.size() || values.size() != (between ? 2 : 1)) {
      problems.add(check.line(operator), check.field(operator) + " must be "
          + (between ? "a list of two numbers, e.g. [0, 100]" : "a number"));
      return null;
    }
    return values;
  }

  private String oneOf(Fields check, String key, Set<String> accepted, String fallback) {
    String value = check.string(key);
    if (value == null) {
      return fallback;
    }
    if (!accepted.contains(value)) {
      problems.add(check.line(key), check.field(key) + " must be one of "
          + String.join(", ", accepted.stream().sorted().toList()) + ", not '" + check.raw(key) + "'");
      return fallback;
    }
    return value;
  }

  private static Set<String> fields() {
    Set<String> fields = new HashSet<>(Set.of("name", "type", "metric", "column", "query", "validValues",
        "unit", "severity"));
    fields.addAll(OPERATORS);
    return Set.copyOf(fields);
  }
}
