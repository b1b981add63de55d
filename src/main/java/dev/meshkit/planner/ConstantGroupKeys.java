package dev.meshkit.planner;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.tools.RelBuilder;

/**
 * Aggregates whose grouping keys are all constants ({@code SELECT DISTINCT NULL FROM t WHERE x IN
 * (correlated)}), rewritten before Calcite's decorrelator meets them. The decorrelator drops constant
 * keys and adds them back above; with every key dropped it groups by nothing, which gives one row
 * even for empty input, where the query gives none. (Under a correlation the keys it adds keep the
 * grouping, so only aggregates that read no outer row are affected.) Here such an aggregate becomes one over no
 * keys that also counts its rows, kept only when that count is positive, with the constants
 * projected above: the same rows, whatever the input.
 */
final class ConstantGroupKeys extends RelShuttleImpl {

  private ConstantGroupKeys() {
  }

  /** Rewrites only plans the decorrelator will work on: those that bind a correlation variable. */
  static RelNode rewrite(RelNode rel) {
    return bindsVariable(rel) ? rel.accept(new ConstantGroupKeys()) : rel;
  }

  private static boolean bindsVariable(RelNode rel) {
    return !rel.getVariablesSet().isEmpty() || rel.getInputs().stream().anyMatch(ConstantGroupKeys::bindsVariable);
  }

  @Override
  public RelNode visit(LogicalAggregate aggregate) {
    RelNode visited = super.visit(aggregate);
    if (!(visited instanceof Aggregate rewritten) || !allKeysConstant(rewritten)) {
      return visited;
    }
    Project input = (Project) rewritten.getInput();
    RelBuilder b = RelFactories.LOGICAL_BUILDER.create(rewritten.getCluster(), null);
    b.push(input);
    List<RelBuilder.AggCall> calls = new ArrayList<>();
    rewritten.getAggCallList().forEach(call -> calls.add(b.aggregateCall(call)));
    calls.add(b.countStar("$rows"));
    b.aggregate(b.groupKey(), calls);
    int rows = calls.size() - 1;
    b.filter(b.greaterThan(b.field(rows), b.literal(0)));
    List<RexNode> columns = new ArrayList<>();
    rewritten.getGroupSet().forEach(key -> columns.add(input.getProjects().get(key)));
    for (int call = 0; call < rows; call++) {
      columns.add(b.field(call));
    }
    // Over at least one row the aggregates have the types they had under the constant keys.
    return b.project(columns).convert(rewritten.getRowType(), true).build();
  }

  private static boolean allKeysConstant(Aggregate aggregate) {
    return RelOptUtil.getVariablesUsed(aggregate).isEmpty() && aggregate.getGroupType() == Aggregate.Group.SIMPLE && aggregate.getGroupCount() > 0
        && aggregate.getInput() instanceof Project project
        && aggregate.getGroupSet().asList().stream().allMatch(i -> project.getProjects().get(i) instanceof RexLiteral);
  }
}
