package dev.meshkit.plan;

import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's default type system caps DECIMAL at 19 digits, which clamps the NUMERIC columns of
 * real databases; ours allows 38, as PostgreSQL, MariaDB and H2 all can.
 */
public final class MeshTypeSystem extends RelDataTypeSystemImpl {

  /** Referenced by name in connection properties, hence public. */
  public static final RelDataTypeSystem INSTANCE = new MeshTypeSystem();

  private MeshTypeSystem() {
  }

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? 38 : super.getMaxPrecision(typeName);
  }
}
