package dev.meshkit.planner;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.MysqlSqlDialect;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Text compares by code point in meshkit, as in H2 and in PostgreSQL with the C collation: case
 * and trailing spaces count. MySQL and MariaDB compare by the column's collation, by default one
 * that ignores both ({@code 'a' = 'A '} is true there). A statement for them compares text as
 * binary strings ({@code CAST(x AS BINARY)}), and what orders or groups text by its collation
 * (GROUP BY, DISTINCT, ORDER BY, MIN and MAX, set operations, windows) stays here.
 */
final class TextComparisons {

  /** {@code CAST(x AS BINARY)}: MySQL's byte-wise string, which compares by code point in UTF-8. */
  static final SqlFunction BINARY = new SqlFunction("BINARY", SqlKind.OTHER_FUNCTION, ReturnTypes.ARG0,
      null, OperandTypes.ANY, SqlFunctionCategory.STRING) {
    @Override
    public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      SqlWriter.Frame frame = writer.startFunCall("CAST");
      call.operand(0).unparse(writer, 0, 0);
      writer.sep("AS");
      writer.keyword("BINARY");
      writer.endFunCall(frame);
    }
  };

  private TextComparisons() {
  }

  /** The operator as the source's statement must have it, or null if it must run here. */
  static RelNode forSource(JdbcConvention convention, RelNode rel) {
    if (!(convention.dialect instanceof MysqlSqlDialect)) {
      return rel;
    }
    if (ordersOrGroupsText(rel)) {
      return null;
    }
    return rel.accept(new RexShuttle() {
      @Override
      public RexNode visitCall(RexCall call) {
        RexCall visited = (RexCall) super.visitCall(call);
        if (!compares(visited)) {
          return visited;
        }
        List<RexNode> operands = new ArrayList<>(visited.getOperands());
        int last = visited.getKind() == SqlKind.SEARCH ? 1 : operands.size();
        boolean changed = false;
        for (int i = 0; i < last; i++) {
          RexNode operand = operands.get(i);
          if (text(operand.getType()) && !(operand instanceof RexCall c && c.getOperator() == BINARY)) {
            operands.set(i, rel.getCluster().getRexBuilder().makeCall(BINARY, operand));
            changed = true;
          }
        }
        return changed ? visited.clone(visited.getType(), operands) : visited;
      }
    });
  }

  private static boolean compares(RexCall call) {
    SqlKind kind = call.getKind();
    return SqlKind.COMPARISON.contains(kind) || kind == SqlKind.SEARCH || kind == SqlKind.LIKE
        || kind == SqlKind.SIMILAR || kind == SqlKind.IS_DISTINCT_FROM || kind == SqlKind.IS_NOT_DISTINCT_FROM;
  }

  private static boolean ordersOrGroupsText(RelNode rel) {
    if (rel instanceof Aggregate aggregate) {
      RelDataType input = aggregate.getInput().getRowType();
      if (aggregate.getGroupSet().asList().stream().anyMatch(i -> text(input.getFieldList().get(i).getType()))) {
        return true;
      }
      for (AggregateCall call : aggregate.getAggCallList()) {
        boolean ordering = call.isDistinct() || call.getAggregation().getKind() == SqlKind.MIN
            || call.getAggregation().getKind() == SqlKind.MAX;
        if (ordering && call.getArgList().stream().anyMatch(i -> text(input.getFieldList().get(i).getType()))) {
          return true;
        }
      }
    }
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
    boolean[] textWindow = {false};
    rel.accept(new RexShuttle() {
      @Override
      public RexNode visitOver(RexOver over) {
        textWindow[0] |= over.getWindow().partitionKeys.stream().anyMatch(k -> text(k.getType()))
            || over.getWindow().orderKeys.stream().anyMatch(k -> text(k.getKey().getType()))
            || over.getOperands().stream().anyMatch(o -> text(o.getType()));
        return over;
      }
    });
    return textWindow[0];
  }

  private static boolean text(RelDataType type) {
    return SqlTypeUtil.inCharFamily(type);
  }
}
