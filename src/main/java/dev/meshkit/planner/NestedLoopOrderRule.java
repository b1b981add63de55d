package dev.meshkit.planner;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.rules.JoinCommuteRule;
import org.apache.calcite.tools.RelBuilderFactory;

/**
 * An inner join without an equality runs as a nested loop, which reads its right input once per
 * left row; when that input is a source's statement, the source would run it that many times.
 * Putting the smaller input on the left (TPC-H Q22's one-row average, for instance) makes it once.
 */
final class NestedLoopOrderRule extends RelRule<NestedLoopOrderRule.Config> {

  static final NestedLoopOrderRule INSTANCE = Config.DEFAULT.toRule();

  private NestedLoopOrderRule(Config config) {
    super(config);
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

  /** Matches every join. */
  record Config(RelBuilderFactory relBuilderFactory, String description, OperandTransform operandSupplier)
      implements MeshRuleConfig<Config> {

    static final Config DEFAULT = new Config(RelFactories.LOGICAL_BUILDER, "NestedLoopOrderRule",
        b -> b.operand(LogicalJoin.class).anyInputs());

    @Override
    public NestedLoopOrderRule toRule() {
      return new NestedLoopOrderRule(this);
    }

    @Override
    public Config copy(RelBuilderFactory relBuilderFactory, String description, OperandTransform operandSupplier) {
      return new Config(relBuilderFactory, description, operandSupplier);
    }
  }
}
