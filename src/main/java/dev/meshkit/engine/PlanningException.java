package dev.meshkit.engine;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The planner could not turn a statement into a plan: one sentence with its SQLState, 0A000 when
 * meshkit cannot plan it (naming what it lacks, where the planner says), 54001 when it nests too
 * deeply. The planner's own text (its dump of the plan, which may quote literals of the statement
 * or of a policy) goes to the {@code meshkit.errors} log at DEBUG, never here.
 */
public final class PlanningException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The operator the planner found no implementation for, in its two ways of saying so. */
  private static final Pattern MISSING = Pattern.compile(
      "Missing conversion is (?:Logical)?(\\w+)\\[|Unable to implement Node: .*\\n\\s*(?:Enumerable)?(\\w+)\\(");

  /** What each operator Calcite cannot run here is, in SQL's words. */
  private static final Map<String, String> LIMITATIONS = Map.of(
      "Sample", "TABLESAMPLE is not supported",
      "Match", "MATCH_RECOGNIZE is not supported",
      "TableFunctionScan", "table functions are not supported",
      "Snapshot", "FOR SYSTEM_TIME AS OF is not supported",
      "Window", "this window function is not supported",
      "Aggregate", "this aggregate function is not supported");

  private final String sqlState;
  private final boolean namesLimitation;

  private PlanningException(String message, String sqlState, boolean namesLimitation) {
    super(message, null, false, false);
    this.sqlState = sqlState;
    this.namesLimitation = namesLimitation;
  }

  private static PlanningException cannotPlan() {
    return new PlanningException("meshkit cannot plan this statement", "0A000", false);
  }

  /** Names the limitation when the planner's failure says which operator it could not run. */
  public static PlanningException cannotPlan(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      Matcher missing = MISSING.matcher(String.valueOf(t.getMessage()));
      if (missing.find()) {
        String limitation = LIMITATIONS.get(missing.group(1) != null ? missing.group(1) : missing.group(2));
        if (limitation != null) {
          return new PlanningException("meshkit cannot plan this statement: " + limitation, "0A000", true);
        }
      }
    }
    return cannotPlan();
  }

  /** Also what a statement meets that overflows the stack while it runs. */
  public static PlanningException tooComplex() {
    return new PlanningException(StatementDepth.overflowMessage(), "54001", false);
  }

  /** Whether the sentence says what meshkit lacks, rather than only that planning failed. */
  public boolean namesLimitation() {
    return namesLimitation;
  }

  public String sqlState() {
    return sqlState;
  }
}
