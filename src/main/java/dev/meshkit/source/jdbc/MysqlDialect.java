package dev.meshkit.source.jdbc;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.MysqlSqlDialect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
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
 *   <li>text compares by the column's collation, which by default ignores case and trailing
 *       spaces: where meshkit's comparison by code point matters, the text is written with a
 *       binary collation ({@link CodePointOrder});</li>
 *   <li>an OFFSET needs a LIMIT: an offset alone is written with the largest LIMIT, as MySQL's
 *       manual says to;</li>
 *   <li>they cannot cast to BOOLEAN. What reaches a source as such a cast is a parameter, a NULL or
 *       a boolean (casts of text stay in the JVM), whose value MySQL takes as it is.</li>
 * </ul>
 */
final class MysqlDialect extends MysqlSqlDialect implements SourceDialect {

  /** MySQL's largest LIMIT, the limit of an OFFSET without one. */
  private static final SqlNode EVERY_ROW = SqlLiteral.createExactNumeric("18446744073709551615", SqlParserPos.ZERO);

  /** A binary collation of utf8mb4 without padding: case and trailing spaces count. */
  private final String codePointCollation;

  MysqlDialect(Context context, String codePointCollation) {
    super(context);
    this.codePointCollation = codePointCollation;
  }

  /** By the column's collation, which by default ignores case and trailing spaces. */
  @Override
  public boolean comparesTextByCodePoint() {
    return false;
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
  public void unparseOffsetFetch(SqlWriter writer, SqlNode offset, SqlNode fetch) {
    super.unparseOffsetFetch(writer, offset, fetch == null && offset != null ? EVERY_ROW : fetch);
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
    if (call.getOperator() == CodePointOrder.FUNCTION) {
      SqlWriter.Frame frame = writer.startFunCall("CONVERT");
      call.operand(0).unparse(writer, 0, 0);
      writer.sep("USING");
      writer.keyword("utf8mb4");
      writer.endFunCall(frame);
      writer.keyword("COLLATE");
      writer.keyword(codePointCollation);
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
