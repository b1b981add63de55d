package dev.meshkit.planner;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;

/**
 * The boundary of a product, with the principal's row filter if one applies, as a node no Calcite
 * rule knows: PostgreSQL's {@code security_barrier}. The product's own SQL (its WHERE, joins,
 * anti-joins, grouping, DISTINCT, limits, and the products it reads, each behind its own barrier)
 * runs beneath it, and whatever reads the product runs above it. Calcite's rules would otherwise
 * merge a consumer's predicates with the product's conditions, and the source could then
 * evaluate them on rows the product removes, where an error (a failed cast, a division by zero)
 * or its absence would tell the consumer something about a row they may not see. Only
 * {@link LeakproofFilterRule} moves predicates past it, and only those that cannot fail; in the
 * source, {@link PushToSourceRule} stacks only leakproof work on it.
 */
public final class PolicyBarrier extends SingleRel {

  /** The row filter's leakproof part, evaluated with the product; null when no row filter applies. */
  final RexNode condition;
  final String product;
  final String policies;

  private PolicyBarrier(RelOptCluster cluster, RelTraitSet traits, RelNode input, RexNode condition, String product,
      String policies) {
    super(cluster, traits, input);
    this.condition = condition;
    this.product = product;
    this.policies = policies;
  }

  /** The barrier over a product read inside another product's SQL: no consumer policy applies there. */
  public static RelNode over(RelNode expansion, String product) {
    return over(expansion, product, null, "");
  }

  /**
   * The barrier over a product the consumer reads, with the row filter of the named policies. The
   * part of the filter that may fail runs after the product, like a consumer's predicate, so the
   * policy cannot reveal rows the product itself removes. An expansion that removes no row (a
   * projection of one table or of another product) needs no barrier of its own.
   */
  public static RelNode over(RelNode expansion, String product, RexNode rowFilter, String policies) {
    List<RexNode> safe = new ArrayList<>();
    List<RexNode> unsafe = new ArrayList<>();
    if (rowFilter != null) {
      for (RexNode conjunct : RelOptUtil.conjunctions(rowFilter)) {
        (Leakproof.below(expansion, conjunct) ? safe : unsafe).add(conjunct);
      }
    }
    if (safe.isEmpty() && unsafe.isEmpty() && removesNoRow(expansion)) {
      return expansion;
    }
    var rex = expansion.getCluster().getRexBuilder();
    RelNode barrier = new PolicyBarrier(expansion.getCluster(), expansion.getTraitSet(), expansion,
        safe.isEmpty() ? null : RexUtil.composeConjunction(rex, safe), product, policies);
    return unsafe.isEmpty() ? barrier : ResidualFilter.create(barrier, RexUtil.composeConjunction(rex, unsafe));
  }

  private static boolean removesNoRow(RelNode rel) {
    if (rel instanceof Project project) {
      // A subquery in the select list reads rows of its own, which its WHERE may remove.
      return RexUtil.SubQueryFinder.find(project.getProjects()) == null && removesNoRow(project.getInput());
    }
    if (rel instanceof Sort sort && sort.fetch == null && sort.offset == null) {
      return removesNoRow(sort.getInput());
    }
    return rel instanceof TableScan || rel instanceof Values || rel instanceof PolicyBarrier;
  }

  PolicyBarrier withInput(RelNode input, RexNode newCondition) {
    return new PolicyBarrier(getCluster(), input.getTraitSet(), input, newCondition, product, policies);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new PolicyBarrier(getCluster(), traitSet, sole(inputs), condition, product, policies);
  }

  @Override
  public RelNode accept(RexShuttle shuttle) {
    if (condition == null) {
      return this;
    }
    RexNode rewritten = shuttle.apply(condition);
    return rewritten == condition ? this : withInput(input, rewritten);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("product", product)
        .itemIf("condition", condition, condition != null)
        .itemIf("policies", policies, !policies.isEmpty());
  }

  /**
   * A product's barrier once the product runs inside its source, with the leakproof part of the
   * row filter as its condition (TRUE when none applies). Its class marks the subtree below it as
   * sealed, so only leakproof work is stacked on top of it in the same statement. As a filter it
   * keeps what the planner knows of its input (row counts, keys); {@link CloseSourceStatementsRule}
   * turns it into a plain filter, or removes it, before SQL is generated.
   */
  static final class InSource extends JdbcRules.JdbcFilter {

    InSource(RelOptCluster cluster, RelTraitSet traits, RelNode input, RexNode condition) {
      super(cluster, traits, input, condition);
    }

    @Override
    public JdbcRules.JdbcFilter copy(RelTraitSet traitSet, RelNode input, RexNode condition) {
      return new InSource(getCluster(), traitSet, input, condition);
    }

    /** The statement's own operator: a filter for a row filter, nothing otherwise. */
    RelNode unsealed(RelNode input) {
      return condition.isAlwaysTrue() ? input : new JdbcRules.JdbcFilter(getCluster(), getTraitSet(), input, condition);
    }
  }
}
