package dev.meshkit.source;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
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

  private static final int MAX_DECIMAL = 38;

  private MeshTypeSystem() {
  }

  /**
   * AVG of a DECIMAL keeps at least six fraction digits, as PostgreSQL, MariaDB and H2 do;
   * Calcite's default keeps the argument's scale, so AVG(price) of cents would round to cents.
   */
  @Override
  public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    if (argumentType.getSqlTypeName() == SqlTypeName.DECIMAL) {
      int scale = Math.max(argumentType.getScale(), 6);
      RelDataType type = typeFactory.createSqlType(SqlTypeName.DECIMAL, MAX_DECIMAL, scale);
      return typeFactory.createTypeWithNullability(type, argumentType.isNullable());
    }
    return super.deriveAvgAggType(typeFactory, argumentType);
  }

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL : super.getMaxPrecision(typeName);
  }
}
