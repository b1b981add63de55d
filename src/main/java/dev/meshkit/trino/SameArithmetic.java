package dev.meshkit.trino;

import dev.meshkit.engine.ProductCompiler;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * Rewrites the arithmetic whose result Trino computes differently from meshkit, so that a view
 * gives the product's exact values (see docs/sql.md): {@code AVG} of an exact number is meshkit's
 * exact quotient at scale {@code max(s, 6)}, where Trino keeps a decimal's scale and averages
 * integers in DOUBLE; a quotient with a {@code DECIMAL} operand has {@code max(16, s1, s2)} fraction
 * digits, where Trino keeps {@code max(s1, s2)}. Both engines round such quotients half away from
 * zero, so a cast of the dividend to meshkit's scale gives meshkit's digits.
 */
final class SameArithmetic {

  private static final int AVG_SCALE = 6;
  private static final int QUOTIENT_SCALE = 16;
  private static final int MAX_PRECISION = 38;

  private SameArithmetic() {
  }

  /**
   * @throws Untranslatable for a windowed {@code AVG}, or a {@code STDDEV} or {@code VARIANCE} of an
   *     exact number, which Trino computes in DOUBLE and no cast brings back
   */
  static SqlNode rewrite(ProductCompiler.ValidatedSql sql) throws Untranslatable {
    Untranslatable[] refused = new Untranslatable[1];
    SqlNode rewritten = sql.node().accept(new SqlShuttle() {
      @Override
      public SqlNode visit(SqlCall call) {
        try {
          SqlNode rewritten = rewriteCall(call, sql, this);
          return rewritten != null ? rewritten : super.visit(call);
        } catch (Untranslatable e) {
          refused[0] = e;
          return call;
        }
      }
    });
    if (refused[0] != null) {
      throw refused[0];
    }
    return rewritten;
  }

  /** The call rewritten, its operands through {@code shuttle}; null when it needs no rewriting. */
  private static SqlNode rewriteCall(SqlCall call, ProductCompiler.ValidatedSql sql, SqlShuttle shuttle)
      throws Untranslatable {
    SqlParserPos pos = call.getParserPosition();
    SqlKind kind = call.getKind();
    if (kind == SqlKind.OVER && call.operand(0) instanceof SqlCall windowed
        && windowed.getKind() == SqlKind.AVG && exact(sql, windowed.operand(0))) {
      throw new Untranslatable("it computes a windowed AVG of an exact number, which Trino computes in DOUBLE");
    }
    if ((kind == SqlKind.STDDEV_POP || kind == SqlKind.STDDEV_SAMP || kind == SqlKind.VAR_POP
        || kind == SqlKind.VAR_SAMP) && exact(sql, call.operand(0))) {
      throw new Untranslatable("it computes " + call.getOperator().getName() + " of an exact number, which Trino"
          + " computes in DOUBLE");
    }
    if (kind == SqlKind.AVG && call.operandCount() == 1 && exact(sql, call.operand(0))) {
      RelDataType type = sql.typeOf(call.operand(0));
      SqlNode argument = call.operand(0).accept(shuttle);
      SqlLiteral quantifier = call.getFunctionQuantifier();
      SqlNode sum = SqlStdOperatorTable.SUM.createCall(quantifier, pos, argument);
      SqlNode count = SqlStdOperatorTable.COUNT.createCall(quantifier, pos, argument);
      return SqlStdOperatorTable.DIVIDE.createCall(pos, decimal(sum, Math.max(scale(type), AVG_SCALE), pos), count);
    }
    if (kind == SqlKind.DIVIDE) {
      RelDataType left = sql.typeOf(call.operand(0));
      RelDataType right = sql.typeOf(call.operand(1));
      if (isDecimal(left) || isDecimal(right)) {
        int scale = Math.max(QUOTIENT_SCALE, Math.max(scale(left), scale(right)));
        return SqlStdOperatorTable.DIVIDE.createCall(pos, decimal(call.operand(0).accept(shuttle), scale, pos),
            call.operand(1).accept(shuttle));
      }
    }
    return null;
  }

  private static boolean exact(ProductCompiler.ValidatedSql sql, SqlNode operand) {
    RelDataType type = sql.typeOf(operand);
    return type != null && SqlTypeUtil.isExactNumeric(type);
  }

  private static boolean isDecimal(RelDataType type) {
    return type != null && type.getSqlTypeName() == SqlTypeName.DECIMAL;
  }

  private static int scale(RelDataType type) {
    return type == null || type.getSqlTypeName() != SqlTypeName.DECIMAL ? 0 : Math.max(type.getScale(), 0);
  }

  private static SqlNode decimal(SqlNode value, int scale, SqlParserPos pos) {
    SqlDataTypeSpec spec = new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.DECIMAL, MAX_PRECISION, scale, pos),
        pos);
    return SqlStdOperatorTable.CAST.createCall(pos, value, spec);
  }
}
