package dev.meshkit.source.file;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.function.IntPredicate;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

/**
 * The part of a scan's filters that the file reader evaluates itself: comparisons of a column with
 * a literal, IS [NOT] NULL, IN lists and ranges (SEARCH), boolean columns, and AND/OR of those.
 * Because these are only ever combined with AND and OR, treating UNKNOWN as false at every level
 * gives the same rows as SQL's three-valued WHERE.
 */
final class ScanFilter {

  private interface Condition {
    boolean test(Object[] row);
  }

  private final List<Condition> conditions;
  private final BitSet columns;

  private ScanFilter(List<Condition> conditions, BitSet columns) {
    this.conditions = conditions;
    this.columns = columns;
  }

  /**
   * Takes out of {@code filters} those this class evaluates entirely, leaving the rest for
   * Calcite, as {@link org.apache.calcite.schema.ProjectableFilterableTable} asks. Calcite may
   * hand over a whole WHERE clause as one AND; its conjuncts that can be evaluated here still
   * drop rows early, while the filter itself stays in the list (Calcite rejects any filter it did
   * not pass in, so it cannot be replaced by its remainder).
   */
  static ScanFilter take(List<RexNode> filters, List<ColumnType> types, RexBuilder rexBuilder) {
    Compiler compiler = new Compiler(types, rexBuilder);
    List<Condition> conditions = new ArrayList<>();
    BitSet columns = new BitSet();
    for (Iterator<RexNode> it = filters.iterator(); it.hasNext(); ) {
      boolean whole = true;
      for (RexNode conjunct : RelOptUtil.conjunctions(it.next())) {
        Condition condition = compiler.compile(conjunct);
        if (condition == null) {
          whole = false;
        } else {
          conditions.add(condition);
          columns.or(RelOptUtil.InputFinder.bits(conjunct).toBitSet());
        }
      }
      if (whole) {
        it.remove();
      }
    }
    return new ScanFilter(conditions, columns);
  }

  /** The columns the conditions read. */
  BitSet columns() {
    return columns;
  }

  boolean test(Object[] row) {
    for (Condition c : conditions) {
      if (!c.test(row)) {
        return false;
      }
    }
    return true;
  }

  /** Turns a predicate into a condition, or null when it has a part we do not handle. */
  private record Compiler(List<ColumnType> types, RexBuilder rexBuilder) {

    Condition compile(RexNode node) {
      switch (node.getKind()) {
        case AND, OR: {
          List<Condition> parts = new ArrayList<>();
          for (RexNode operand : ((RexCall) node).getOperands()) {
            Condition part = compile(operand);
            if (part == null) {
              return null;
            }
            parts.add(part);
          }
          return node.getKind() == SqlKind.AND ? all(parts) : any(parts);
        }
        case SEARCH:
          return compile(RexUtil.expandSearch(rexBuilder, null, node));
        case IS_NULL, IS_NOT_NULL: {
          RexNode operand = ((RexCall) node).getOperands().get(0);
          if (!(operand instanceof RexInputRef ref)) {
            return null;
          }
          int i = ref.getIndex();
          return node.getKind() == SqlKind.IS_NULL ? row -> row[i] == null : row -> row[i] != null;
        }
        case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL:
          return comparison((RexCall) node);
        case INPUT_REF:
          return booleanColumn(node, Boolean.TRUE);
        case NOT: {
          RexNode operand = ((RexCall) node).getOperands().get(0);
          return operand instanceof RexInputRef ? booleanColumn(operand, Boolean.FALSE) : null;
        }
        case LITERAL: {
          Boolean value = ((RexLiteral) node).getValueAs(Boolean.class);
          return value == null ? null : row -> value;
        }
        default:
          return null;
      }
    }

    private Condition booleanColumn(RexNode node, Boolean wanted) {
      int i = ((RexInputRef) node).getIndex();
      return types.get(i).kind() == ColumnType.Kind.BOOLEAN ? row -> wanted.equals(row[i]) : null;
    }

    private Condition comparison(RexCall call) {
      RexNode left = call.getOperands().get(0);
      RexNode right = call.getOperands().get(1);
      SqlKind kind = call.getKind();
      if (left instanceof RexLiteral && right instanceof RexInputRef) {
        RexNode swap = left;
        left = right;
        right = swap;
        kind = kind.reverse();
      }
      if (!(left instanceof RexInputRef ref) || !(right instanceof RexLiteral literal)) {
        return null;
      }
      int i = ref.getIndex();
      ColumnType type = types.get(i);
      Object value = type.literal(literal);
      if (value == null) {
        return null;
      }
      IntPredicate holds = switch (kind) {
        case EQUALS -> c -> c == 0;
        case NOT_EQUALS -> c -> c != 0;
        case LESS_THAN -> c -> c < 0;
        case LESS_THAN_OR_EQUAL -> c -> c <= 0;
        case GREATER_THAN -> c -> c > 0;
        default -> c -> c >= 0;
      };
      return row -> {
        Object cell = row[i];
        return cell != null && holds.test(type.compare(cell, value));
      };
    }

    private static Condition all(List<Condition> parts) {
      Condition[] array = parts.toArray(Condition[]::new);
      return row -> {
        for (Condition c : array) {
          if (!c.test(row)) {
            return false;
          }
        }
        return true;
      };
    }

    private static Condition any(List<Condition> parts) {
      Condition[] array = parts.toArray(Condition[]::new);
      return row -> {
        for (Condition c : array) {
          if (c.test(row)) {
            return true;
          }
        }
        return false;
      };
    }
  }
}
