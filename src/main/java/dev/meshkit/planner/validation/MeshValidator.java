package dev.meshkit.planner.validation;

import java.util.EnumSet;
import java.util.Set;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlUtil;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlPostfixOperator;
import org.apache.calcite.sql.SqlPrefixOperator;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorCatalogReader;
import org.apache.calcite.sql.validate.SqlValidatorImpl;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * Calcite's validator, with meshkit's conversions ({@link MeshTypeCoercion}) and SQL
 * ({@link MeshConformance}), for consumers' statements and products alike. A unary plus leaves its
 * operand as it is, whatever its type, as in H2 and SQLite: Calcite would convert text to a number
 * for it, which fails on the first value that is not one. The default of LEAD and LAG is read as
 * nullable ({@link #nullable}).
 */
public final class MeshValidator extends SqlValidatorImpl {

  private static final Set<SqlKind> UNTYPED_OPERANDS_KEPT = EnumSet.of(SqlKind.CAST, SqlKind.IS_NULL,
      SqlKind.IS_NOT_NULL, SqlKind.IN, SqlKind.NOT_IN, SqlKind.SOME, SqlKind.ALL, SqlKind.OVER);

  private MeshValidator(SqlOperatorTable operators, SqlValidatorCatalogReader catalogReader,
      RelDataTypeFactory typeFactory, Config config) {
    super(operators, catalogReader, typeFactory, config);
  }

  public static SqlValidator create(SqlOperatorTable operators, SqlValidatorCatalogReader catalogReader,
      RelDataTypeFactory typeFactory, Config config) {
    return new MeshValidator(operators, catalogReader, typeFactory,
        config.withTypeCoercionFactory(MeshTypeCoercion::new).withConformance(MeshConformance.INSTANCE));
  }

  @Override
  protected SqlNode performUnconditionalRewrites(SqlNode node, boolean underFrom) {
    SqlNode operand = node;
    while (operand instanceof SqlCall call && call.getKind() == SqlKind.PLUS_PREFIX) {
      operand = call.operand(0);
    }
    SqlNode rewritten = super.performUnconditionalRewrites(operand, underFrom);
    // After Calcite's rewrite, which resolves the function's name to LEAD or LAG.
    if (rewritten instanceof SqlCall call && (call.getKind() == SqlKind.LEAD || call.getKind() == SqlKind.LAG)
        && call.operandCount() == 3 && !(call.operand(2) instanceof SqlCase)
        && !SqlUtil.isNullLiteral(call.operand(2), false)) {
      call.setOperand(2, nullable(call.operand(2)));
    }
    return rewritten;
  }

  /**
   * {@code value} as a CASE without ELSE, whose type is nullable. Calcite types LEAD and LAG with a
   * default that is never NULL as never NULL, though the value at the other row may be; its code
   * then fails on that NULL.
   */
  private static SqlNode nullable(SqlNode value) {
    SqlParserPos pos = value.getParserPosition();
    return new SqlCase(pos, null, SqlNodeList.of(SqlLiteral.createBoolean(true, pos)), SqlNodeList.of(value),
        SqlLiteral.createNull(pos));
  }

  /**
   * A call's operands get their types first: one of type NULL takes a real type, for an aggregate
   * (windowed or not; a window derives its aggregate's type without asking the validator) and for
   * any function or operator that types its operands. Not for casts, whose operand the cast types,
   * nor IS NULL, IN and quantified comparisons, which take a NULL as it is or a list beside it.
   */
  @Override
  public RelDataType deriveType(SqlValidatorScope scope, SqlNode expr) {
    SqlNode operation = expr.getKind() == SqlKind.OVER ? ((SqlCall) expr).operand(0) : expr;
    if (operation instanceof SqlCall call) {
      MeshTypeCoercion coercion = (MeshTypeCoercion) getTypeCoercion();
      if (call.getOperator().isAggregator()) {
        coercion.typeUntypedArguments(scope, call);
      } else if (typesOperands(call)) {
        coercion.typeUntypedOperands(scope, call);
      }
    }
    return super.deriveType(scope, expr);
  }

  private static boolean typesOperands(SqlCall call) {
    SqlOperator operator = call.getOperator();
    return (operator instanceof SqlFunction || operator instanceof SqlBinaryOperator
        || operator instanceof SqlPrefixOperator || operator instanceof SqlPostfixOperator)
        && !call.getKind().belongsTo(UNTYPED_OPERANDS_KEPT);
  }
}
