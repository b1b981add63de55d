package dev.meshkit.planner;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What the JVM computes where Calcite's own code differs from PostgreSQL (see {@link MeshArithmetic}).
 * Public because generated code calls it; the arguments are never NULL (the callers are strict).
 */
public final class Arithmetic {

  private Arithmetic() {
  }

  /** Exact decimal division, rounded half away from zero to the scale of the result type. */
  public static BigDecimal divide(BigDecimal dividend, BigDecimal divisor, int scale) {
    if (divisor.signum() == 0) {
      throw divisionByZero();
    }
    return dividend.divide(divisor, scale, RoundingMode.HALF_UP);
  }

  /** Floating-point division, which PostgreSQL refuses by zero rather than answer infinity. */
  public static double divide(double dividend, double divisor) {
    if (divisor == 0) {
      throw divisionByZero();
    }
    return dividend / divisor;
  }

  /** A decimal to fewer fraction digits, rounded half away from zero as PostgreSQL's casts do. */
  public static BigDecimal round(BigDecimal value, int scale) {
    return value.setScale(scale, RoundingMode.HALF_UP);
  }

  /** A floating-point value to a decimal, from its shortest decimal form, as PostgreSQL converts it. */
  public static BigDecimal round(double value, int scale) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new ArithmeticException("numeric value out of range");
    }
    return round(BigDecimal.valueOf(value), scale);
  }

  /** A floating-point value to the nearest integer, half to even, as PostgreSQL casts it to an integer. */
  public static double rint(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new ArithmeticException("numeric value out of range");
    }
    return Math.rint(value);
  }

  /**
   * One form for equal decimals, which Java's equals tells apart by scale (1.5 and 1.50): the type's
   * scale where that holds the value exactly, else the value without trailing zeros.
   */
  public static BigDecimal key(BigDecimal value, int scale) {
    if (value.scale() == scale) {
      return value;
    }
    if (value.scale() < scale) {
      return value.setScale(scale);
    }
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() <= scale ? stripped.setScale(scale) : stripped;
  }

  /** One form for equal floating-point values: Java's equals tells -0.0 from 0.0. */
  public static double key(double value) {
    return value == 0 ? 0d : value;
  }

  /** The same for REAL values. */
  public static float key(float value) {
    return value == 0 ? 0f : value;
  }

  private static ArithmeticException divisionByZero() {
    return new ArithmeticException("division by zero");
  }
}
