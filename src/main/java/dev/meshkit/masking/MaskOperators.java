package dev.meshkit.masking;

import java.util.List;
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
 * no operator table, so a consumer's SQL cannot name them.
 */
final class MaskOperators {

  static final SqlFunction HASH = text("MASK_HASH", "hash");
  static final SqlFunction REDACT = text("MASK_REDACT", "redact");
  static final SqlFunction LAST4 = text("MASK_LAST4", "last4");
  static final SqlFunction FIRST4 = text("MASK_FIRST4", "first4");
  static final SqlFunction YEAR_OF_DATE = udf("MASK_YEAR", "yearOfDate", SqlTypeName.DATE, ReturnTypes.ARG0);
  static final SqlFunction YEAR_OF_TIMESTAMP =
      udf("MASK_YEAR_TS", "yearOfTimestamp", SqlTypeName.TIMESTAMP, ReturnTypes.ARG0);

  private MaskOperators() {
  }

  /** VARCHAR in, VARCHAR out, null only for a null input. */
  private static SqlFunction text(String name, String method) {
    return udf(name, method, SqlTypeName.VARCHAR, ReturnTypes.VARCHAR_NULLABLE);
  }

  private static SqlFunction udf(String name, String method, SqlTypeName operand, SqlReturnTypeInference returns) {
    return new SqlUserDefinedFunction(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, returns,
        null, OperandTypes.operandMetadata(List.of(operand.getFamily()),
            types -> List.of(types.createSqlType(operand)), i -> "value", i -> false),
        ScalarFunctionImpl.create(MaskFunctions.class, method));
  }
}
