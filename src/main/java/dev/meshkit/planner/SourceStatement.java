package dev.meshkit.planner;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverterRule;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * One statement a database source runs, as the JVM side of the plan sees it. Unlike Calcite's
 * converter, which the cost-based planner treats as equivalent to its input (and so would pull
 * more work into the source), this node is opaque: the statement ends exactly where the policy
 * and pushdown rules decided.
 */
final class SourceStatement extends SingleRel implements EnumerableRel {

  SourceStatement(RelOptCluster cluster, RelTraitSet traits, RelNode input) {
    super(cluster, traits, input);
  }

  static SourceStatement of(RelNode jdbc) {
    return new SourceStatement(jdbc.getCluster(), jdbc.getTraitSet().replace(EnumerableConvention.INSTANCE), jdbc);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new SourceStatement(getCluster(), traitSet, sole(inputs));
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return planner.getCostFactory().makeCost(mq.getRowCount(this), 0, 0).multiplyBy(0.1);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    JdbcConvention convention = (JdbcConvention) getInput().getConvention();
    EnumerableRel converter = (EnumerableRel) JdbcToEnumerableConverterRule.create(convention).convert(getInput());
    return converter.implement(implementor, pref);
  }
}
