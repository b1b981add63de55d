package dev.meshkit.planner;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableNestedLoopJoin;
import org.apache.calcite.adapter.jdbc.JdbcRel;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexProgramBuilder;

/**
 * The right input of a right or full nested loop as rows of their own. Calcite's loop finds the
 * right rows no left row matched by identity, so rows that are one shared object (a single column
 * of small integers or booleans, or no column at all) counted as one: {@code ... RIGHT JOIN t ON
 * TRUE} over an empty left side gave one row. A constant column beside the others makes each row
 * a new array; a projection above the loop drops it.
 */
final class OuterNestedLoops {

  private OuterNestedLoops() {
  }

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
}
