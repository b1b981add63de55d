package dev.meshkit.planner;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.interpreter.Bindables;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

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
      Programs.subQuery(DefaultRelMetadataProvider.INSTANCE),
      Programs.decorrelate(),
      (planner, rel, traits, materializations, lattices) -> MeshArithmetic.reduceWindowAverages(rel),
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
      (planner, rel, traits, materializations, lattices) -> SourceStatement.replaceConverters(rel),
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
}
