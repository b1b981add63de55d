package dev.meshkit.engine;

/**
 * The planner could not turn a statement into a plan: one sentence with its SQLState, 0A000 when
 * meshkit cannot plan it, 54001 when it nests too deeply. The planner's own text (its dump of the
 * plan, which may quote literals of the statement or of a policy) goes to the {@code meshkit.errors}
 * log at DEBUG, never here.
 */
public final class PlanningException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String sqlState;

  private PlanningException(String message, String sqlState) {
    super(message, null, false, false);
    this.sqlState = sqlState;
  }

  public static PlanningException cannotPlan() {
    return new PlanningException("meshkit cannot plan this statement", "0A000");
  }

  /** Also what a statement meets that overflows the stack while it runs. */
  public static PlanningException tooComplex() {
    return new PlanningException(StatementDepth.overflowMessage(), "54001");
  }

  public String sqlState() {
    return sqlState;
  }
}
