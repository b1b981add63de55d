package dev.meshkit.source;

import org.apache.calcite.rel.type.DelegatingTypeSystem;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Calcite's type system with PostgreSQL's aggregate types. DECIMAL holds 38 digits, as PostgreSQL,
 * MariaDB and H2 all can (Calcite's default caps it at 19, which clamps real NUMERIC columns).
 * {@code SUM} of a TINYINT, SMALLINT or INTEGER is a BIGINT, so it does not overflow where the
 * values fit (Calcite's default keeps the argument's type), and of a BIGINT stays a BIGINT (for
 * PostgreSQL a NUMERIC, which Calcite's generated code cannot sum from BIGINT values); {@code AVG}
 * of an exact number is
 * a DECIMAL with at least six fraction digits (Calcite's default is the argument's type, so
 * {@code AVG} of integers was truncated to an integer) and of a REAL a DOUBLE.
 */
public final class MeshTypeSystem extends RelDataTypeSystemImpl {

  /** Referenced by name in connection properties, hence public. */
  public static final RelDataTypeSystem INSTANCE = new MeshTypeSystem();

  private static final int MAX_DECIMAL = 38;
  private static final int AVG_SCALE = 6;
  /** PostgreSQL keeps at least 16 significant digits in a quotient; here, at least 16 fraction digits. */
  private static final int QUOTIENT_SCALE = 16;

  private MeshTypeSystem() {
  }

  /**
   * Text literals of different lengths in one CASE or UNION column are VARCHAR, as in PostgreSQL
   * and H2: as the standard's CHAR, {@code CASE ... THEN 'it''s' ELSE '-7' END} padded '-7'.
   */
  @Override
  public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }

  @Override
  public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    RelDataType sum = switch (argumentType.getSqlTypeName()) {
      case TINYINT, SMALLINT, INTEGER -> typeFactory.createSqlType(SqlTypeName.BIGINT);
      default -> null;
    };
    return sum == null ? super.deriveSumType(typeFactory, argumentType)
        : typeFactory.createTypeWithNullability(sum, argumentType.isNullable());
  }

  @Override
  public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
    RelDataType avg = switch (argumentType.getSqlTypeName()) {
      case TINYINT, SMALLINT, INTEGER, BIGINT -> typeFactory.createSqlType(SqlTypeName.DECIMAL, MAX_DECIMAL, AVG_SCALE);
      case DECIMAL -> typeFactory.createSqlType(SqlTypeName.DECIMAL, MAX_DECIMAL,
          Math.max(argumentType.getScale(), AVG_SCALE));
      case REAL -> typeFactory.createSqlType(SqlTypeName.DOUBLE);
      default -> null;
    };
    return avg == null ? super.deriveAvgAggType(typeFactory, argumentType)
        : typeFactory.createTypeWithNullability(avg, argumentType.isNullable());
  }

  /**
   * A quotient of exact numbers, one of them a DECIMAL, keeps max(16, s1, s2) fraction digits
   * (Calcite's default is SQL Server's rule, which keeps as few as 6 where the operands are wide,
   * and loses digits in the variance's intermediate quotients). It is computed exactly and rounded
   * half away from zero; integers divided by integers stay integers.
   */
  @Override
  public RelDataType deriveDecimalDivideType(RelDataTypeFactory typeFactory, RelDataType dividend,
      RelDataType divisor) {
    if (!SqlTypeUtil.isExactNumeric(dividend) || !SqlTypeUtil.isExactNumeric(divisor)
        || !SqlTypeUtil.isDecimal(dividend) && !SqlTypeUtil.isDecimal(divisor)) {
      return super.deriveDecimalDivideType(typeFactory, dividend, divisor);
    }
    int scale = Math.max(QUOTIENT_SCALE, Math.max(scale(typeFactory, dividend), scale(typeFactory, divisor)));
    return typeFactory.createSqlType(SqlTypeName.DECIMAL, MAX_DECIMAL, Math.min(scale, MAX_DECIMAL));
  }

  /** Java's numeric types have no scale of their own; their DECIMAL does. */
  private static int scale(RelDataTypeFactory typeFactory, RelDataType type) {
    return RelDataTypeFactoryImpl.isJavaType(type) ? typeFactory.decimalOf(type).getScale() : type.getScale();
  }

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL : super.getMaxPrecision(typeName);
  }

  /** As many fraction digits as digits: Calcite's default of 19 would cut a DECIMAL(38, 20) column's. */
  @Override
  public int getMaxScale(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL : super.getMaxScale(typeName);
  }

  /**
   * A source dialect's type system, with DECIMAL as wide as meshkit's. A dialect writes a cast with
   * its type system's limits, and Calcite's default caps a DECIMAL at 19 digits, so a value planned
   * as DECIMAL(38, 16) was cast to DECIMAL(19, 16) in the source, which cannot hold it; every
   * database meshkit reads holds 38 digits.
   */
  public static RelDataTypeSystem withDecimals(RelDataTypeSystem dialect) {
    return new DelegatingTypeSystem(dialect) {
      @Override
      public int getMaxPrecision(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? Math.max(MAX_DECIMAL, dialect.getMaxPrecision(typeName))
            : dialect.getMaxPrecision(typeName);
      }

      @Override
      public int getMaxScale(SqlTypeName typeName) {
        return typeName == SqlTypeName.DECIMAL ? Math.max(MAX_DECIMAL, dialect.getMaxScale(typeName))
            : dialect.getMaxScale(typeName);
      }
    };
  }
}
