package dev.meshkit.planner;

import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

/**
 * The query of an EXISTS without what cannot change whether it has a row, as PostgreSQL simplifies
 * it: its select list, DISTINCT and ORDER BY. Calcite's decorrelator fails on a DISTINCT of a
 * correlated scalar sub-query there ({@code EXISTS (SELECT DISTINCT (SELECT SUM(x) FROM t WHERE
 * t.k = o.k) FROM u)}), and the select list is never read.
 */
final class ExistsQueries {

  private ExistsQueries() {
  }

  static RelNode simplify(RelNode plan) {
    return plan.accept(new Relations(plan.getCluster().getRexBuilder()));
  }

  /**
   * The plan with each correlated {@code EXISTS} and {@code NOT EXISTS} in a filter's conjuncts, whose
   * query is a filter over uncorrelated relations with a column equality among its correlated
   * conditions, as a semi- or anti-join on those conditions. Calcite's decorrelation would read the
   * inner relation once more for every correlated condition that is not an equality (TPC-H Q21's
   * {@code l2.l_suppkey <> l1.l_suppkey}): a join reads it once, and a dependent join narrows it by
   * the outer side's keys.
   */
  static RelNode asJoins(RelNode plan) {
    return plan.accept(new RelHomogeneousShuttle() {
      @Override
      public RelNode visit(RelNode other) {
        RelNode visited = super.visit(other);
        return visited instanceof LogicalFilter filter ? joined(filter) : visited;
      }
    });
  }

  private static RelNode joined(LogicalFilter filter) {
    RelNode input = filter.getInput();
    List<RexNode> rest = new ArrayList<>();
    boolean changed = false;
    for (RexNode conjunct : RelOptUtil.conjunctions(filter.getCondition())) {
      boolean negated = conjunct.getKind() == SqlKind.NOT;
      RexNode operand = negated ? ((RexCall) conjunct).getOperands().get(0) : conjunct;
      RelNode joined = operand instanceof RexSubQuery exists && exists.getKind() == SqlKind.EXISTS
          ? join(input, exists.rel, filter.getVariablesSet(), negated ? JoinRelType.ANTI : JoinRelType.SEMI)
          : null;
      if (joined == null) {
        rest.add(conjunct);
      } else {
        input = joined;
        changed = true;
      }
    }
    if (!changed) {
      return filter;
    }
    RexBuilder rex = filter.getCluster().getRexBuilder();
    if (rest.isEmpty()) {
      return input;
    }
    Set<CorrelationId> used = new HashSet<>();
    RexShuttle subQueries = new RexShuttle() {
      @Override
      public RexNode visitSubQuery(RexSubQuery subQuery) {
        used.addAll(RelOptUtil.getVariablesUsed(subQuery.rel));
        return subQuery;
      }
    };
    rest.forEach(conjunct -> conjunct.accept(subQueries));
    used.retainAll(filter.getVariablesSet());
    return LogicalFilter.create(input, RexUtil.composeConjunction(rex, rest), ImmutableSet.copyOf(used));
  }

  /**
   * {@code outer} joined to the relation under {@code query}'s filters on their conditions, with
   * the correlation variables of {@code variables} read from {@code outer}'s columns; null if the
   * query is not of that form.
   */
  private static RelNode join(RelNode outer, RelNode query, Set<CorrelationId> variables, JoinRelType type) {
    List<RexNode> conditions = new ArrayList<>();
    RelNode input = query;
    while (true) {
      if (input instanceof LogicalProject project && !project.containsOver()
          && RelOptUtil.getVariablesUsed(project).equals(RelOptUtil.getVariablesUsed(project.getInput()))) {
        input = project.getInput();
      } else if (input instanceof LogicalFilter inner && RexUtil.SubQueryFinder.find(inner.getCondition()) == null) {
        conditions.addAll(RelOptUtil.conjunctions(inner.getCondition()));
        input = inner.getInput();
      } else {
        break;
      }
    }
    if (conditions.isEmpty() || !RelOptUtil.getVariablesUsed(input).isEmpty()) {
      return null;
    }
    int outerColumns = outer.getRowType().getFieldCount();
    RexBuilder rex = outer.getCluster().getRexBuilder();
    boolean[] foreign = {false};
    RexShuttle onJoin = new RexShuttle() {
      @Override
      public RexNode visitInputRef(RexInputRef ref) {
        return new RexInputRef(ref.getIndex() + outerColumns, ref.getType());
      }

      @Override
      public RexNode visitFieldAccess(RexFieldAccess access) {
        if (access.getReferenceExpr() instanceof RexCorrelVariable variable) {
          if (variables.contains(variable.id) && variable.getType().getFieldCount() == outerColumns) {
            int column = access.getField().getIndex();
            return rex.makeInputRef(outer.getRowType().getFieldList().get(column).getType(), column);
          }
          foreign[0] = true;
        }
        return super.visitFieldAccess(access);
      }

      @Override
      public RexNode visitCorrelVariable(RexCorrelVariable variable) {
        foreign[0] = true;
        return variable;
      }
    };
    List<RexNode> onConditions = new ArrayList<>();
    List<RexNode> innerConditions = new ArrayList<>();
    boolean keyed = false;
    for (RexNode condition : conditions) {
      RexNode on = condition.accept(onJoin);
      // The inner relation's own conditions stay beneath the join, where its source takes them.
      if (!correlated(on, outerColumns)) {
        innerConditions.add(condition);
      } else {
        onConditions.add(on);
        keyed |= equalsAcross(on, outerColumns);
      }
    }
    if (foreign[0] || !keyed) {
      return null;
    }
    RelNode inner = innerConditions.isEmpty() ? input
        : LogicalFilter.create(input, RexUtil.composeConjunction(rex, innerConditions));
    return LogicalJoin.create(outer, inner, List.of(), RexUtil.composeConjunction(rex, onConditions), Set.of(), type);
  }

  /** Every relation of the plan, and those of its sub-queries. */
  private static final class Relations extends RelHomogeneousShuttle {
    private final RexBuilder rex;
    private final RexShuttle expressions = new RexShuttle() {
      @Override
      public RexNode visitSubQuery(RexSubQuery subQuery) {
        RexSubQuery visited = (RexSubQuery) super.visitSubQuery(subQuery);
        RelNode rel = visited.rel.accept(Relations.this);
        if (visited.getKind() == SqlKind.EXISTS) {
          rel = existence(rel, rex);
        }
        return rel == visited.rel ? visited : visited.clone(rel);
      }
    };

    Relations(RexBuilder rex) {
      this.rex = rex;
    }

    @Override
    public RelNode visit(RelNode other) {
      return super.visit(other).accept(expressions);
    }
  }

  /** Whether {@code condition} reads a column of the outer side. */
  private static boolean correlated(RexNode condition, int outerColumns) {
    int first = RelOptUtil.InputFinder.bits(condition).nextSetBit(0);
    return first >= 0 && first < outerColumns;
  }

  /** An equality of an outer column and an inner one. */
  private static boolean equalsAcross(RexNode condition, int outerColumns) {
    if (condition.getKind() != SqlKind.EQUALS) {
      return false;
    }
    List<RexNode> operands = ((RexCall) condition).getOperands();
    if (!(operands.get(0) instanceof RexInputRef a) || !(operands.get(1) instanceof RexInputRef b)) {
      return false;
    }
    return a.getIndex() < outerColumns != b.getIndex() < outerColumns;
  }

  /** The rows of {@code rel}, one constant column each, as many or as few as it has. */
  private static RelNode existence(RelNode rel, RexBuilder rex) {
    RelNode input = rel;
    while (true) {
      if (input instanceof LogicalSort sort && sort.offset == null && sort.fetch == null) {
        input = sort.getInput();
      } else if (input instanceof LogicalAggregate aggregate && distinct(aggregate)) {
        input = aggregate.getInput();
      } else if (input instanceof LogicalProject project && !project.containsOver()) {
        input = project.getInput();
      } else {
        break;
      }
    }
    if (input == rel) {
      return rel;
    }
    return LogicalProject.create(input, List.of(), List.of(rex.makeLiteral(true)), List.of("exists"), Set.of());
  }

  /** A DISTINCT: grouping by some columns and computing nothing, which keeps a row if there is one. */
  private static boolean distinct(Aggregate aggregate) {
    return aggregate.getAggCallList().isEmpty() && !aggregate.getGroupSet().isEmpty()
        && aggregate.getGroupType() == Aggregate.Group.SIMPLE;
  }
}
