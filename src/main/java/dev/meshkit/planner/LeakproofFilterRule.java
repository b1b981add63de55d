package dev.meshkit.planner;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

/**
 * A consumer's filter on top of a row filter: its leakproof conjuncts go below the row filter, so
 * they reach the source beside it; the rest stay above as a {@link ResidualFilter}, which runs in
 * the JVM on rows the policy already let through.
 */
final class LeakproofFilterRule extends RelOptRule {

  static final LeakproofFilterRule INSTANCE = new LeakproofFilterRule();

  @SuppressWarnings("deprecation")
  private LeakproofFilterRule() {
    super(operand(LogicalFilter.class, operand(PolicyBarrier.class, any())), RelFactories.LOGICAL_BUILDER,
        "LeakproofFilterRule");
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalFilter filter = call.rel(0);
    PolicyBarrier barrier = call.rel(1);
    List<RexNode> safe = new ArrayList<>();
    List<RexNode> unsafe = new ArrayList<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
      (Leakproof.test(conjunct) ? safe : unsafe).add(conjunct);
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
}
