package dev.meshkit.plan;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcRel;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.hep.HepRelVertex;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalFilter;

/**
 * Moves an operator into a database source as soon as all its inputs already run there. Calcite
 * leaves this to cost estimates, which without statistics often prefer to fetch whole tables and
 * join them here; pushing whenever possible sends each source one statement per connected group
 * of its tables, and lets the database use its own indexes and statistics.
 *
 * <p>A row filter becomes a filter in its source here. Above it, only operators whose expressions
 * are {@link Leakproof} join it in the source: the database may evaluate a statement's expressions
 * in any order, and a failing one must never see a row the filter removes.
 */
final class PushToSourceRule extends RelOptRule {

  static final PushToSourceRule INSTANCE = new PushToSourceRule();

  private final Map<JdbcConvention, List<RelOptRule>> rules = new ConcurrentHashMap<>();

  @SuppressWarnings("deprecation")
  private PushToSourceRule() {
    super(operand(RelNode.class, any()), RelFactories.LOGICAL_BUILDER, "PushToSourceRule");
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    RelNode rel = call.rel(0);
    if (rel instanceof JdbcRel || rel.getInputs().isEmpty()) {
      return;
    }
    JdbcConvention convention = commonConvention(rel);
    if (rel instanceof PolicyBarrier barrier) {
      RelNode input = unwrap(barrier.getInput());
      call.transformTo(convention != null
          ? new JdbcPolicyFilter(rel.getCluster(), input.getTraitSet(), input, barrier.condition)
          : LogicalFilter.create(barrier.getInput(), barrier.condition));
      return;
    }
    if (convention == null || sealedBelow(rel) && !Leakproof.expressionsOf(rel)) {
      return;
    }
    for (RelOptRule rule : rules.computeIfAbsent(convention, JdbcRules::rules)) {
      // The operand carries the rule's own conditions, such as "no user-defined functions".
      if (rule instanceof ConverterRule converter && converter.getOperand().matches(rel)) {
        RelNode pushed = converter.convert(rel);
        if (pushed != null) {
          call.transformTo(pushed);
          return;
        }
      }
    }
  }

  /** The one JDBC convention all inputs already run in, or null. */
  private static JdbcConvention commonConvention(RelNode rel) {
    JdbcConvention convention = null;
    for (RelNode input : rel.getInputs()) {
      RelNode node = unwrap(input);
      if (!(node instanceof JdbcRel) || convention != null && node.getConvention() != convention) {
        return null;
      }
      convention = (JdbcConvention) node.getConvention();
    }
    return convention;
  }

  /** Whether a row filter already runs in the source beneath this operator. */
  private static boolean sealedBelow(RelNode rel) {
    for (RelNode input : rel.getInputs()) {
      RelNode node = unwrap(input);
      if (node instanceof JdbcPolicyFilter || sealedBelow(node)) {
        return true;
      }
    }
    return false;
  }

  private static RelNode unwrap(RelNode rel) {
    return rel instanceof HepRelVertex vertex ? vertex.getCurrentRel() : rel;
  }
}
