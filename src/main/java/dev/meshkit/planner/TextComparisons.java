package dev.meshkit.planner;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import dev.meshkit.source.jdbc.CodePointOrder;
import dev.meshkit.source.jdbc.SourceDialect;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Text compares by code point in meshkit, as in H2 and in PostgreSQL with the C collation: case
 * and trailing spaces count. MySQL and MariaDB compare by the column's collation, by default one
 * that ignores both ({@code 'a' = 'A '} is true there). A statement for them compares, groups and
 * takes the least or greatest of text by code point ({@link CodePointOrder}); what sorts text
 * (ORDER BY, set operations, windows) stays here.
 */
final class TextComparisons {

  private static final SqlFunction BINARY = CodePointOrder.FUNCTION;

  private TextComparisons() {
  }

  /** The operator as the source's statement must have it, or null if it must run here. */
  static RelNode forSource(SourceDialect dialect, RelNode rel) {
    if (dialect.comparesTextByCodePoint()) {
      return rel;
    }
    if (ordersText(rel)) {
      return null;
    }
    if (rel instanceof Aggregate aggregate) {
      return groupedAsBinary(aggregate);
    }
    RexBuilder rex = rel.getCluster().getRexBuilder();
    return rel.accept(new RexShuttle() {
      @Override
      public RexNode visitCall(RexCall call) {
        RexCall visited = (RexCall) super.visitCall(call);
        if (visited.getKind() == SqlKind.AND || visited.getKind() == SqlKind.OR) {
          return RexUtil.flatten(rex, visited); // the AND that an equality becomes joins its parent
        }
        if (!compares(visited)) {
          return visited;
        }
        List<RexNode> operands = new ArrayList<>(visited.getOperands());
        int last = visited.getKind() == SqlKind.SEARCH ? 1 : operands.size();
        boolean changed = false;
        for (int i = 0; i < last; i++) {
          RexNode operand = operands.get(i);
          if (text(operand.getType()) && !(operand instanceof RexCall c && c.getOperator() == BINARY)) {
            operands.set(i, rex.makeCall(BINARY, operand));
            changed = true;
          }
        }
        if (!changed) {
          return visited;
        }
        RexNode binary = visited.clone(visited.getType(), operands);
        // Equal as binary strings is equal by any collation too; the collation's test can use an index.
        return visited.getKind() == SqlKind.EQUALS ? rex.makeCall(SqlStdOperatorTable.AND, visited, binary) : binary;
      }
    });
  }

  private static boolean compares(RexCall call) {
    SqlKind kind = call.getKind();
    return SqlKind.COMPARISON.contains(kind) || kind == SqlKind.SEARCH || kind == SqlKind.LIKE
        || kind == SqlKind.SIMILAR || kind == SqlKind.POSITION || kind == SqlKind.IS_DISTINCT_FROM || kind == SqlKind.IS_NOT_DISTINCT_FROM;
  }

  /**
   * The aggregate over its input with the text it groups, counts distinct or takes the least or
   * greatest of compared by code point.
   */
  private static RelNode groupedAsBinary(Aggregate aggregate) {
    RelNode input = aggregate.getInput();
    Set<Integer> compared = new HashSet<>(aggregate.getGroupSet().asList());
    for (AggregateCall call : aggregate.getAggCallList()) {
      SqlKind kind = call.getAggregation().getKind();
      if (call.isDistinct() || kind == SqlKind.MIN || kind == SqlKind.MAX) {
        compared.addAll(call.getArgList());
      }
    }
    RexBuilder rex = aggregate.getCluster().getRexBuilder();
    List<RelDataTypeField> fields = input.getRowType().getFieldList();
    List<RexNode> projects = new ArrayList<>(fields.size());
    boolean changed = false;
    for (RelDataTypeField field : fields) {
      RexNode ref = rex.makeInputRef(field.getType(), field.getIndex());
      boolean binary = compared.contains(field.getIndex()) && text(field.getType());
      projects.add(binary ? rex.makeCall(BINARY, ref) : ref);
      changed |= binary;
    }
    if (!changed) {
      return aggregate;
    }
    RelNode project = LogicalProject.create(input, List.of(), projects, input.getRowType().getFieldNames(), Set.of());
    return aggregate.copy(aggregate.getTraitSet(), List.of(project));
  }

  /** Whether the operator sorts text, which a statement cannot do by code point without a projection. */
  private static boolean ordersText(RelNode rel) {
    if (rel instanceof Sort sort) {
      RelDataType row = sort.getRowType();
      for (RelFieldCollation field : sort.getCollation().getFieldCollations()) {
        if (text(row.getFieldList().get(field.getFieldIndex()).getType())) {
          return true;
        }
      }
    }
    if (rel instanceof SetOp setOp && !(setOp instanceof Union && setOp.all)
        && setOp.getRowType().getFieldList().stream().anyMatch(f -> text(f.getType()))) {
      return true;
    }
    return RexSearch.anyWindowInput(rel, value -> text(value.getType()));
  }

  private static boolean text(RelDataType type) {
    return SqlTypeUtil.inCharFamily(type);
  }
}
