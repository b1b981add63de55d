package dev.meshkit.planner;

import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.rules.JoinCommuteRule;

/**
 * An inner join without an equality runs as a nested loop, which reads its right input once per
 * left row; when that input is a source's statement, the source would run it that many times.
 * Putting the smaller input on the left (TPC-H Q22's one-row average, for instance) makes it once.
 */
final class NestedLoopOrderRule extends RelOptRule {

  static final NestedLoopOrderRule INSTANCE = new NestedLoopOrderRule();

  @SuppressWarnings("deprecation")
  private NestedLoopOrderRule() {
    super(operand(LogicalJoin.class, any()), RelFactories.LOGICAL_BUILDER, "NestedLoopOrderRule");
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalJoin join = call.rel(0);
    if (join.getJoinType() != JoinRelType.INNER || !join.analyzeCondition().leftKeys.isEmpty()) {
      return;
    }
    RelMetadataQuery mq = call.getMetadataQuery();
    Double left = mq.getRowCount(join.getLeft());
    Double right = mq.getRowCount(join.getRight());
    if (left != null && right != null && right < left) {
      RelNode swapped = JoinCommuteRule.swap(join, true, call.builder());
      if (swapped != null) {
        call.transformTo(swapped);
      }
    }
  }
}
