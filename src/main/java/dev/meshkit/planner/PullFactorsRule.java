package dev.meshkit.planner;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.tools.RelBuilderFactory;

/**
 * Pulls the conjuncts that every branch of an OR shares out in front of it:
 * {@code (a AND b) OR (a AND c)} becomes {@code a AND (b OR c)}. TPC-H Q19 needs it: its only
 * equi-join condition sits inside each branch, and without this the join is a nested loop.
 */
final class PullFactorsRule extends RelRule<PullFactorsRule.Config> {

  static final PullFactorsRule INSTANCE = Config.DEFAULT.toRule();

  private PullFactorsRule(Config config) {
    super(config);
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

  /** Matches every filter. */
  record Config(RelBuilderFactory relBuilderFactory, String description, OperandTransform operandSupplier)
      implements MeshRuleConfig<Config> {

    static final Config DEFAULT = new Config(RelFactories.LOGICAL_BUILDER, "PullFactorsRule",
        b -> b.operand(LogicalFilter.class).anyInputs());

    @Override
    public PullFactorsRule toRule() {
      return new PullFactorsRule(this);
    }

    @Override
    public Config copy(RelBuilderFactory relBuilderFactory, String description, OperandTransform operandSupplier) {
      return new Config(relBuilderFactory, description, operandSupplier);
    }
  }
}
