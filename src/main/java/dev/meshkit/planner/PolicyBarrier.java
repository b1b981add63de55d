package dev.meshkit.planner;

import java.util.List;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;

/**
 * A product's row filter, as a node no Calcite rule knows. Calcite's filter rules would merge a
 * consumer's predicates with it, and the source could then evaluate them on rows the policy
 * removes, where an error (a failed cast, a division by zero) would tell the consumer something
 * about a row they may not see. Only {@link LeakproofFilterRule} moves predicates past it, and
 * only those that cannot fail; it becomes an ordinary filter, pushed into the source, at the end
 * of logical planning.
 */
public final class PolicyBarrier extends SingleRel {

  final RexNode condition;
  final String policies;

  PolicyBarrier(RelOptCluster cluster, RelTraitSet traits, RelNode input, RexNode condition, String policies) {
    super(cluster, traits, input);
    this.condition = condition;
    this.policies = policies;
  }

  public static PolicyBarrier create(RelNode input, RexNode condition, String policies) {
    return new PolicyBarrier(input.getCluster(), input.getTraitSet(), input, condition, policies);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new PolicyBarrier(getCluster(), traitSet, sole(inputs), condition, policies);
  }

  @Override
  public RelNode accept(RexShuttle shuttle) {
    RexNode rewritten = shuttle.apply(condition);
    return rewritten == condition ? this : new PolicyBarrier(getCluster(), traitSet, input, rewritten, policies);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("condition", condition).item("policies", policies);
  }
}
