package dev.meshkit.planner;

import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.logical.LogicalSort;

/**
 * Makes the sort orders the cost-based planner must deliver ones it can, before it chooses physical
 * operators. It has no operator that sorts rows unless the plan has a sort, so an order that only
 * the logical plan claims makes a statement unplannable. Two such claims come from relations that
 * fold to no rows (a filter or a join condition that is never true, {@code LIMIT 0}), which are
 * sorted on every column at once:
 *
 * <ul>
 *   <li>A logical operator carries the order it inherited from its input, and the planner takes it
 *       as a requirement of its physical input, but derives the physical operator's own order from
 *       its input's equivalence set, which keeps one of several orders. A projection of a later
 *       column over such a relation claims an order no physical operator delivers. Only a sort
 *       (the order it makes) and a leaf (the order its rows have) keep theirs.
 *   <li>The statement's {@code ORDER BY} is required of its result even when the sort was folded
 *       away with its rows; the result is then sorted again, which costs nothing for no rows.
 * </ul>
 */
final class DerivedCollations {

  private DerivedCollations() {
  }

  static RelNode forget(RelNode plan, RelTraitSet required) {
    RelNode rel = plan.accept(new RelHomogeneousShuttle() {
      @Override
      public RelNode visit(RelNode other) {
        RelNode visited = super.visit(other);
        return inheritsOrder(visited) ? visited.copy(visited.getTraitSet().replace(RelCollations.EMPTY),
            visited.getInputs()) : visited;
      }
    });
    List<RelCollation> order = required.getTraits(RelCollationTraitDef.INSTANCE);
    if (order != null && order.size() == 1 && !order.get(0).getFieldCollations().isEmpty()
        && sortFoldedAway(plan)) {
      return LogicalSort.create(rel, order.get(0), null, null);
    }
    return rel;
  }

  private static boolean inheritsOrder(RelNode rel) {
    List<RelCollation> collations = rel.getTraitSet().getTraits(RelCollationTraitDef.INSTANCE);
    return !(rel instanceof Sort) && !rel.getInputs().isEmpty() && rel.getConvention() == Convention.NONE
        && collations != null && !collations.equals(List.of(RelCollations.EMPTY));
  }

  /** Whether the result's rows come from values with no sort between: where a sort of no rows was. */
  private static boolean sortFoldedAway(RelNode rel) {
    if (rel instanceof Project || rel instanceof Filter || rel instanceof Calc) {
      return sortFoldedAway(rel.getInput(0));
    }
    return rel instanceof Values;
  }
}
