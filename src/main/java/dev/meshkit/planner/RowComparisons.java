package dev.meshkit.planner;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableHashJoin;
import org.apache.calcite.adapter.enumerable.EnumerableIntersect;
import org.apache.calcite.adapter.enumerable.EnumerableMinus;
import org.apache.calcite.adapter.enumerable.EnumerableNestedLoopJoin;
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
 * Rows compared in the JVM as SQL compares them. Calcite's operators compare with Java's equals
 * and identity where SQL compares values.
 *
 * <p>The hash join, the hash aggregate, set operations and window partitions compare keys with
 * equals, which tells 1.5 from 1.50 and -0.0 from 0.0. A decimal's scale depends on where it was
 * computed: a remainder's on its operands' values, a source's AVG on the database, a parameter on
 * the caller. So each such operator's decimal and floating-point keys pass through
 * {@link MeshArithmetic#EQUAL_KEY} first ({@link #equalKeys}); what a source computes is compared by
 * the source.
 *
 * <p>A right or full nested loop finds the right rows no left row matched by identity, so rows
 * that are one shared object (a single column of small integers or booleans, or no column at all)
 * counted as one: {@code ... RIGHT JOIN t ON TRUE} over an empty left side gave one row. A
 * constant column beside the others makes each row a new array; a projection above the loop drops
 * it ({@link #distinctRightRows}).
 */
final class RowComparisons {

  private RowComparisons() {
  }

  /** The physical plan with both done. */
  static RelNode apply(RelNode plan) {
    return distinctRightRows(equalKeys(plan));
  }

  /** The physical plan with the keys of every JVM hash operator in one form. */
  static RelNode equalKeys(RelNode rel) {
    if (rel instanceof SourceStatement || rel instanceof JdbcRel) {
      return rel;
    }
    List<RelNode> inputs = new ArrayList<>();
    boolean changed = false;
    for (int i = 0; i < rel.getInputs().size(); i++) {
      RelNode input = equalKeys(rel.getInput(i));
      RelNode keyed = keyed(input, keys(rel, i));
      changed |= keyed != rel.getInput(i);
      inputs.add(keyed);
    }
    return changed ? rel.copy(rel.getTraitSet(), inputs) : rel;
  }

  /** The physical plan with the right input of every right or full nested loop as rows of their own. */
  static RelNode distinctRightRows(RelNode rel) {
    if (rel instanceof SourceStatement || rel instanceof JdbcRel) {
      return rel;
    }
    List<RelNode> inputs = new ArrayList<>();
    boolean changed = false;
    for (RelNode input : rel.getInputs()) {
      RelNode visited = distinctRightRows(input);
      changed |= visited != input;
      inputs.add(visited);
    }
    RelNode current = changed ? rel.copy(rel.getTraitSet(), inputs) : rel;
    if (!(current instanceof EnumerableNestedLoopJoin join) || !join.getJoinType().generatesNullsOnLeft()) {
      return current;
    }
    RexBuilder rex = join.getCluster().getRexBuilder();
    RelNode right = join.getRight();
    RexProgramBuilder widened = new RexProgramBuilder(right.getRowType(), rex);
    for (RelDataTypeField field : right.getRowType().getFieldList()) {
      widened.addProject(rex.makeInputRef(field.getType(), field.getIndex()), field.getName());
    }
    widened.addProject(rex.makeLiteral(true), "row");
    RelNode loop = EnumerableNestedLoopJoin.create(join.getLeft(), EnumerableCalc.create(right, widened.getProgram()),
        join.getCondition(), join.getVariablesSet(), join.getJoinType());
    RexProgramBuilder original = new RexProgramBuilder(loop.getRowType(), rex);
    for (RelDataTypeField field : join.getRowType().getFieldList()) {
      original.addProject(rex.makeInputRef(field.getType(), field.getIndex()), field.getName());
    }
    return EnumerableCalc.create(loop, original.getProgram());
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
