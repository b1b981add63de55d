package dev.meshkit.planner;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.interpreter.Bindables;
import org.apache.calcite.plan.RelOptPredicateList;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexFieldCollation;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSimplify;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexWindow;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;
import org.apache.calcite.tools.RelBuilderFactory;

/**
 * The planner program. Calcite's standard program hands every rule to one cost-based search,
 * which spends minutes enumerating join orders over a few sources. Here the logical work is done
 * by rule sets applied to a fixed point, joins are ordered by {@link SourceJoinOrderRule}, and the
 * cost-based planner only chooses physical operators: what runs in which source, and how the
 * rest runs here.
 */
public final class MeshPrograms {

  private MeshPrograms() {
  }

  /** AVG and the variances become SUM and COUNT, which every database computes alike; SUM stays SUM. */
  private static final RelOptRule REDUCE_AVERAGES = CoreRules.AGGREGATE_REDUCE_FUNCTIONS.config
      .withFunctionsToReduce(EnumSet.of(SqlKind.AVG, SqlKind.STDDEV_POP, SqlKind.STDDEV_SAMP,
          SqlKind.VAR_POP, SqlKind.VAR_SAMP))
      .toRule();

  /**
   * Window functions a source did not take run here, as windows; a source's statement keeps those
   * it took (Calcite's rule would also split a source's projection into a window it cannot run).
   */
  private static final RelOptRule LOGICAL_WINDOWS = CoreRules.PROJECT_TO_LOGICAL_PROJECT_AND_WINDOW.config
      .withOperandSupplier(b -> b.operand(LogicalProject.class).predicate(Project::containsOver).anyInputs())
      .toRule();

  public static final Program PROGRAM = Programs.sequence(
      (planner, rel, traits, materializations, lattices) -> ExistsQueries.asJoins(ExistsQueries.simplify(rel)),
      hep(new HepProgramBuilder().addRuleInstance(WindowArgumentColumnsRule.SUB_QUERIES).build()),
      Programs.subQuery(DefaultRelMetadataProvider.INSTANCE),
      (planner, rel, traits, materializations, lattices) -> ConstantGroupKeys.rewrite(rel),
      Programs.decorrelate(),
      (planner, rel, traits, materializations, lattices) -> MeshArithmetic.reduceWindowFunctions(rel),
      BarrierFieldTrimmer.PROGRAM,
      hep(new HepProgramBuilder()
          .addRuleInstance(PullFactorsRule.INSTANCE)
          .addRuleCollection(List.of(
              LeakproofFilterRule.INSTANCE,
              CoreRules.FILTER_INTO_JOIN,
              CoreRules.JOIN_CONDITION_PUSH,
              CoreRules.FILTER_MERGE,
              CoreRules.FILTER_PROJECT_TRANSPOSE,
              CoreRules.FILTER_AGGREGATE_TRANSPOSE,
              CoreRules.FILTER_SET_OP_TRANSPOSE,
              CoreRules.PROJECT_MERGE,
              CoreRules.PROJECT_REMOVE,
              CoreRules.AGGREGATE_PROJECT_MERGE,
              // Constant grouping keys: a source may read a literal there as a column's position.
              CoreRules.AGGREGATE_PROJECT_PULL_UP_CONSTANTS,
              REDUCE_AVERAGES))
          .addMatchOrder(HepMatchOrder.BOTTOM_UP)
          .addRuleInstance(CoreRules.JOIN_TO_MULTI_JOIN)
          .addRuleInstance(SourceJoinOrderRule.INSTANCE)
          .addRuleInstance(CoreRules.MULTI_JOIN_OPTIMIZE)
          .addMatchOrder(HepMatchOrder.ARBITRARY)
          .addRuleCollection(List.of(
              LeakproofFilterRule.INSTANCE,
              CoreRules.JOIN_PUSH_EXPRESSIONS,
              CoreRules.FILTER_INTO_JOIN,
              CoreRules.JOIN_CONDITION_PUSH,
              CoreRules.FILTER_MERGE,
              CoreRules.FILTER_PROJECT_TRANSPOSE,
              CoreRules.PROJECT_MERGE,
              CoreRules.PROJECT_REMOVE))
          .addRuleCollection(List.of(
              CoreRules.FILTER_SCAN,
              CoreRules.PROJECT_TABLE_SCAN))
          .addRuleInstance(Bindables.BINDABLE_TABLE_SCAN_RULE)
          .addMatchOrder(HepMatchOrder.BOTTOM_UP)
          .addRuleInstance(PushToSourceRule.INSTANCE)
          .addRuleInstance(WindowArgumentColumnsRule.INSTANCE)
          .addRuleInstance(LOGICAL_WINDOWS)
          .addRuleInstance(NestedLoopOrderRule.INSTANCE)
          .addRuleInstance(CloseSourceStatementsRule.INSTANCE)
          .build()),
      (planner, rel, traits, materializations, lattices) -> CloseSourceStatementsRule.unsealed(rel),
      (planner, rel, traits, materializations, lattices) -> MeshArithmetic.rewrite(rel),
      (planner, rel, traits, materializations, lattices) -> DerivedCollations.forget(rel, traits),
      Programs.ofRules(physicalRules()),
      (planner, rel, traits, materializations, lattices) -> RowComparisons.apply(SourceStatement.replaceConverters(rel)),
      Programs.calc(DefaultRelMetadataProvider.INSTANCE));

  private static Program hep(HepProgram program) {
    // As a DAG, so that a rule producing a node equal to one it already made stops there.
    return Programs.of(program, false, DefaultRelMetadataProvider.INSTANCE);
  }

  /**
   * Conversions to physical operators, and the rewrite of DISTINCT aggregates into plain ones over
   * a grouping, which the JVM's aggregate needs (a source's aggregate takes DISTINCT as it is).
   * Each database source's convention adds its own JDBC rules when its first scan registers, which
   * is how work is pushed into the source.
   */
  private static List<RelOptRule> physicalRules() {
    List<RelOptRule> rules = new ArrayList<>(EnumerableRules.ENUMERABLE_RULES);
    rules.remove(EnumerableRules.ENUMERABLE_MERGE_JOIN_RULE);
    rules.remove(EnumerableRules.ENUMERABLE_TABLE_SCAN_RULE);
    rules.add(EnumerableRules.TO_INTERPRETER);
    rules.add(Bindables.BINDABLE_TABLE_SCAN_RULE);
    rules.add(ResidualFilter.TO_ENUMERABLE);
    rules.add(CoreRules.AGGREGATE_EXPAND_DISTINCT_AGGREGATES);
    return rules;
  }

  /**
   * Computes every argument and key of a window function that is not a column
   * ({@code MIN(5) OVER ()}, {@code MIN(NULL) OVER (ORDER BY x)}, {@code PARTITION BY 1},
   * {@code SUM(CASE TRUE WHEN FALSE THEN x ELSE x END) OVER ()}) as a column of a projection below
   * it, so that a window reads only columns. Calcite's window keeps constants aside, and its code
   * generator cannot read one that is NULL, nor its splitter of projections one over an input
   * without columns; that splitter also refuses its own program when an argument simplifies to a
   * column. The frame's bounds ({@code 2 PRECEDING}) stay constants, which both handle.
   * {@link #SUB_QUERIES} does the same, before sub-queries become joins, for the arguments that hold
   * one ({@code SUM((SELECT MIN(x) FROM t)) OVER ()}), which Calcite's rewrite does not look for.
   */
  static final class WindowArgumentColumnsRule extends RelRule<WindowArgumentColumnsRule.Config> {

    static final WindowArgumentColumnsRule INSTANCE = Config.DEFAULT.toRule();
    static final WindowArgumentColumnsRule SUB_QUERIES =
        Config.DEFAULT.withMoves(e -> RexUtil.SubQueryFinder.find(e) != null).toRule();

    private WindowArgumentColumnsRule(Config config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      LogicalProject project = call.rel(0);
      int inputColumns = project.getInput().getRowType().getFieldCount();
      RexBuilder rex = project.getCluster().getRexBuilder();
      Map<RexNode, RexInputRef> columns = new LinkedHashMap<>();
      RexSimplify simplify = new RexSimplify(rex, RelOptPredicateList.EMPTY, RexUtil.EXECUTOR);
      UnaryOperator<RexNode> toColumn = e -> {
        if (!config.moves().test(e)) {
          return e;
        }
        RexNode simplified = simplify.simplifyPreservingType(e);
        return simplified instanceof RexInputRef column
            ? column
            : columns.computeIfAbsent(simplified, l -> new RexInputRef(inputColumns + columns.size(), l.getType()));
      };
      List<RexNode> expressions = new RexShuttle() {
        @Override
        public RexNode visitOver(RexOver over) {
          RexWindow window = over.getWindow();
          ImmutableList.Builder<RexFieldCollation> orderKeys = ImmutableList.builder();
          for (RexFieldCollation key : window.orderKeys) {
            orderKeys.add(new RexFieldCollation(toColumn.apply(key.left), key.right));
          }
          // Neither a null for an empty frame nor a partial frame: the converter made those explicit already.
          return rex.makeOver(over.getParserPosition(), over.getType(), over.getAggOperator(),
              over.getOperands().stream().map(toColumn).toList(),
              window.partitionKeys.stream().map(toColumn).toList(),
              orderKeys.build(), window.getLowerBound(), window.getUpperBound(), window.getExclude(),
              window.isRows(), true, false, over.isDistinct(), over.ignoreNulls());
        }
      }.visitList(project.getProjects());
      List<RexNode> below = new ArrayList<>(rex.identityProjects(project.getInput().getRowType()));
      List<String> names = new ArrayList<>(project.getInput().getRowType().getFieldNames());
      columns.keySet().forEach(argument -> {
        below.add(argument);
        names.add("$window_argument" + names.size());
      });
      LogicalProject constants = LogicalProject.create(project.getInput(), List.of(), below, names, Set.of());
      call.transformTo(LogicalProject.create(constants, project.getHints(), expressions, project.getRowType(),
          project.getVariablesSet()));
    }

    private static boolean computed(RexNode argument) {
      return !(argument instanceof RexInputRef);
    }

    /** Matches a logical projection whose window functions take arguments that {@code moves}: any but a column. */
    record Config(RelBuilderFactory relBuilderFactory, String description, OperandTransform operandSupplier,
        Predicate<RexNode> moves) implements MeshRuleConfig<Config> {

      static final Config DEFAULT = new Config(RelFactories.LOGICAL_BUILDER, "WindowArgumentColumnsRule",
          b -> b.operand(LogicalProject.class)
              .predicate(p -> RexSearch.anyWindowInput(p, WindowArgumentColumnsRule::computed)).anyInputs(),
          WindowArgumentColumnsRule::computed);

      Config withMoves(Predicate<RexNode> arguments) {
        return new Config(relBuilderFactory, description + ":SubQueries",
            b -> b.operand(LogicalProject.class).predicate(p -> RexSearch.anyWindowInput(p, arguments)).anyInputs(),
            arguments);
      }

      @Override
      public WindowArgumentColumnsRule toRule() {
        return new WindowArgumentColumnsRule(this);
      }

      @Override
      public Config copy(RelBuilderFactory relBuilderFactory, String description, OperandTransform operandSupplier) {
        return new Config(relBuilderFactory, description, operandSupplier, moves);
      }
    }
  }
}
