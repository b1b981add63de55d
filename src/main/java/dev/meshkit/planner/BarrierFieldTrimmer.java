package dev.meshkit.planner;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BiFunction;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexPermuteInputsShuttle;
import org.apache.calcite.sql2rel.RelFieldTrimmer;
import org.apache.calcite.tools.Program;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mapping;
import org.apache.calcite.util.mapping.Mappings;

/**
 * Calcite's removal of unused columns, taught the barrier and the residual filter, through which
 * it would otherwise not reach: a product then reads only the columns its consumer uses (and its
 * row filter needs), as it did without a barrier. Public because Calcite finds the
 * {@code trimFields} methods by reflection, once per statement planned.
 */
public final class BarrierFieldTrimmer extends RelFieldTrimmer {

  static final Program PROGRAM = (planner, rel, traits, materializations, lattices) ->
      new BarrierFieldTrimmer(rel).trim(rel);

  private BarrierFieldTrimmer(RelNode root) {
    super(null, RelFactories.LOGICAL_BUILDER.create(root.getCluster(), null));
  }

  public TrimResult trimFields(PolicyBarrier barrier, ImmutableBitSet fieldsUsed, Set<RelDataTypeField> extraFields) {
    return trimAbove(barrier, barrier.condition, fieldsUsed, extraFields, barrier::withInput);
  }

  public TrimResult trimFields(ResidualFilter filter, ImmutableBitSet fieldsUsed, Set<RelDataTypeField> extraFields) {
    return trimAbove(filter, filter.condition, fieldsUsed, extraFields,
        (input, condition) -> ResidualFilter.create(input, condition));
  }

  /** As Calcite trims a filter: the input keeps the fields used above and by the condition. */
  private TrimResult trimAbove(RelNode rel, RexNode condition, ImmutableBitSet fieldsUsed,
      Set<RelDataTypeField> extraFields, BiFunction<RelNode, RexNode, RelNode> rebuild) {
    Set<RelDataTypeField> inputExtraFields = new LinkedHashSet<>(extraFields);
    RelOptUtil.InputFinder finder = new RelOptUtil.InputFinder(inputExtraFields, fieldsUsed);
    if (condition != null) {
      condition.accept(finder);
    }
    RelNode input = rel.getInput(0);
    TrimResult trimmed = trimChild(rel, input, finder.build(), inputExtraFields);
    if (trimmed.left == input && fieldsUsed.cardinality() == rel.getRowType().getFieldCount()) {
      return result(rel, Mappings.createIdentity(rel.getRowType().getFieldCount()));
    }
    Mapping mapping = trimmed.right;
    RexNode remapped = condition == null ? null : condition.accept(new RexPermuteInputsShuttle(mapping, trimmed.left));
    return result(rebuild.apply(trimmed.left, remapped), mapping);
  }
}
