package dev.meshkit.source.jdbc;

import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;

/**
 * Calcite's PostgreSQL dialect, with a negative interval's sign inside its quotes: PostgreSQL
 * refuses {@code INTERVAL -'186' DAY} and reads {@code INTERVAL '-186' DAY}.
 */
final class PostgresDialect extends PostgresqlSqlDialect implements SourceDialect {

  PostgresDialect(Context context) {
    super(context);
  }

  /** PostgreSQL runs a FULL JOIN only on a condition it can hash or merge. */
  @Override
  public boolean takesJoin(JoinRelType type, boolean hashable) {
    return type != JoinRelType.FULL || hashable;
  }

  /** A date plus or minus an interval is a timestamp, whose text then has a time. */
  @Override
  public boolean dateArithmeticKeepsDates() {
    return false;
  }

  @Override
  public void unparseSqlIntervalLiteral(SqlWriter writer, SqlIntervalLiteral literal, int leftPrec, int rightPrec) {
    SqlIntervalLiteral.IntervalValue interval = literal.getValueAs(SqlIntervalLiteral.IntervalValue.class);
    String text = interval.getIntervalLiteral();
    if (interval.getSign() == -1) {
      text = text.startsWith("-") ? text.substring(1) : "-" + text;
    }
    writer.keyword("INTERVAL");
    writer.literal("'" + text + "'");
    unparseSqlIntervalQualifier(writer, interval.getIntervalQualifier(), RelDataTypeSystem.DEFAULT);
  }
}
