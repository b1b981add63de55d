package dev.meshkit.plan;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableFilter;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rex.RexNode;

/**
 * A consumer predicate that may fail on some values, kept above a row filter. Being its own
 * class, no filter rule merges it into the row filter and no source receives it.
 */
final class ResidualFilter extends Filter {

  private ResidualFilter(RelOptCluster cluster, RelTraitSet traits, RelNode input, RexNode condition) {
    super(cluster, traits, input, condition);
  }

  static ResidualFilter create(RelNode input, RexNode condition) {
    return new ResidualFilter(input.getCluster(), input.getCluster().traitSetOf(Convention.NONE), input, condition);
  }

  @Override
  public Filter copy(RelTraitSet traitSet, RelNode input, RexNode condition) {
    return new ResidualFilter(getCluster(), traitSet, input, condition);
  }

  /** Runs it in the JVM. */
  static final ConverterRule TO_ENUMERABLE = ConverterRule.Config.INSTANCE
      .withConversion(ResidualFilter.class, Convention.NONE, EnumerableConvention.INSTANCE, "ResidualFilterRule")
      .withRuleFactory(Enumerable::new)
      .toRule(ConverterRule.class);

  private static final class Enumerable extends ConverterRule {
    Enumerable(Config config) {
      super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
      ResidualFilter filter = (ResidualFilter) rel;
      RelNode input = convert(filter.getInput(), filter.getInput().getTraitSet().replace(EnumerableConvention.INSTANCE));
      return EnumerableFilter.create(input, filter.getCondition());
    }
  }
}
