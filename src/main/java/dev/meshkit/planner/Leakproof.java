package dev.meshkit.planner;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
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
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Expressions that cannot fail and reveal nothing but their result, after PostgreSQL's
 * {@code LEAKPROOF}: comparisons of columns, literals and parameters, null tests, boolean logic,
 * IN lists and ranges, and casts that only widen. Anything else may raise an error that depends
 * on a value, so it must not run on rows a row filter removes.
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

  static boolean test(RexNode node) {
    if (node instanceof RexInputRef || node instanceof RexLiteral || node instanceof RexDynamicParam) {
      return true;
    }
    // An expression of constants alone (date '1994-01-01' + interval '1' year) reads no row, so
    // whether it fails cannot depend on one.
    if (RexUtil.isConstant(node) && RexUtil.isDeterministic(node)) {
      return true;
    }
    if (!(node instanceof RexCall call)) {
      return false;
    }
    boolean operator = switch (call.getKind()) {
      case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL,
          IS_NULL, IS_NOT_NULL, IS_TRUE, IS_FALSE, IS_NOT_TRUE, IS_NOT_FALSE,
          IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM, AND, OR, NOT, SEARCH -> true;
      case CAST -> widens(call.getOperands().get(0).getType(), call.getType());
      default -> false;
    };
    return operator && call.getOperands().stream().allMatch(Leakproof::test);
  }

  private static int rank(SqlTypeName type) {
    return switch (type) {
      case TINYINT -> 1;
      case SMALLINT -> 2;
      case INTEGER -> 3;
      default -> 4;
    };
  }

  /** A cast that holds every value of its input: to the same type, or a wider number or text. */
  private static boolean widens(RelDataType from, RelDataType to) {
    if (from.getSqlTypeName() == to.getSqlTypeName() && from.getPrecision() <= to.getPrecision()
        && from.getScale() <= to.getScale()) {
      return true;
    }
    if (SqlTypeUtil.isExactNumeric(from) && to.getSqlTypeName() == SqlTypeName.DECIMAL) {
      int integerDigits = SqlTypeUtil.isDecimal(from) ? from.getPrecision() - from.getScale() : 19;
      return to.getPrecision() - to.getScale() >= integerDigits && to.getScale() >= Math.max(from.getScale(), 0);
    }
    if (SqlTypeUtil.isIntType(from) && SqlTypeUtil.isIntType(to)) {
      return rank(to.getSqlTypeName()) >= rank(from.getSqlTypeName());
    }
    return SqlTypeUtil.isCharacter(from) && SqlTypeUtil.isCharacter(to)
        && (to.getPrecision() == RelDataType.PRECISION_NOT_SPECIFIED || to.getPrecision() >= from.getPrecision());
  }
}
