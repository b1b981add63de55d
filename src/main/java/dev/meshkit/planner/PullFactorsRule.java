package dev.meshkit.planner;

import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

/**
 * Pulls the conjuncts that every branch of an OR shares out in front of it:
 * {@code (a AND b) OR (a AND c)} becomes {@code a AND (b OR c)}. TPC-H Q19 needs it: its only
 * equi-join condition sits inside each branch, and without this the join is a nested loop.
 */
final class PullFactorsRule extends RelOptRule {

  static final PullFactorsRule INSTANCE = new PullFactorsRule();

  @SuppressWarnings("deprecation")
  private PullFactorsRule() {
    super(operand(LogicalFilter.class, any()), RelFactories.LOGICAL_BUILDER, "PullFactorsRule");
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalFilter filter = call.rel(0);
    RexNode condition = filter.getCondition();
    RexNode pulled = RexUtil.pullFactors(filter.getCluster().getRexBuilder(), condition);
    if (!pulled.equals(condition)) {
      call.transformTo(filter.copy(filter.getTraitSet(), filter.getInput(), pulled));
    }
  }
}
