package dev.meshkit.planner;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.ImplicitCastOperandTypeChecker;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql.validate.implicit.TypeCoercionImpl;

/**
 * Calcite's implicit conversions, but text is a number only where it is written as a literal, as in
 * PostgreSQL: {@code '12' + 1} is 13, while arithmetic or a numeric function on a text column
 * ({@code +col}, {@code col * 2}, {@code ABS(col)}) is refused when the statement is validated
 * ("Cannot apply '+' to arguments of type ..."), instead of failing on the first value that is not
 * a number, or on none, depending on the rows and on which source evaluates it.
 *
 * <p>An argument of an aggregate or window function that has no type of its own (a NULL literal,
 * a CASE of NULLs) takes the type PostgreSQL resolves it to ({@link #typeUntypedArguments}).
 */
public final class MeshTypeCoercion extends TypeCoercionImpl {

  public MeshTypeCoercion(RelDataTypeFactory typeFactory, SqlValidator validator) {
    super(typeFactory, validator);
  }

  @Override
  public boolean binaryArithmeticCoercion(SqlCallBinding binding) {
    for (int i = 0; i < binding.getOperandCount(); i++) {
      if (textValue(binding, i)) {
        return false;
      }
    }
    return super.binaryArithmeticCoercion(binding);
  }

  @Override
  public boolean builtinFunctionCoercion(SqlCallBinding binding, List<RelDataType> operandTypes,
      List<SqlTypeFamily> expectedFamilies) {
    for (int i = 0; i < operandTypes.size(); i++) {
      if (numeric(expectedFamilies.get(i)) && textValue(binding, i)) {
        return false;
      }
    }
    return super.builtinFunctionCoercion(binding, operandTypes, expectedFamilies);
  }

  /**
   * Casts each argument of the aggregate {@code call} whose type is NULL to the type PostgreSQL
   * gives an unknown-typed argument: the one type the function takes where it takes a single kind
   * (DOUBLE, PostgreSQL's preferred number, for STDDEV or VAR_POP; BOOLEAN for EVERY), and text
   * where it takes any (MIN, MAX, COUNT, FIRST_VALUE). Calcite would keep the type NULL, for which
   * it generates no code. SUM and AVG of such an argument are refused, as PostgreSQL finds them
   * ambiguous and H2 refuses them too.
   */
  public void typeUntypedArguments(SqlValidatorScope scope, SqlCall call) {
    SqlValidatorScope operandScope = scope.getOperandScope(call);
    List<SqlNode> operands = call.getOperandList();
    for (int i = 0; i < operands.size(); i++) {
      SqlNode operand = operands.get(i);
      if (operand == null || operand instanceof SqlIdentifier identifier && identifier.isStar()
          || validator.deriveType(operandScope, operand).getSqlTypeName() != SqlTypeName.NULL) {
        continue;
      }
      if (call.getKind() == SqlKind.SUM || call.getKind() == SqlKind.SUM0 || call.getKind() == SqlKind.AVG) {
        throw new SqlCallBinding(validator, scope, call).newValidationSignatureError();
      }
      coerceOperandType(operandScope, call, i, typeOfUntyped(call, i));
    }
  }

  private RelDataType typeOfUntyped(SqlCall call, int operand) {
    SqlTypeFamily family = call.getOperator().getOperandTypeChecker() instanceof ImplicitCastOperandTypeChecker checker
        ? checker.getOperandSqlTypeFamily(operand) : null;
    RelDataType type = family == SqlTypeFamily.NUMERIC || family == SqlTypeFamily.APPROXIMATE_NUMERIC
        ? factory.createSqlType(SqlTypeName.DOUBLE)
        : family == null ? null : family.getDefaultConcreteType(factory);
    return type == null ? factory.createSqlType(SqlTypeName.VARCHAR) : type;
  }

  /** A character operand that is not a literal: a column, a parameter or an expression. */
  private static boolean textValue(SqlCallBinding binding, int operand) {
    SqlNode node = binding.operand(operand);
    return SqlTypeUtil.isCharacter(binding.getOperandType(operand)) && !(node instanceof SqlLiteral);
  }

  private static boolean numeric(SqlTypeFamily family) {
    return switch (family) {
      case NUMERIC, INTEGER, EXACT_NUMERIC, APPROXIMATE_NUMERIC, DECIMAL -> true;
      default -> false;
    };
  }
}
