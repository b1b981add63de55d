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

/**
 * Moves an operator into a database source as soon as all its inputs already run there. Calcite
 * leaves this to cost estimates, which without statistics often prefer to fetch whole tables and
 * join them here; pushing whenever possible sends each source one statement per connected group
 * of its tables, and lets the database use its own indexes and statistics.
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
    JdbcConvention convention = null;
    for (RelNode input : rel.getInputs()) {
      RelNode node = input instanceof HepRelVertex vertex ? vertex.getCurrentRel() : input;
      if (!(node instanceof JdbcRel) || convention != null && node.getConvention() != convention) {
        return;
      }
      convention = (JdbcConvention) node.getConvention();
    }
    for (RelOptRule rule : rules.computeIfAbsent(convention, JdbcRules::rules)) {
      if (rule instanceof ConverterRule converter
          && converter.getOperand().getMatchedClass().isInstance(rel)
          && rel.getTraitSet().contains(converter.getInTrait())) {
        RelNode pushed = converter.convert(rel);
        if (pushed != null) {
          call.transformTo(pushed);
          return;
        }
      }
    }
  }
}
