package dev.meshkit.masking;

import dev.meshkit.model.BuiltInMask;
import java.util.List;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.schema.impl.ReflectiveFunctionBase;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * The built-in masks as operators of Rex calls. They are user-defined functions backed by
 * {@link MaskFunctions}, which gives two guarantees: Calcite's enumerable code generator calls the
 * Java method, and the JDBC adapter never pushes a user-defined function into a source, so every
 * source returns raw values and the mask runs here with the same semantics everywhere. They sit in
 * no operator table, so a consumer's SQL cannot name them. Each one's return type is the
 * {@link BuiltInMask.ResultType} of the mask it computes.
 */
final class MaskOperators {

  static final SqlFunction HASH = udf(BuiltInMask.HASH, "MASK_HASH", new KeyedHash(), SqlTypeName.VARCHAR);
  static final SqlFunction REDACT = udf(BuiltInMask.REDACT, "MASK_REDACT", "redact", SqlTypeName.VARCHAR);
  static final SqlFunction LAST4 = udf(BuiltInMask.LAST4, "MASK_LAST4", "last4", SqlTypeName.VARCHAR);
  static final SqlFunction FIRST4 = udf(BuiltInMask.FIRST4, "MASK_FIRST4", "first4", SqlTypeName.VARCHAR);
  static final SqlFunction YEAR_OF_DATE = udf(BuiltInMask.YEAR, "MASK_YEAR", "yearOfDate", SqlTypeName.DATE);
  static final SqlFunction YEAR_OF_TIMESTAMP =
      udf(BuiltInMask.YEAR, "MASK_YEAR_TS", "yearOfTimestamp", SqlTypeName.TIMESTAMP);

  private MaskOperators() {
  }

  /**
   * The return type of an operator whose one operand is the value it masks: a text mask's operand
   * is the column cast to VARCHAR, null only for a null input; any other's is the column itself.
   */
  static SqlReturnTypeInference returnType(BuiltInMask.ResultType type) {
    return switch (type) {
      case VARCHAR -> ReturnTypes.VARCHAR_NULLABLE;
      case SAME_AS_COLUMN -> ReturnTypes.ARG0;
    };
  }

  private static SqlFunction udf(BuiltInMask mask, String name, String method, SqlTypeName operand) {
    return udf(mask, name, ScalarFunctionImpl.create(MaskFunctions.class, method), operand);
  }

  private static SqlFunction udf(BuiltInMask mask, String name, Function function, SqlTypeName operand) {
    return new SqlUserDefinedFunction(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
        returnType(mask.resultType()), null, OperandTypes.operandMetadata(List.of(operand.getFamily()),
            types -> List.of(types.createSqlType(operand)), i -> "value", i -> false),
        function);
  }

  /**
   * {@link MaskFunctions#hash}, called with the statement's {@code DataContext}, through which it
   * finds the mesh's key at run time: the key is no operand, so it is neither in the plan's text
   * nor in its digest, and one cached plan serves every connection of the mesh.
   */
  private static final class KeyedHash implements ScalarFunction, ImplementableFunction {

    @Override
    public CallImplementor getImplementor() {
      return RexImpTable.createImplementor((translator, call, operands) ->
          Expressions.call(MaskFunctions.class, "hash", translator.getRoot(), operands.get(0)), NullPolicy.STRICT, false);
    }

    @Override
    public RelDataType getReturnType(RelDataTypeFactory types) {
      return types.createTypeWithNullability(types.createSqlType(SqlTypeName.VARCHAR), true);
    }

    @Override
    public List<FunctionParameter> getParameters() {
      return ReflectiveFunctionBase.builder().add(String.class, "value").build();
    }
  }
}
