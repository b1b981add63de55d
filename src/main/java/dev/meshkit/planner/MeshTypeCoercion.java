package dev.meshkit.planner;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.implicit.TypeCoercionImpl;

/**
 * Calcite's implicit conversions, but text is a number only where it is written as a literal, as in
 * PostgreSQL: {@code '12' + 1} is 13, while arithmetic or a numeric function on a text column
 * ({@code +col}, {@code col * 2}, {@code ABS(col)}) is refused when the statement is validated
 * ("Cannot apply '+' to arguments of type ..."), instead of failing on the first value that is not
 * a number, or on none, depending on the rows and on which source evaluates it.
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
