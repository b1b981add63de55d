package dev.meshkit.planner.split;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.rel.InvalidRelException;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * The aggregate atop a source statement, computed per key range and combined in the JVM: a count
 * of the ranges' counts is their sum, a sum their sum, a least their least, a greatest their
 * greatest. Each range of an aggregate without GROUP BY returns its one row, so the combination
 * returns one too, a count of 0 and a sum NULL where no row matched. The projections and filters
 * (HAVING) above the aggregate move above the combination.
 */
final class PartialAggregates {

  private final Aggregate aggregate;
  /** The projections and filters above the aggregate, the topmost first. */
  private final List<RelNode> above;

  private PartialAggregates(Aggregate aggregate, List<RelNode> above) {
    this.aggregate = aggregate;
    this.above = above;
  }

  /** The aggregate at the top of {@code top} below projections and filters, or null if none or one that does not combine. */
  static PartialAggregates of(RelNode top) {
    List<RelNode> above = new ArrayList<>();
    RelNode rel = top;
    while (rel instanceof Project || rel instanceof Filter) {
      above.add(rel);
      rel = rel.getInput(0);
    }
    if (!(rel instanceof Aggregate aggregate) || aggregate.getGroupType() != Aggregate.Group.SIMPLE) {
      return null;
    }
    for (AggregateCall call : aggregate.getAggCallList()) {
      if (combining(call, aggregate.getInput()) == null) {
        return null;
      }
    }
    for (RelNode node : above) {
      List<RexNode> expressions = node instanceof Project project ? project.getProjects()
          : List.of(((Filter) node).getCondition());
      if (!expressions.stream().allMatch(PartialAggregates::runsInJvm)) {
        return null;
      }
    }
    return new PartialAggregates(aggregate, above);
  }

  Aggregate aggregate() {
    return aggregate;
  }

  /** The aggregate over one range's rows. */
  RelNode partial(RelNode ranged) {
    return aggregate.copy(aggregate.getTraitSet(), List.of(ranged));
  }

  /** The ranges' partial aggregates combined, then what stood above the aggregate; null if Calcite refuses it. */
  RelNode combine(RelNode union) {
    int groups = aggregate.getGroupCount();
    List<AggregateCall> calls = new ArrayList<>();
    for (int i = 0; i < aggregate.getAggCallList().size(); i++) {
      AggregateCall call = aggregate.getAggCallList().get(i);
      calls.add(AggregateCall.create(combining(call, aggregate.getInput()), false, List.of(groups + i), -1,
          call.getType(), call.getName()));
    }
    RelNode rel;
    try {
      rel = new EnumerableAggregate(union.getCluster(), union.getTraitSet(), union, ImmutableBitSet.range(groups),
          null, calls);
    } catch (InvalidRelException e) {
      return null;
    }
    RexBuilder rex = union.getCluster().getRexBuilder();
    for (int i = above.size() - 1; i >= 0; i--) {
      RelNode node = above.get(i);
      RelDataType input = rel.getRowType();
      RexProgram program = node instanceof Project project
          ? RexProgram.create(input, project.getProjects(), null, project.getRowType(), rex)
          : RexProgram.create(input, rex.identityProjects(input), ((Filter) node).getCondition(), input, rex);
      rel = EnumerableCalc.create(rel, program);
    }
    return rel;
  }

  /**
   * The function that combines the ranges' results of {@code call}, or null where none does: a
   * DISTINCT, an ordered or other aggregate; a sum of inexact numbers (which adds up differently
   * in another order); the least or greatest of text (which the source orders by its collation).
   */
  private static SqlAggFunction combining(AggregateCall call, RelNode input) {
    if (call.isDistinct() || !call.collation.getFieldCollations().isEmpty() || !call.rexList.isEmpty()) {
      return null;
    }
    RelDataType argument = call.getArgList().size() == 1
        ? input.getRowType().getFieldList().get(call.getArgList().get(0)).getType() : null;
    SqlKind kind = call.getAggregation().getKind();
    return switch (kind) {
      case COUNT -> SqlStdOperatorTable.SUM0;
      case SUM, SUM0 -> argument != null && SqlTypeFamily.EXACT_NUMERIC.contains(argument)
          ? (kind == SqlKind.SUM ? SqlStdOperatorTable.SUM : SqlStdOperatorTable.SUM0) : null;
      case MIN, MAX -> argument != null && (SqlTypeFamily.NUMERIC.contains(argument)
          || SqlTypeFamily.DATETIME.contains(argument) || SqlTypeFamily.DATE.contains(argument))
          ? (kind == SqlKind.MIN ? SqlStdOperatorTable.MIN : SqlStdOperatorTable.MAX) : null;
      default -> null;
    };
  }

  /** Whether the JVM implements every operator of {@code expression}. */
  private static boolean runsInJvm(RexNode expression) {
    boolean[] all = {true};
    expression.accept(new RexVisitorImpl<Void>(true) {
      @Override
      public Void visitCall(RexCall call) {
        if (call.getKind() != SqlKind.SEARCH && RexImpTable.INSTANCE.get(call.getOperator()) == null) {
          all[0] = false;
        }
        return super.visitCall(call);
      }
    });
    return all[0] && !RexUtil.containsCorrelation(expression);
  }
}
