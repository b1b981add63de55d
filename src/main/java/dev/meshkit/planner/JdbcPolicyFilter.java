package dev.meshkit.planner;

import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rex.RexNode;

/**
 * A row filter running inside its source. It generates SQL like any filter; its class marks the
 * subtree below it as sealed, so only leakproof work is stacked on top of it in the same statement.
 */
final class JdbcPolicyFilter extends JdbcRules.JdbcFilter {

  JdbcPolicyFilter(RelOptCluster cluster, RelTraitSet traits, RelNode input, RexNode condition) {
    super(cluster, traits, input, condition);
  }

  @Override
  public JdbcRules.JdbcFilter copy(RelTraitSet traitSet, RelNode input, RexNode condition) {
    return new JdbcPolicyFilter(getCluster(), traitSet, input, condition);
  }
}
