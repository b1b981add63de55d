package dev.meshkit.planner;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableFilter;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;

/**
 * A predicate that may fail on some values, kept above a product's barrier (a consumer's, or the
 * part of a row filter that is not leakproof). It is not a {@code Filter}, so no filter rule
 * merges it into the product's conditions and no JDBC rule sends it to a source; it becomes an
 * ordinary filter only in the JVM, above a {@link Fence}.
 */
public final class ResidualFilter extends SingleRel {

  public final RexNode condition;

  private ResidualFilter(RelOptCluster cluster, RelTraitSet traits, RelNode input, RexNode condition) {
    super(cluster, traits, input);
    this.condition = condition;
  }

  static ResidualFilter create(RelNode input, RexNode condition) {
    return new ResidualFilter(input.getCluster(), input.getCluster().traitSetOf(Convention.NONE), input, condition);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new ResidualFilter(getCluster(), traitSet, sole(inputs), condition);
  }

  @Override
  public RelNode accept(RexShuttle shuttle) {
    RexNode rewritten = shuttle.apply(condition);
    return rewritten == condition ? this : new ResidualFilter(getCluster(), traitSet, input, rewritten);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("condition", condition);
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
      return EnumerableFilter.create(new Fence(input.getTraitSet(), input), filter.condition);
    }
  }

  /**
   * Passes its input's rows through unchanged. Calcite merges adjacent filters and projections
   * into one generated loop whose AND evaluates every operand of every row; a product evaluated
   * in the JVM (a file source, a join across sources) would then meet this filter's predicate on
   * the rows its own conditions remove. The fence keeps the two loops apart.
   */
  static final class Fence extends SingleRel implements EnumerableRel {

    Fence(RelTraitSet traits, RelNode input) {
      super(input.getCluster(), traits, input);
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
      return new Fence(traitSet, sole(inputs));
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
      return implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref);
    }
  }
}
