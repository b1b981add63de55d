package dev.meshkit.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Seed files for one test method, run after the class's seeds (into the same source as
 * {@link MeshTest#seed()}), for data only that test needs:
 *
 * <pre>{@code
 * @Test
 * @MeshSeed("refunds/big-refund.csv")
 * void aBigRefundTurnsRevenueNegative() { ... }
 * }</pre>
 *
 * Files are looked up as for {@link MeshTest#seed()}. With {@link Isolation#PER_CLASS} the rows stay
 * for the class's later tests, since nothing resets the data between them.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface MeshSeed {

  /** {@code .sql} scripts and {@code .csv} files, run in order. */
  String[] value();
}
