package dev.meshkit.source.jdbc;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;

/**
 * Text as a source compares it by code point, as meshkit does: the planner wraps text that a
 * MySQL or MariaDB statement compares, groups or orders in this function, and {@link MysqlDialect}
 * writes it with a binary collation that keeps trailing spaces.
 */
public final class CodePointOrder {

  /** The text itself, compared by code point. */
  public static final SqlFunction FUNCTION = new SqlFunction("CODE_POINT_ORDER", SqlKind.OTHER_FUNCTION,
      ReturnTypes.ARG0, null, OperandTypes.CHARACTER, SqlFunctionCategory.STRING) {
    @Override
    public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      // A dialect that knows no binary collation compares bytes, which order by code point in UTF-8.
      SqlWriter.Frame frame = writer.startFunCall("CAST");
      call.operand(0).unparse(writer, 0, 0);
      writer.sep("AS");
      writer.keyword("BINARY");
      writer.endFunCall(frame);
    }
  };

  private CodePointOrder() {
  }
}
