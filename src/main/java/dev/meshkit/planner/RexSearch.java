package dev.meshkit.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexFieldCollation;
import org.apache.calcite.rex.RexLambda;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexWindow;

/**
 * Whether expressions hold a node that passes a test ("does a window here take a literal"), looking
 * no further than the first that does. Calcite's finders ({@code RexUtil.find}) look for a kind of
 * call or one column only.
 */
final class RexSearch {

  private RexSearch() {
  }

  /** Whether a call among the operator's own expressions (not its inputs') passes; windows are calls. */
  static boolean anyCall(RelNode rel, Predicate<? super RexCall> test) {
    List<RexNode> outermost = new ArrayList<>();
    rel.accept(new RexShuttle() {
      @Override
      public RexNode visitCall(RexCall call) {
        outermost.add(call);
        return call;
      }

      @Override
      public RexNode visitOver(RexOver over) {
        return visitCall(over);
      }

      @Override
      public RexNode visitSubQuery(RexSubQuery subQuery) {
        return visitCall(subQuery);
      }
    });
    return anyNode(outermost, node -> node instanceof RexCall call && test.test(call));
  }

  /** Whether a window function among the operator's expressions takes a value that passes: an argument or a key. */
  static boolean anyWindowInput(RelNode rel, Predicate<? super RexNode> test) {
    return anyCall(rel, call -> call instanceof RexOver over
        && (over.getOperands().stream().anyMatch(test)
            || over.getWindow().partitionKeys.stream().anyMatch(test)
            || over.getWindow().orderKeys.stream().map(RexFieldCollation::getKey).anyMatch(test)));
  }

  /**
   * Whether the expression or one within it passes: a call's operands (a sub-query's, not its
   * query), a window's keys and bounds, the record a field is read from, a lambda's body.
   */
  static boolean anyNode(RexNode expression, Predicate<? super RexNode> test) {
    if (test.test(expression)) {
      return true;
    }
    if (expression instanceof RexOver over && anyInWindow(over.getWindow(), test)) {
      return true;
    }
    if (expression instanceof RexCall call) {
      return anyNode(call.getOperands(), test);
    }
    if (expression instanceof RexFieldAccess access) {
      return anyNode(access.getReferenceExpr(), test);
    }
    return expression instanceof RexLambda lambda && anyNode(lambda.getExpression(), test);
  }

  private static boolean anyNode(List<? extends RexNode> expressions, Predicate<? super RexNode> test) {
    return expressions.stream().anyMatch(expression -> anyNode(expression, test));
  }

  private static boolean anyInWindow(RexWindow window, Predicate<? super RexNode> test) {
    RexNode lower = window.getLowerBound().getOffset();
    RexNode upper = window.getUpperBound().getOffset();
    return anyNode(window.partitionKeys, test)
        || window.orderKeys.stream().map(RexFieldCollation::getKey).anyMatch(key -> anyNode(key, test))
        || lower != null && anyNode(lower, test) || upper != null && anyNode(upper, test);
  }
}
