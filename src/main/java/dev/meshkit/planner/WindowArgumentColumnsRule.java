package dev.meshkit.planner;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexFieldCollation;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexWindow;
import org.apache.calcite.tools.RelBuilderFactory;

/**
 * Computes the constants that window functions take ({@code MIN(5) OVER ()},
 * {@code MIN(NULL) OVER (ORDER BY x)}, {@code PARTITION BY 1}) as columns of a projection below
 * them, so that a window reads only columns. Calcite's window keeps such constants aside, and its
 * code generator cannot read one that is NULL, nor its splitter of projections one over an input
 * without columns. The frame's bounds ({@code 2 PRECEDING}) stay constants, which both handle.
 */
final class WindowArgumentColumnsRule extends RelRule<WindowArgumentColumnsRule.Config> {

  static final WindowArgumentColumnsRule INSTANCE = Config.DEFAULT.toRule();

  private WindowArgumentColumnsRule(Config config) {
    super(config);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalProject project = call.rel(0);
    int inputColumns = project.getInput().getRowType().getFieldCount();
    RexBuilder rex = project.getCluster().getRexBuilder();
    Map<RexLiteral, RexInputRef> columns = new LinkedHashMap<>();
    UnaryOperator<RexNode> toColumn = e -> e instanceof RexLiteral literal
        ? columns.computeIfAbsent(literal, l -> new RexInputRef(inputColumns + columns.size(), l.getType()))
        : e;
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
    columns.keySet().forEach(literal -> {
      below.add(literal);
      names.add("$window_constant" + names.size());
    });
    LogicalProject constants = LogicalProject.create(project.getInput(), List.of(), below, names, Set.of());
    call.transformTo(LogicalProject.create(constants, project.getHints(), expressions, project.getRowType(),
        project.getVariablesSet()));
  }

  /** Whether a window function of the projection takes a constant outside its frame's bounds. */
  private static boolean takesConstants(Project project) {
    return project.getProjects().stream().anyMatch(WindowArgumentColumnsRule::overTakesConstant);
  }

  private static boolean overTakesConstant(RexNode expression) {
    boolean[] found = {false};
    expression.accept(new RexShuttle() {
      @Override
      public RexNode visitOver(RexOver over) {
        RexWindow window = over.getWindow();
        found[0] |= over.getOperands().stream().anyMatch(RexLiteral.class::isInstance)
            || window.partitionKeys.stream().anyMatch(RexLiteral.class::isInstance)
            || window.orderKeys.stream().anyMatch(key -> key.left instanceof RexLiteral);
        return over;
      }
    });
    return found[0];
  }

  /** Matches a logical projection whose window functions take constants. */
  record Config(RelBuilderFactory relBuilderFactory, String description, OperandTransform operandSupplier)
      implements MeshRuleConfig<Config> {

    static final Config DEFAULT = new Config(RelFactories.LOGICAL_BUILDER, "WindowArgumentColumnsRule",
        b -> b.operand(LogicalProject.class).predicate(WindowArgumentColumnsRule::takesConstants).anyInputs());

    @Override
    public WindowArgumentColumnsRule toRule() {
      return new WindowArgumentColumnsRule(this);
    }

    @Override
    public Config copy(RelBuilderFactory relBuilderFactory, String description, OperandTransform operandSupplier) {
      return new Config(relBuilderFactory, description, operandSupplier);
    }
  }
}
