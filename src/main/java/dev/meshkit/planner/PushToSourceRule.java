package dev.meshkit.planner;

import dev.meshkit.source.jdbc.SourceDialect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcRel;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.plan.hep.HepRelVertex;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.RelBuilderFactory;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Moves an operator into a database source as soon as all its inputs already run there. Calcite
 * leaves this to cost estimates, which without statistics often prefer to fetch whole tables and
 * join them here; pushing whenever possible sends each source one statement per connected group
 * of its tables, and lets the database use its own indexes and statistics.
 *
 * <p>A product's barrier becomes a {@link PolicyBarrier.InSource} in its source here, carrying the row
 * filter if one applies. Above it, only operators whose expressions are {@link Leakproof} join it
 * in the source: the database may evaluate a statement's expressions in any order (PostgreSQL by
 * cost, MariaDB mostly by position), and a failing one must never see a row the product or its
 * row filter removes. For the same reason a join does not bring a barrier and an expression that
 * may fail into one statement, whichever side each comes from.
 */
final class PushToSourceRule extends RelRule<PushToSourceRule.Config> {

  static final PushToSourceRule INSTANCE = Config.DEFAULT.toRule();

  private final Map<JdbcConvention, List<RelOptRule>> rules = new ConcurrentHashMap<>();

  private PushToSourceRule(Config config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    RelNode rel = call.rel(0);
    if (rel instanceof JdbcRel || rel.getInputs().isEmpty()) {
      return;
    }
    JdbcConvention convention = commonConvention(rel);
    if (rel instanceof PolicyBarrier barrier) {
      call.transformTo(unseal(barrier, convention));
      return;
    }
    if (convention == null && rel instanceof Aggregate aggregate) {
      pushAggregateOfExpressions(call, aggregate);
      return;
    }
    if (convention == null
        || rel instanceof Join && (!joinsWell(SourceDialect.of(convention), rel) || mixesBarrierAndLeak(rel))) {
      return;
    }
    if (sealedBelow(rel) && !Leakproof.stackable(rel)) {
      if (rel instanceof LogicalJoin join) {
        splitJoinCondition(call, join, conjunct -> Leakproof.onJoin(join, conjunct));
      }
      return;
    }
    RelNode pushed = convert(convention, rel);
    if (pushed != null) {
      call.transformTo(pushed);
    } else if (rel instanceof LogicalJoin join) {
      splitJoinCondition(call, join, PushToSourceRule::columnEquality);
    }
  }

  /** A barrier over a source's statement seals it; over work done here it is the row filter, if any. */
  private static RelNode unseal(PolicyBarrier barrier, JdbcConvention convention) {
    RelNode input = unwrap(barrier.getInput());
    if (convention != null) {
      RexNode condition = barrier.condition != null ? barrier.condition
          : barrier.getCluster().getRexBuilder().makeLiteral(true);
      return new PolicyBarrier.InSource(barrier.getCluster(), input.getTraitSet(), input, condition);
    }
    return barrier.condition == null ? input : LogicalFilter.create(barrier.getInput(), barrier.condition);
  }

  /** Calcite would write a join the database lacks as another, which the database then refuses. */
  private static boolean takesJoin(JdbcConvention convention, Join join) {
    boolean hashable = join.getCondition().isAlwaysTrue() || !join.analyzeCondition().leftKeys.isEmpty();
    return convention.dialect.supportsJoinType(join.getJoinType())
        && SourceDialect.of(convention).takesJoin(join.getJoinType(), hashable);
  }

  /**
   * A date plus or minus an interval is a date in SQL, and a timestamp in PostgreSQL, whose text
   * then has a time ({@code CAST(dt + INTERVAL '1' DAY AS VARCHAR)}): such statements cast it back.
   */
  private static RelNode datesStayDates(SourceDialect dialect, RelNode rel) {
    if (dialect.dateArithmeticKeepsDates()) {
      return rel;
    }
    RexBuilder rex = rel.getCluster().getRexBuilder();
    return rel.accept(new RexShuttle() {
      @Override
      public RexNode visitCall(RexCall call) {
        RexNode visited = super.visitCall(call);
        boolean dateArithmetic = (visited.getKind() == SqlKind.PLUS || visited.getKind() == SqlKind.MINUS)
            && visited.getType().getSqlTypeName() == SqlTypeName.DATE;
        return dateArithmetic ? rex.makeAbstractCast(visited.getType(), visited, false) : visited;
      }
    });
  }

  /**
   * Whether Calcite would write the operator into the SELECT of an aggregate below it, where the
   * database refuses it: an aggregate of an aggregate's results ({@code COUNT(1 - SUM(1))}, from
   * {@code NOT IN (SELECT 1 - SUM(1) ...)}), or a value of no column beside the aggregates
   * ({@code SELECT CAST(? AS DATE) FROM t HAVING MIN(1) >= -5}, which H2 refuses). Where the
   * database cannot compute with a computed grouping key (H2), only columns join the SELECT.
   */
  private static boolean mergesWithAggregateBelow(SourceDialect dialect, RelNode rel) {
    boolean onlyColumns = !dialect.computesWithComputedGroupingKeys();
    boolean computed = rel instanceof Project project && project.getProjects().stream()
        .anyMatch(e -> !(e instanceof RexInputRef) && (onlyColumns || !RexUtil.containsInputRef(e)));
    if (!(rel instanceof Aggregate) && !computed) {
      return false;
    }
    RelNode input = unwrap(rel.getInput(0));
    while (input instanceof Project || input instanceof Filter) {
      input = unwrap(input.getInput(0));
    }
    return input instanceof Aggregate;
  }

  /**
   * Whether a window function takes a literal, which the statement would write untyped: PostgreSQL
   * refuses {@code SUM(NULL) OVER ()}. Here the literal becomes a column first.
   */
  private static boolean windowOfLiterals(RelNode rel) {
    return RexSearch.anyCall(rel, call -> call instanceof RexOver over
        && over.getOperands().stream().anyMatch(RexLiteral.class::isInstance));
  }

  /**
   * Whether a grouping key is computed with a parameter: the statement would repeat it in SELECT and
   * GROUP BY, and PostgreSQL takes two parameters for two different expressions (42803).
   */
  private static boolean groupsByParameter(Aggregate aggregate) {
    return unwrap(aggregate.getInput()) instanceof Project project && aggregate.getGroupSet().asList().stream()
        .anyMatch(i -> RexSearch.anyNode(project.getProjects().get(i), RexDynamicParam.class::isInstance));
  }

  /**
   * Whether a join would put a barrier's side and an expression that may fail on the other side
   * into one statement, where the database could evaluate that expression on rows joined with
   * rows the barrier removes (before it applies the product's conditions).
   */
  private static boolean mixesBarrierAndLeak(RelNode join) {
    List<RelNode> inputs = join.getInputs();
    for (int i = 0; i < inputs.size(); i++) {
      for (int j = 0; j < inputs.size(); j++) {
        if (i != j && sealed(inputs.get(i)) && Leakproof.leaky(inputs.get(j))) {
          return true;
        }
      }
    }
    return false;
  }

  private RelNode convert(JdbcConvention convention, RelNode rel) {
    if (MeshArithmetic.differsInSources(rel)) {
      return null;
    }
    SourceDialect dialect = SourceDialect.of(convention);
    if (rel instanceof Join join && !takesJoin(convention, join)
        || rel instanceof Aggregate aggregate && groupsByParameter(aggregate) || windowOfLiterals(rel)
        || mergesWithAggregateBelow(dialect, rel)) {
      return null;
    }
    RelNode forSource = TextComparisons.forSource(dialect, rel);
    if (forSource == null) {
      return null;
    }
    forSource = datesStayDates(dialect, forSource);
    List<RelNode> inputs = new ArrayList<>();
    for (RelNode input : forSource.getInputs()) {
      RelNode node = unwrap(input);
      RelNode pushed = node instanceof JdbcRel ? input : convert(convention, node);
      if (pushed == null) {
        return null;
      }
      inputs.add(pushed);
    }
    if (!inputs.equals(forSource.getInputs())) {
      forSource = forSource.copy(forSource.getTraitSet(), inputs);
    }
    for (RelOptRule rule : rules.computeIfAbsent(convention, JdbcRules::rules)) {
      // The operand carries the rule's own conditions, such as "no user-defined functions".
      if (rule instanceof ConverterRule converter && converter.getOperand().matches(forSource)) {
        RelNode pushed = converter.convert(forSource);
        if (pushed != null) {
          return pushed;
        }
      }
    }
    return null;
  }

  /**
   * An aggregate of computed values above a row filter, such as {@code SUM(price * (1 - discount))}:
   * the computation alone may not join the filter in the source (it could fail on a hidden row
   * if the database evaluated it early), but as the aggregate's input it runs only on the rows
   * the WHERE clause kept, in every database, so both go down together. Not over a grouping, a
   * set operation or a limit, whose SELECT the computation would join: H2 computes a SELECT list
   * before HAVING, and a database may compute it before it sorts and cuts. Grouping keys must be
   * leakproof: a database moves a condition on a grouping key into the WHERE clause (PostgreSQL
   * does), and the key's expression with it.
   */
  private void pushAggregateOfExpressions(RelOptRuleCall call, Aggregate aggregate) {
    if (!(unwrap(aggregate.getInput()) instanceof Project project) || project instanceof JdbcRel) {
      return;
    }
    JdbcConvention convention = commonConvention(project);
    if (convention == null || !sealedBelow(project) || !groupKeysLeakproof(aggregate, project)
        || derived(project.getInput())) {
      return;
    }
    RelNode pushedProject = convert(convention, project);
    if (pushedProject == null) {
      return;
    }
    RelNode pushed = convert(convention, aggregate.copy(aggregate.getTraitSet(), List.of(pushedProject)));
    if (pushed != null) {
      call.transformTo(pushed);
    }
  }

  private static boolean groupKeysLeakproof(Aggregate aggregate, Project project) {
    return aggregate.getGroupSet().asList().stream()
        .allMatch(i -> Leakproof.below(project.getInput(), project.getProjects().get(i)));
  }

  /**
   * Calcite pushes a join only if its whole condition is simple comparisons; TPC-H Q17's
   * {@code l_quantity < 0.2 * avg} is not. An inner join whose condition also has column
   * equalities becomes a join on those, under a filter with the rest, and both can go down.
   * Above a barrier the join keeps its leakproof conjuncts and the filter, which stays here,
   * takes the rest.
   */
  private static void splitJoinCondition(RelOptRuleCall call, LogicalJoin join, Predicate<RexNode> key) {
    if (join.getJoinType() != JoinRelType.INNER) {
      return;
    }
    List<RexNode> keys = new ArrayList<>();
    List<RexNode> rest = new ArrayList<>();
    for (RexNode conjunct : RelOptUtil.conjunctions(join.getCondition())) {
      (key.test(conjunct) ? keys : rest).add(conjunct);
    }
    if (keys.isEmpty() || rest.isEmpty()) {
      return;
    }
    RexBuilder rex = join.getCluster().getRexBuilder();
    RelNode keyed = join.copy(join.getTraitSet(), RexUtil.composeConjunction(rex, keys), join.getLeft(),
        join.getRight(), JoinRelType.INNER, join.isSemiJoinDone());
    call.transformTo(LogicalFilter.create(keyed, RexUtil.composeConjunction(rex, rest)));
  }

  private static boolean columnEquality(RexNode conjunct) {
    return conjunct.getKind() == SqlKind.EQUALS
        && ((RexCall) conjunct).getOperands().stream().allMatch(o -> o instanceof RexInputRef);
  }

  /** The one JDBC convention all inputs already run in, or null. */
  private static JdbcConvention commonConvention(RelNode rel) {
    JdbcConvention convention = null;
    for (RelNode input : rel.getInputs()) {
      RelNode node = unwrap(input);
      if (!(node instanceof JdbcRel) || convention != null && node.getConvention() != convention) {
        return null;
      }
      convention = (JdbcConvention) node.getConvention();
    }
    return convention;
  }

  /**
   * A database that joins by nested loops over indexes (H2) finds none in a derived table (an
   * aggregate, a union, a limited sort): such a join runs for minutes there and in milliseconds as
   * a hash join here. Databases with hash joins take every join.
   */
  private static boolean joinsWell(SourceDialect dialect, RelNode rel) {
    if (dialect.hashJoins()) {
      return true;
    }
    Join join = (Join) rel;
    boolean leftDerived = derived(join.getLeft());
    boolean rightDerived = derived(join.getRight());
    if (!leftDerived && !rightDerived) {
      return true;
    }
    // A derived table can still drive the loop when each of its rows finds the other side's row
    // through that side's unique key, as TPC-H Q4's EXISTS does with the orders key.
    JoinInfo info = join.analyzeCondition();
    if (leftDerived == rightDerived || info.leftKeys.isEmpty()) {
      return false;
    }
    RelMetadataQuery mq = join.getCluster().getMetadataQuery();
    return leftDerived
        ? Boolean.TRUE.equals(mq.areColumnsUnique(join.getRight(), ImmutableBitSet.of(info.rightKeys)))
        : Boolean.TRUE.equals(mq.areColumnsUnique(join.getLeft(), ImmutableBitSet.of(info.leftKeys)));
  }

  private static boolean derived(RelNode rel) {
    RelNode node = unwrap(rel);
    if (node instanceof Aggregate || node instanceof SetOp || node instanceof Sort sort && sort.fetch != null) {
      return true;
    }
    return node.getInputs().stream().anyMatch(PushToSourceRule::derived);
  }

  /** Whether a product's barrier already runs in the source beneath this operator. */
  private static boolean sealedBelow(RelNode rel) {
    return rel.getInputs().stream().anyMatch(PushToSourceRule::sealed);
  }

  private static boolean sealed(RelNode rel) {
    RelNode node = unwrap(rel);
    return node instanceof PolicyBarrier.InSource || sealedBelow(node);
  }

  private static RelNode unwrap(RelNode rel) {
    return rel instanceof HepRelVertex vertex ? vertex.getCurrentRel() : rel;
  }

  /** Matches every operator. */
  record Config(RelBuilderFactory relBuilderFactory, String description, OperandTransform operandSupplier)
      implements MeshRuleConfig<Config> {

    static final Config DEFAULT = new Config(RelFactories.LOGICAL_BUILDER, "PushToSourceRule",
        b -> b.operand(RelNode.class).anyInputs());

    @Override
    public PushToSourceRule toRule() {
      return new PushToSourceRule(this);
    }

    @Override
    public Config copy(RelBuilderFactory relBuilderFactory, String description, OperandTransform operandSupplier) {
      return new Config(relBuilderFactory, description, operandSupplier);
    }
  }
}
