package dev.meshkit.planner;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableHashJoin;
import org.apache.calcite.adapter.enumerable.EnumerableIntersect;
import org.apache.calcite.adapter.enumerable.EnumerableMinus;
import org.apache.calcite.adapter.enumerable.EnumerableUnion;
import org.apache.calcite.adapter.enumerable.EnumerableWindow;
import org.apache.calcite.adapter.jdbc.JdbcRel;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Keys of the JVM's hash tables in one form per value. The hash join, the hash aggregate, set
 * operations and window partitions compare keys with Java's equals, which tells 1.5 from 1.50 and
 * -0.0 from 0.0 where SQL calls them equal. A decimal's scale depends on where it was computed: a
 * remainder's on its operands' values, a source's AVG on the database, a parameter on the caller.
 * So each such operator's decimal and floating-point keys pass through {@link MeshArithmetic#EQUAL_KEY}
 * first; what a source computes is compared by the source.
 */
final class EqualKeys {

  private EqualKeys() {
  }

  /** The physical plan with the keys of every JVM hash operator in one form. */
  static RelNode normalize(RelNode rel) {
    if (rel instanceof SourceStatement || rel instanceof JdbcRel) {
      return rel;
    }
    List<RelNode> inputs = new ArrayList<>();
    boolean changed = false;
    for (int i = 0; i < rel.getInputs().size(); i++) {
      RelNode input = normalize(rel.getInput(i));
      RelNode keyed = keyed(input, keys(rel, i));
      changed |= keyed != rel.getInput(i);
      inputs.add(keyed);
    }
    return changed ? rel.copy(rel.getTraitSet(), inputs) : rel;
  }

  /** The fields of input {@code i} that {@code rel} hashes. */
  private static ImmutableBitSet keys(RelNode rel, int i) {
    if (rel instanceof EnumerableHashJoin join) {
      JoinInfo info = join.analyzeCondition();
      return ImmutableBitSet.of(i == 0 ? info.leftKeys : info.rightKeys);
    }
    if (rel instanceof EnumerableAggregate aggregate) {
      ImmutableBitSet.Builder keys = aggregate.getGroupSet().rebuild();
      for (AggregateCall call : aggregate.getAggCallList()) {
        if (call.isDistinct()) {
          keys.addAll(call.getArgList());
        }
      }
      return keys.build();
    }
    if (rel instanceof EnumerableWindow window) {
      int fields = window.getInput().getRowType().getFieldCount();
      ImmutableBitSet.Builder keys = ImmutableBitSet.builder();
      for (Window.Group group : window.groups) {
        group.keys.forEachInt(k -> {
          if (k < fields) {
            keys.set(k);
          }
        });
      }
      return keys.build();
    }
    boolean distinctSet = rel instanceof EnumerableUnion union && !union.all
        || rel instanceof EnumerableIntersect || rel instanceof EnumerableMinus;
    return distinctSet ? ImmutableBitSet.range(((SetOp) rel).getRowType().getFieldCount()) : ImmutableBitSet.of();
  }

  /** {@code input} with its fields in {@code keys} in one form, or itself where none needs it. */
  private static RelNode keyed(RelNode input, ImmutableBitSet keys) {
    List<RelDataTypeField> fields = input.getRowType().getFieldList();
    if (keys.asList().stream().noneMatch(k -> needsKey(fields.get(k)))) {
      return input;
    }
    RexBuilder rex = input.getCluster().getRexBuilder();
    RexProgramBuilder program = new RexProgramBuilder(input.getRowType(), rex);
    for (RelDataTypeField field : fields) {
      RexNode ref = rex.makeInputRef(field.getType(), field.getIndex());
      program.addProject(keys.get(field.getIndex()) && needsKey(field)
          ? rex.makeCall(field.getType(), MeshArithmetic.EQUAL_KEY, List.of(ref)) : ref, field.getName());
    }
    RexProgram projection = program.getProgram();
    return EnumerableCalc.create(input, projection);
  }

  private static boolean needsKey(RelDataTypeField field) {
    return SqlTypeUtil.isDecimal(field.getType()) || SqlTypeUtil.isApproximateNumeric(field.getType());
  }
}
