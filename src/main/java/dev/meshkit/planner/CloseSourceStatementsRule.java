package dev.meshkit.planner;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.jdbc.JdbcRel;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.plan.hep.HepRelVertex;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.tools.RelBuilderFactory;

/**
 * Ends each source statement where {@link PushToSourceRule} left it, with a
 * {@link SourceStatement}. The cost-based phase that follows has the JDBC rules too, and
 * would otherwise push again what was kept out on purpose: work above a product's barrier that is
 * not leakproof, or joins H2 cannot run well. The statement's {@link PolicyBarrier.InSource}s have done their
 * work by then and leave only their row filters.
 */
final class CloseSourceStatementsRule extends RelRule<CloseSourceStatementsRule.Config> {

  static final CloseSourceStatementsRule INSTANCE = Config.DEFAULT.toRule();

  private CloseSourceStatementsRule(Config config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    RelNode rel = call.rel(0);
    if (rel instanceof JdbcRel || rel instanceof SourceStatement) {
      return;
    }
    List<RelNode> inputs = new ArrayList<>();
    boolean changed = false;
    for (RelNode input : rel.getInputs()) {
      RelNode node = input instanceof HepRelVertex vertex ? vertex.getCurrentRel() : input;
      if (node instanceof JdbcRel) {
        inputs.add(SourceStatement.of(unsealed(node)));
        changed = true;
      } else {
        inputs.add(input);
      }
    }
    if (changed) {
      call.transformTo(rel.copy(rel.getTraitSet(), inputs));
    }
  }

  /** The statement without its barriers; also for a plan that runs entirely in one source. */
  static RelNode unsealed(RelNode rel) {
    RelNode node = rel instanceof HepRelVertex vertex ? vertex.getCurrentRel() : rel;
    List<RelNode> inputs = new ArrayList<>();
    boolean changed = false;
    for (RelNode input : node.getInputs()) {
      RelNode unsealed = unsealed(input);
      changed |= unsealed != input;
      inputs.add(unsealed);
    }
    if (node instanceof PolicyBarrier.InSource barrier) {
      return barrier.unsealed(inputs.get(0));
    }
    return changed ? node.copy(node.getTraitSet(), inputs) : rel;
  }

  /** Matches every operator. */
  record Config(RelBuilderFactory relBuilderFactory, String description, OperandTransform operandSupplier)
      implements MeshRuleConfig<Config> {

    static final Config DEFAULT = new Config(RelFactories.LOGICAL_BUILDER, "CloseSourceStatementsRule",
        b -> b.operand(RelNode.class).anyInputs());

    @Override
    public CloseSourceStatementsRule toRule() {
      return new CloseSourceStatementsRule(this);
    }

    @Override
    public Config copy(RelBuilderFactory relBuilderFactory, String description, OperandTransform operandSupplier) {
      return new Config(relBuilderFactory, description, operandSupplier);
    }
  }
}
