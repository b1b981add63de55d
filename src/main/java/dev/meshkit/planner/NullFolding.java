package dev.meshkit.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.calcite.plan.Context;
import org.apache.calcite.plan.Contexts;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptPredicateList;
import org.apache.calcite.plan.RelOptSchema;
import org.apache.calcite.plan.Strong;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSimplify;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.tools.RelBuilderFactory;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Replaces every expression that is NULL whatever its input by a NULL literal of its type, as
 * PostgreSQL folds a strict function of a NULL constant: {@code 67 / CAST(NULL AS INTEGER)},
 * {@code x = -CAST(NULL AS REAL)}, {@code x = NULLIF(1, 1)}.
 *
 * <p>Calcite's simplifier turns such operands into NULL literals but leaves the operator applied to
 * them, and some of its code then fails an assertion: the monotonicity of {@code *} takes a
 * constant operand ({@code 67 / NULL} is one) for a literal, and the predicates pulled up from a
 * filter must not compare with NULL. Folding runs on the converted statement, before any rule or
 * metadata query sees it, and in the {@link #BUILDER} the converter and the field trimmer create
 * projections and filters with, where the simplifier runs first.
 */
public final class NullFolding {

  /**
   * Builds relational expressions as Calcite's builder does, with their expressions folded first,
   * and without merging a projection into the one beneath: the converter, having merged the select
   * list into the projection that computes a join condition's operands, then projects a correlated
   * sub-query's expressions over the wrong fields (an ArrayIndexOutOfBoundsException). The planner's
   * rules merge projections later.
   */
  public static final RelBuilderFactory BUILDER = (cluster, schema) -> new FoldingBuilder(
      Contexts.of(RelFactories.DEFAULT_STRUCT, RelBuilder.Config.DEFAULT.withBloat(-1)), cluster, schema);

  private NullFolding() {
  }

  public static RelNode fold(RelNode plan) {
    return plan.accept(new Relational(plan.getCluster().getRexBuilder()));
  }

  private static final class Relational extends RelHomogeneousShuttle {
    private final Expressions expressions;

    Relational(RexBuilder rex) {
      this.expressions = new Expressions(rex, this);
    }

    @Override
    public RelNode visit(RelNode other) {
      return super.visit(other).accept(expressions);
    }
  }

  /** Bottom-up: a CASE the simplifier makes NULL becomes NULL, and so does a strict operator of a NULL. */
  private static final class Expressions extends RexShuttle {
    private static final ImmutableBitSet NO_COLUMNS = ImmutableBitSet.of();
    private static final Set<String> STRICT_FUNCTIONS = Set.of("REPLACE", "SUBSTRING", "POSITION", "UPPER",
        "LOWER", "CHAR_LENGTH", "CHARACTER_LENGTH", "OVERLAY", "ABS", "MOD", "POWER", "SQRT", "EXP", "LN",
        "LOG10", "ROUND", "TRUNCATE", "CEIL", "CEILING", "FLOOR", "SIGN");
    private final RexBuilder rex;
    private final RexSimplify simplify;
    private final Relational relational;

    Expressions(RexBuilder rex, Relational relational) {
      this.rex = rex;
      this.simplify = new RexSimplify(rex, RelOptPredicateList.EMPTY, RexUtil.EXECUTOR);
      this.relational = relational;
    }

    @Override
    public RexNode visitCall(RexCall call) {
      RexNode visited = super.visitCall(call);
      if (visited instanceof RexCall test && nullTestOfConnectiveWithNull(test)) {
        return withoutNull(test);
      }
      // A non-nullable type would say the operator cannot return NULL; such a call stays as it is.
      if (!(visited instanceof RexCall folded) || !folded.getType().isNullable()) {
        return visited;
      }
      if (Strong.isNull(folded, NO_COLUMNS) || strictOfNull(folded) || conditional(folded)
          && RexUtil.isNullLiteral(simplify.simplifyPreservingType(folded), true)) {
        return rex.makeNullLiteral(folded.getType());
      }
      return folded;
    }

    /**
     * Whether a function that is NULL for any NULL argument, in the SQL standard and every source,
     * takes a NULL literal; Calcite's {@link Strong} does not know these. MariaDB answers
     * {@code REPLACE(s, 'A', NULL)} with the empty text in a prepared statement.
     */
    private static boolean strictOfNull(RexCall call) {
      return STRICT_FUNCTIONS.contains(call.getOperator().getName())
          && call.getOperands().stream().anyMatch(o -> RexUtil.isNullLiteral(o, true));
    }

    /**
     * Whether {@code test} is {@code IS [NOT] NULL} of an AND or OR with a NULL literal beside other
     * operands: Calcite's generated code for it, as a join condition, does not compile.
     */
    private static boolean nullTestOfConnectiveWithNull(RexCall test) {
      if (test.getKind() != SqlKind.IS_NULL && test.getKind() != SqlKind.IS_NOT_NULL
          || !(test.getOperands().get(0) instanceof RexCall logic)
          || logic.getKind() != SqlKind.AND && logic.getKind() != SqlKind.OR) {
        return false;
      }
      long nulls = logic.getOperands().stream().filter(o -> RexUtil.isNullLiteral(o, true)).count();
      return nulls > 0 && nulls < logic.getOperands().size();
    }

    /**
     * The same test without the NULL: {@code NULL OR x} is NULL unless x is true, and
     * {@code NULL AND x} unless x is false.
     */
    private RexNode withoutNull(RexCall test) {
      RexCall logic = (RexCall) test.getOperands().get(0);
      List<RexNode> others = logic.getOperands().stream().filter(o -> !RexUtil.isNullLiteral(o, true)).toList();
      RexNode rest = others.size() == 1 ? others.get(0) : rex.makeCall(logic.getOperator(), others);
      boolean or = logic.getKind() == SqlKind.OR;
      boolean isNull = test.getKind() == SqlKind.IS_NULL;
      SqlOperator operator = or ? (isNull ? SqlStdOperatorTable.IS_NOT_TRUE : SqlStdOperatorTable.IS_TRUE)
          : (isNull ? SqlStdOperatorTable.IS_NOT_FALSE : SqlStdOperatorTable.IS_FALSE);
      return rex.makeCall(operator, rest);
    }

    /** The operators the simplifier may reduce to NULL though no operand is a NULL literal. */
    private static boolean conditional(RexCall call) {
      return call.getKind() == SqlKind.CASE || call.getKind() == SqlKind.COALESCE;
    }

    @Override
    public RexNode visitSubQuery(RexSubQuery subQuery) {
      RexSubQuery visited = (RexSubQuery) super.visitSubQuery(subQuery);
      RelNode rel = visited.rel.accept(relational);
      return rel == visited.rel ? visited : visited.clone(rel);
    }

    List<RexNode> fold(Iterable<? extends RexNode> nodes) {
      List<RexNode> folded = new ArrayList<>();
      nodes.forEach(node -> folded.add(node.accept(this)));
      return folded;
    }
  }

  /** Calcite's builder, folding the expressions of the projections and filters it creates. */
  private static final class FoldingBuilder extends RelBuilder {
    private final Context context;
    private final Expressions expressions;

    FoldingBuilder(Context context, RelOptCluster cluster, RelOptSchema schema) {
      super(context, cluster, schema);
      this.context = context;
      this.expressions = new Expressions(cluster.getRexBuilder(), new Relational(cluster.getRexBuilder()));
    }

    /** Calcite's converter transforms its builder's configuration, which would make a plain builder. */
    @Override
    public RelBuilder transform(UnaryOperator<Config> transform) {
      Config config = context.maybeUnwrap(Config.class).orElse(Config.DEFAULT);
      return new FoldingBuilder(Contexts.chain(Contexts.of(transform.apply(config)), context), cluster, relOptSchema);
    }

    @Override
    public RelBuilder project(Iterable<? extends RexNode> nodes, Iterable<? extends String> fieldNames,
        boolean force, Iterable<CorrelationId> variablesSet) {
      return super.project(expressions.fold(nodes), fieldNames, force, variablesSet);
    }

    @Override
    public RelBuilder filter(Iterable<CorrelationId> variablesSet, Iterable<? extends RexNode> predicates) {
      return super.filter(variablesSet, expressions.fold(predicates));
    }
  }
}
