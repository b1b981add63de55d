package dev.meshkit.source.jdbc;

import org.apache.calcite.rel.core.JoinRelType;

/**
 * A database without a dialect of meshkit's own, with Calcite's: it takes a FULL JOIN only on a
 * condition it can hash or merge, as PostgreSQL does, since nothing says it takes more.
 */
final class OtherDialect implements SourceDialect {

  static final OtherDialect INSTANCE = new OtherDialect();

  private OtherDialect() {
  }

  @Override
  public boolean takesJoin(JoinRelType type, boolean hashable) {
    return type != JoinRelType.FULL || hashable;
  }
}
