package dev.meshkit.masking;

import dev.meshkit.model.BuiltInMask;
import dev.meshkit.policy.Mask;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Builds the expression that replaces a column's value under a mask. The planner declares a masked
 * product's row type with {@link #maskedType} before it builds the projection with {@link #apply};
 * both derive the type the same way, so they always agree.
 */
public final class Masking {

  private Masking() {
  }

  /**
   * The masked value of a column.
   *
   * <ul>
   *   <li>a {@link BuiltInMask} whose result type is VARCHAR: the mask of the column's text (a CAST
   *       to VARCHAR, so numbers and dates are masked as they print); VARCHAR, nullable as the column.
   *   <li>{@link BuiltInMask#NULLIFY}: a NULL of the column's type, made nullable.
   *   <li>{@link BuiltInMask#YEAR}: DATE or TIMESTAMP truncated to 1 January of its year; the column's type.
   *   <li>expression: the expression with {@code {column}} bound to {@code column}; the type the
   *       validator derives.
   * </ul>
   *
   * @param rex the builder of the plan the result goes into
   * @param column the column's value, typically an input reference; only its type is inspected
   * @param columnName the column's name, for error messages
   * @throws IllegalArgumentException if the mask does not apply to the column's type, or its
   *     expression does not parse, names anything but {@code {column}}, or does not validate
   */
  public static RexNode apply(RexBuilder rex, RexNode column, String columnName, Mask mask) {
    if (mask.expression() != null) {
      return MaskExpression.convert(rex, column, columnName, mask);
    }
    RelDataTypeFactory types = rex.getTypeFactory();
    RelDataType type = column.getType();
    BuiltInMask builtIn = mask.builtIn();
    // No default: a constant added to BuiltInMask does not compile until it is implemented here.
    return switch (builtIn) {
      case HASH -> text(rex, MaskOperators.HASH, column);
      case REDACT -> text(rex, MaskOperators.REDACT, column);
      case LAST4 -> text(rex, MaskOperators.LAST4, column);
      case FIRST4 -> text(rex, MaskOperators.FIRST4, column);
      case NULLIFY -> rex.makeNullLiteral(types.createTypeWithNullability(resultType(types, builtIn, type), true));
      case YEAR -> rex.makeCall(yearOperator(type, columnName, mask), column);
    };
  }

  /**
   * The type {@link #apply} gives the masked column; a function of the mask and the input type only.
   *
   * @throws IllegalArgumentException as {@link #apply} does
   */
  public static RelDataType maskedType(RelDataTypeFactory types, RelDataType inputType, String columnName,
      Mask mask) {
    return apply(new RexBuilder(types), new RexInputRef(0, inputType), columnName, mask).getType();
  }

  /** The type {@link BuiltInMask#resultType} gives a mask over a column of this type. */
  private static RelDataType resultType(RelDataTypeFactory types, BuiltInMask mask, RelDataType column) {
    return switch (mask.resultType()) {
      case VARCHAR -> types.createTypeWithNullability(types.createSqlType(SqlTypeName.VARCHAR), column.isNullable());
      case SAME_AS_COLUMN -> column;
    };
  }

  private static RexNode text(RexBuilder rex, SqlFunction mask, RexNode column) {
    RelDataTypeFactory types = rex.getTypeFactory();
    RelDataType varchar = types.createTypeWithNullability(
        types.createSqlType(SqlTypeName.VARCHAR), column.getType().isNullable());
    return rex.makeCall(mask, rex.makeCast(varchar, column));
  }

  private static SqlFunction yearOperator(RelDataType type, String columnName, Mask mask) {
    return switch (type.getSqlTypeName()) {
      case DATE -> MaskOperators.YEAR_OF_DATE;
      case TIMESTAMP -> MaskOperators.YEAR_OF_TIMESTAMP;
      default -> throw new IllegalArgumentException("mask '" + BuiltInMask.YEAR.descriptorName() + "' of policy '"
          + mask.policy() + "' needs a DATE or TIMESTAMP column: " + columnName + " is " + type
          + " (choose another mask for this column)");
    };
  }
}
