package dev.meshkit.source.jdbc;

import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.rel.core.JoinRelType;

/**
 * What a database source's statements can take, where Calcite's dialect does not say: the planner
 * asks before it moves an operator into a source, and rewrites or keeps here what the database
 * would refuse or answer otherwise. Each database's dialect answers for it ({@link H2Dialect},
 * {@link MysqlDialect}, {@link PostgresDialect}); a default is most databases' answer.
 */
public interface SourceDialect {

  /** The answers for the database of a source's convention. */
  static SourceDialect of(JdbcConvention convention) {
    return convention.dialect instanceof SourceDialect dialect ? dialect : OtherDialect.INSTANCE;
  }

  /**
   * Whether a statement may join this way, of the joins Calcite's dialect says the database has.
   * {@code hashable}: the condition is none or has an equality, so that the database can hash or
   * merge it.
   */
  default boolean takesJoin(JoinRelType type, boolean hashable) {
    return true;
  }

  /**
   * Whether the database joins by hashing. One that joins by nested loops over indexes only
   * takes minutes to join a derived table (an aggregate, a union, a limited sort), which has none.
   */
  default boolean hashJoins() {
    return true;
  }

  /** Whether the SELECT of a grouping may compute with a key that is itself computed ({@code GROUP BY k + i}). */
  default boolean computesWithComputedGroupingKeys() {
    return true;
  }

  /** Whether a date plus or minus an interval is a date, as in SQL. */
  default boolean dateArithmeticKeepsDates() {
    return true;
  }

  /** Whether text compares by code point, as in meshkit: case and trailing spaces count. */
  default boolean comparesTextByCodePoint() {
    return true;
  }
}
