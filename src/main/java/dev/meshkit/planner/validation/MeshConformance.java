package dev.meshkit.planner.validation;

import org.apache.calcite.sql.validate.SqlConformance;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlDelegatingConformance;

/**
 * Calcite's default SQL, with the remainder operator {@code %} and the inequality {@code !=}, which
 * PostgreSQL, MariaDB and H2 all accept.
 */
public final class MeshConformance extends SqlDelegatingConformance {

  public static final SqlConformance INSTANCE = new MeshConformance();

  private MeshConformance() {
    super(SqlConformanceEnum.DEFAULT);
  }

  @Override
  public boolean isPercentRemainderAllowed() {
    return true;
  }

  @Override
  public boolean isBangEqualAllowed() {
    return true;
  }
}
