package dev.meshkit.source;

import java.util.List;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calcite's type factory over {@link MeshTypeSystem}, except for the common type of DECIMALs (of a
 * UNION's columns, or a comparison's operands): where the integer digits of one and the fraction
 * digits of another do not fit in 38, Calcite keeps the integer digits and drops fraction digits,
 * which rounds every value ({@code SUM} of a DECIMAL(12,2), a DECIMAL(38,2), beside an
 * {@code AVG}'s DECIMAL(38,6) became DECIMAL(38,2)). Here the fraction digits are kept: a value
 * that then does not fit fails (22003) instead of changing.
 */
public final class MeshTypeFactory extends JavaTypeFactoryImpl {

  public MeshTypeFactory() {
    super(MeshTypeSystem.INSTANCE);
  }

  @Override
  public @Nullable RelDataType leastRestrictive(List<RelDataType> types) {
    RelDataType common = super.leastRestrictive(types);
    if (common == null || common.getSqlTypeName() != SqlTypeName.DECIMAL) {
      return common;
    }
    int scale = common.getScale();
    for (RelDataType type : types) {
      if (type.getSqlTypeName() == SqlTypeName.DECIMAL) {
        scale = Math.max(scale, type.getScale());
      }
    }
    if (scale == common.getScale()) {
      return common;
    }
    int precision = getTypeSystem().getMaxNumericPrecision();
    return createTypeWithNullability(createSqlType(SqlTypeName.DECIMAL, precision, scale), common.isNullable());
  }
}
