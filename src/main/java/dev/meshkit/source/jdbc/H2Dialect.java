package dev.meshkit.source.jdbc;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.H2SqlDialect;

/** Calcite's H2 dialect, with LIKE in parentheses: H2 ranks it with the comparisons. */
final class H2Dialect extends H2SqlDialect implements SourceDialect {

  H2Dialect(Context context) {
    super(context);
  }

  /** H2 joins by nested loops over indexes. */
  @Override
  public boolean hashJoins() {
    return false;
  }

  /** H2 refuses {@code SELECT CAST(k + i AS BIGINT) ... GROUP BY k + i}. */
  @Override
  public boolean computesWithComputedGroupingKeys() {
    return false;
  }

  @Override
  public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
    if (!Unparsing.parenthesizedLike(writer, call, super::unparseCall)) {
      super.unparseCall(writer, call, leftPrec, rightPrec);
    }
  }
}
