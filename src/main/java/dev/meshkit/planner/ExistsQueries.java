package dev.meshkit.planner;

import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
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
