package dev.meshkit.planner;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Calcite's expression builder, but a cast of a literal to an exact number converts it as
 * PostgreSQL does, as {@link MeshArithmetic} makes the JVM convert values: fraction digits that
 * do not fit are rounded half away from zero (half to even from a floating-point literal to an
 * integer), where Calcite truncates; text becomes an integer only if it is one ({@code '1.5'} is
 * not), surrounded by spaces or not. A literal that does not convert stays a cast, which fails when
 * the statement runs.
 */
public final class MeshRexBuilder extends RexBuilder {

  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

  public MeshRexBuilder(RelDataTypeFactory typeFactory) {
    super(typeFactory);
  }

  @Override
  public RexNode makeCast(SqlParserPos pos, RelDataType type, RexNode exp, boolean matchNullability, boolean safe,
      RexLiteral format) {
    if (exp instanceof RexLiteral literal && !literal.isNull() && SqlTypeUtil.isExactNumeric(type)) {
      BigDecimal value = exact(literal, type);
      if (value != null) {
        return super.makeCast(pos, type, makeExactLiteral(value), matchNullability, safe, format);
      }
      if (SqlTypeUtil.isCharacter(literal.getType())) {
        return makeAbstractCast(pos, type, exp, safe, format);
      }
    }
    return super.makeCast(pos, type, exp, matchNullability, safe, format);
  }

  /** The literal's value at the scale of {@code type}; null where Calcite's own conversion is right or none is. */
  private static BigDecimal exact(RexLiteral literal, RelDataType type) {
    int scale = SqlTypeUtil.isDecimal(type) ? type.getScale() : 0;
    RelDataType from = literal.getType();
    if (SqlTypeUtil.isCharacter(from)) {
      String text = literal.getValueAs(String.class).strip();
      try {
        return scale == 0 && !SqlTypeUtil.isDecimal(type) && !INTEGER.matcher(text).matches() ? null
            : Arithmetic.round(new BigDecimal(text), scale);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    if (SqlTypeUtil.isApproximateNumeric(from)) {
      double value = literal.getValueAs(Double.class);
      if (Double.isNaN(value) || Double.isInfinite(value)) {
        return null;
      }
      return SqlTypeUtil.isDecimal(type) ? Arithmetic.round(value, scale) : BigDecimal.valueOf(Math.rint(value)).setScale(0, RoundingMode.UNNECESSARY);
    }
    if (SqlTypeUtil.isDecimal(from) && from.getScale() > scale) {
      return Arithmetic.round(literal.getValueAs(BigDecimal.class), scale);
    }
    return null;
  }
}
