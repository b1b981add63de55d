package dev.meshkit.source.jdbc;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.H2SqlDialect;

/** Calcite's H2 dialect, with LIKE in parentheses: H2 ranks it with the comparisons. */
final class H2Dialect extends H2SqlDialect {

  H2Dialect(Context context) {
    super(context);
  }

  @Override
  public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
    if (!Unparsing.parenthesizedLike(writer, call, super::unparseCall)) {
      super.unparseCall(writer, call, leftPrec, rightPrec);
    }
  }
}
