package dev.meshkit.source.jdbc;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.MysqlSqlDialect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's MySQL dialect, for MySQL and MariaDB, where it writes what they refuse or misread:
 * <ul>
 *   <li>an integer literal in GROUP BY or ORDER BY is a column's position to them ({@code GROUP BY -4}
 *       fails, {@code ORDER BY FALSE IS NULL, FALSE} too), so such keys are left out or grouped
 *       over a one-row join, as Calcite does for PostgreSQL;</li>
 *   <li>{@code ||} is OR to them unless the server's SQL mode says otherwise: concatenation is
 *       written as {@code CONCAT};</li>
 *   <li>LIKE ranks with the comparisons, so it is written in parentheses;</li>
 *   <li>they cannot cast to BOOLEAN. What reaches a source as such a cast is a parameter, a NULL or
 *       a boolean (casts of text stay in the JVM), whose value MySQL takes as it is.</li>
 * </ul>
 */
final class MysqlDialect extends MysqlSqlDialect {

  MysqlDialect(Context context) {
    super(context);
  }

  @Override
  public boolean supportsGroupByLiteral() {
    return false;
  }

  @Override
  public boolean supportsOrderByLiteral() {
    return false;
  }

  @Override
  public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
    if (call.getKind() == SqlKind.CAST && call.operand(1) instanceof SqlDataTypeSpec spec
        && SqlTypeName.BOOLEAN.getName().equalsIgnoreCase(spec.getTypeName().getSimple())) {
      SqlWriter.Frame frame = writer.startList("(", ")");
      call.operand(0).unparse(writer, 0, 0);
      writer.endList(frame);
      return;
    }
    if (call.getOperator() == SqlStdOperatorTable.CONCAT) {
      Unparsing.concatFunction(writer, call);
      return;
    }
    if (!Unparsing.parenthesizedLike(writer, call, super::unparseCall)) {
      super.unparseCall(writer, call, leftPrec, rightPrec);
    }
  }
}
