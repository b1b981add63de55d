package dev.meshkit.planner;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.tools.RelBuilderFactory;

/**
 * A consumer's filter on top of a product's barrier: the conjuncts that stay leakproof wherever
 * they may travel inside the product ({@link Leakproof#below}) go below the barrier, so they reach
 * the source beside the product's own conditions; the rest stay above as a
 * {@link ResidualFilter}, which runs in the JVM on rows the product and its row filter let through.
 */
final class LeakproofFilterRule extends RelRule<LeakproofFilterRule.Config> {

  static final LeakproofFilterRule INSTANCE = Config.DEFAULT.toRule();

  private LeakproofFilterRule(Config config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalFilter filter = call.rel(0);
    PolicyBarrier barrier = call.rel(1);
    List<RexNode> safe = new ArrayList<>();
    List<RexNode> unsafe = new ArrayList<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
      (Leakproof.below(barrier.getInput(), conjunct) ? safe : unsafe).add(conjunct);
    }
    var rex = filter.getCluster().getRexBuilder();
    RelNode below = barrier.getInput();
    if (!safe.isEmpty()) {
      below = LogicalFilter.create(below, RexUtil.composeConjunction(rex, safe));
    }
    RelNode result = barrier.copy(barrier.getTraitSet(), List.of(below));
    if (!unsafe.isEmpty()) {
      result = ResidualFilter.create(result, RexUtil.composeConjunction(rex, unsafe));
    }
    call.transformTo(result);
  }

  /** Matches a filter on a barrier. */
  record Config(RelBuilderFactory relBuilderFactory, String description, OperandTransform operandSupplier)
      implements MeshRuleConfig<Config> {

    static final Config DEFAULT = new Config(RelFactories.LOGICAL_BUILDER, "LeakproofFilterRule",
        b0 -> b0.operand(LogicalFilter.class)
            .oneInput(b1 -> b1.operand(PolicyBarrier.class).anyInputs()));

    @Override
    public LeakproofFilterRule toRule() {
      return new LeakproofFilterRule(this);
    }

    @Override
    public Config copy(RelBuilderFactory relBuilderFactory, String description, OperandTransform operandSupplier) {
      return new Config(relBuilderFactory, description, operandSupplier);
    }
  }
}
