package dev.meshkit.planner;

import java.util.List;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.hep.HepRelVertex;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Expressions that cannot fail and reveal nothing but their result, after PostgreSQL's
 * {@code LEAKPROOF}: comparisons of columns, literals and parameters, null tests, boolean logic,
 * IN lists and ranges, casts that only widen, {@code LIKE} with a plain literal pattern,
 * {@code UPPER}/{@code LOWER}, {@code SUBSTRING} with literal bounds, {@code EXTRACT} from a date
 * or timestamp, and arithmetic on literals alone. Anything else (division, a cast of text to a
 * number, a {@code CASE} with such a branch, most functions) may raise an error that depends on a
 * value, so it must not run on rows a product or a row filter removes.
 */
final class Leakproof {

  private Leakproof() {
  }

  /** Whether every expression an operator evaluates per row is leakproof (aggregates run after filters). */
  static boolean expressionsOf(RelNode rel) {
    if (rel instanceof Filter filter) {
      return test(filter.getCondition());
    }
    if (rel instanceof Project project) {
      return project.getProjects().stream().allMatch(Leakproof::test);
    }
    if (rel instanceof Join join) {
      return test(join.getCondition());
    }
    return rel instanceof Aggregate || rel instanceof Sort || rel instanceof SetOp;
  }

  /**
   * Whether an operator, or anything beneath it, evaluates an expression that may fail. Unknown
   * operators count as such.
   */
  static boolean leaky(RelNode rel) {
    RelNode node = unwrap(rel);
    return !node.getInputs().isEmpty() && !expressionsOf(node) || node.getInputs().stream().anyMatch(Leakproof::leaky);
  }

  /**
   * Whether a predicate over {@code rel}'s columns stays leakproof wherever it may be evaluated
   * inside {@code rel}: Calcite's rules and the sources push conditions through projections,
   * joins, grouping keys and set operations, and each column then stands for the expression that
   * computes it (a product's {@code 1/x AS r} turns {@code r > 5} into {@code 1/x > 5}), and a
   * source may reorder joins so that a condition over both sides meets rows a product's
   * anti-join removes later.
   */
  static boolean below(RelNode rel, RexNode predicate) {
    return test(predicate) && safeColumns(rel).contains(RelOptUtil.InputFinder.bits(predicate));
  }

  /**
   * Whether an operator may be stacked on a product's barrier in one statement: every expression
   * it evaluates is leakproof down to the tables, as {@link #below} says.
   */
  static boolean stackable(RelNode rel) {
    if (rel instanceof Filter filter) {
      return below(filter.getInput(), filter.getCondition());
    }
    if (rel instanceof Project project) {
      return project.getProjects().stream().allMatch(e -> below(project.getInput(), e));
    }
    if (rel instanceof Join join) {
      return onJoin(join, join.getCondition());
    }
    return rel instanceof Aggregate || rel instanceof Sort || rel instanceof SetOp;
  }

  /** Whether a condition over a join's two sides is leakproof, as {@link #below} says. */
  static boolean onJoin(Join join, RexNode condition) {
    int left = join.getLeft().getRowType().getFieldCount();
    ImmutableBitSet safe = safeColumns(join.getLeft()).union(safeColumns(join.getRight()).shift(left));
    return test(condition) && safe.contains(RelOptUtil.InputFinder.bits(condition));
  }

  /**
   * The columns of {@code rel} computed by leakproof expressions all the way down: to a table's
   * column, or to a value computed after the conditions beneath it (an aggregate, a window, the
   * rows of a limit), which no condition above can be moved under.
   */
  static ImmutableBitSet safeColumns(RelNode rel) {
    RelNode node = unwrap(rel);
    int count = node.getRowType().getFieldCount();
    if (node.getInputs().isEmpty() || node instanceof Sort sort && (sort.fetch != null || sort.offset != null)) {
      return ImmutableBitSet.range(count);
    }
    if (node instanceof Filter || node instanceof PolicyBarrier || node instanceof ResidualFilter || node instanceof Sort) {
      return safeColumns(node.getInput(0));
    }
    ImmutableBitSet.Builder safe = ImmutableBitSet.builder();
    if (node instanceof Project project) {
      ImmutableBitSet input = safeColumns(project.getInput());
      for (int i = 0; i < count; i++) {
        RexNode e = project.getProjects().get(i);
        if (RexOver.containsOver(e) || test(e) && input.contains(RelOptUtil.InputFinder.bits(e))) {
          safe.set(i);
        }
      }
    } else if (node instanceof Aggregate aggregate) {
      ImmutableBitSet input = safeColumns(aggregate.getInput());
      List<Integer> groups = aggregate.getGroupSet().asList();
      for (int i = 0; i < count; i++) {
        if (i >= groups.size() || input.get(groups.get(i))) {
          safe.set(i);
        }
      }
    } else if (node instanceof Join || node instanceof Correlate) {
      // Semi- and anti-joins return the left side's columns only.
      RelNode left = node.getInput(0);
      int leftCount = left.getRowType().getFieldCount();
      safe.addAll(safeColumns(left));
      if (count > leftCount) {
        safe.addAll(safeColumns(node.getInput(1)).shift(leftCount));
      }
    } else if (node instanceof SetOp) {
      ImmutableBitSet all = ImmutableBitSet.range(count);
      for (RelNode input : node.getInputs()) {
        all = all.intersect(safeColumns(input));
      }
      return all;
    }
    return safe.build();
  }

  static boolean test(RexNode node) {
    if (node instanceof RexInputRef || node instanceof RexLiteral || node instanceof RexDynamicParam) {
      return true;
    }
    if (!(node instanceof RexCall call)) {
      return false;
    }
    List<RexNode> operands = call.getOperands();
    boolean operator = switch (call.getKind()) {
      case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL,
          IS_NULL, IS_NOT_NULL, IS_TRUE, IS_FALSE, IS_NOT_TRUE, IS_NOT_FALSE,
          IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM, AND, OR, NOT, SEARCH -> true;
      case CAST -> widens(operands.get(0).getType(), call.getType());
      case LIKE -> plainLike(call);
      case EXTRACT -> SqlTypeUtil.isDatetime(operands.get(1).getType());
      // Reading no row, these fail (by overflow) while the source prepares the statement, whatever its rows.
      case PLUS, MINUS, TIMES, MINUS_PREFIX, PLUS_PREFIX -> RexUtil.isConstant(call);
      default -> (call.getOperator() == SqlStdOperatorTable.UPPER || call.getOperator() == SqlStdOperatorTable.LOWER)
          && SqlTypeUtil.isCharacter(operands.get(0).getType())
          || call.getOperator() == SqlStdOperatorTable.SUBSTRING && literalBounds(operands);
    };
    return operator && operands.stream().allMatch(Leakproof::test);
  }

  /**
   * {@code x [NOT] LIKE 'pattern'} on text, without ESCAPE and without backslashes: the sources
   * take a backslash as an escape character, and a pattern ending with one is an error.
   */
  private static boolean plainLike(RexCall call) {
    if (call.getOperator() != SqlStdOperatorTable.LIKE && call.getOperator() != SqlStdOperatorTable.NOT_LIKE
        || call.getOperands().size() != 2
        || !SqlTypeUtil.isCharacter(call.getOperands().get(0).getType())
        || !(call.getOperands().get(1) instanceof RexLiteral pattern)) {
      return false;
    }
    String text = pattern.getValueAs(String.class);
    return text != null && text.indexOf('\\') < 0;
  }

  /** {@code SUBSTRING(text FROM n [FOR m])} with literal bounds and m not negative cannot fail. */
  private static boolean literalBounds(List<RexNode> operands) {
    if (!SqlTypeUtil.isCharacter(operands.get(0).getType())) {
      return false;
    }
    for (int i = 1; i < operands.size(); i++) {
      Long bound = operands.get(i) instanceof RexLiteral literal ? literal.getValueAs(Long.class) : null;
      if (bound == null || i == 2 && bound < 0) {
        return false;
      }
    }
    return true;
  }

  /** The decimal digits an integer type may need. */
  private static int digits(SqlTypeName type) {
    return switch (type) {
      case TINYINT -> 3;
      case SMALLINT -> 5;
      case INTEGER -> 10;
      default -> 19;
    };
  }

  private static int rank(SqlTypeName type) {
    return switch (type) {
      case TINYINT -> 1;
      case SMALLINT -> 2;
      case INTEGER -> 3;
      default -> 4;
    };
  }

  /** A cast that holds every value of its input: to the same type, a wider number or text, or between dates and times. */
  private static boolean widens(RelDataType from, RelDataType to) {
    if (from.getSqlTypeName() == to.getSqlTypeName() && from.getPrecision() <= to.getPrecision()
        && from.getScale() <= to.getScale()) {
      return true;
    }
    if (SqlTypeUtil.isExactNumeric(from) && to.getSqlTypeName() == SqlTypeName.DECIMAL) {
      int integerDigits = SqlTypeUtil.isDecimal(from) ? from.getPrecision() - from.getScale() : digits(from.getSqlTypeName());
      return to.getPrecision() - to.getScale() >= integerDigits && to.getScale() >= Math.max(from.getScale(), 0);
    }
    if (SqlTypeUtil.isIntType(from) && SqlTypeUtil.isIntType(to)) {
      return rank(to.getSqlTypeName()) >= rank(from.getSqlTypeName());
    }
    if (SqlTypeUtil.isDatetime(from) && SqlTypeUtil.isDatetime(to)) {
      return true;
    }
    return SqlTypeUtil.isCharacter(from) && SqlTypeUtil.isCharacter(to)
        && (to.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED || to.getPrecision() >= from.getPrecision());
  }

  static RelNode unwrap(RelNode rel) {
    return rel instanceof HepRelVertex vertex ? vertex.getCurrentRel() : rel;
  }
}
