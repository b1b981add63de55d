package dev.meshkit.planner;

import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexNode;

/**
 * A product's barrier once the product runs inside its source, with the leakproof part of the
 * row filter as its condition (TRUE when none applies). Its class marks the subtree below it as
 * sealed, so only leakproof work is stacked on top of it in the same statement. As a filter it
 * keeps what the planner knows of its input (row counts, keys); {@link CloseSourceStatementsRule}
 * turns it into a plain filter, or removes it, before SQL is generated.
 */
final class JdbcBarrier extends JdbcRules.JdbcFilter {

  JdbcBarrier(RelOptCluster cluster, RelTraitSet traits, RelNode input, RexNode condition) {
    super(cluster, traits, input, condition);
  }

  @Override
  public JdbcRules.JdbcFilter copy(RelTraitSet traitSet, RelNode input, RexNode condition) {
    return new JdbcBarrier(getCluster(), traitSet, input, condition);
  }

  /** The statement's own operator: a filter for a row filter, nothing otherwise. */
  RelNode unsealed(RelNode input) {
    return condition.isAlwaysTrue() ? input : new JdbcRules.JdbcFilter(getCluster(), getTraitSet(), input, condition);
  }
}
