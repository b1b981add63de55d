package dev.meshkit.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit 5 test class against a mesh loaded from a test descriptor, with its in-memory H2
 * sources freshly seeded. {@code Mesh} fields and parameters receive the mesh; {@code Connection}
 * fields and parameters annotated {@link MeshConnection} receive a connection for a declared principal.
 *
 * <pre>{@code
 * @MeshTest(descriptor = "mesh-test.yaml", seed = "orders.csv")
 * class OrderReportTest {
 *   @MeshConnection(user = "ann") Connection ann;
 *
 *   @Test
 *   void totals() throws SQLException { ... }
 * }
 * }</pre>
 *
 * <p>The descriptor is looked up on the test classpath first, then as a file path (relative to the
 * working directory). One mesh is loaded per descriptor and seed list and shared by every test class
 * that names the same ones; between tests only the data is reset (see {@link Isolation}).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(MeshExtension.class)
public @interface MeshTest {

  /** The mesh descriptor: a classpath resource, else a file path. */
  String descriptor();

  /**
   * Extra seed files run after the descriptor's own {@code seed:} list: {@code .sql} scripts, and
   * {@code .csv} files loaded into the table named after the file. Each is looked up on the test
   * classpath, then next to the descriptor, then as a file path.
   */
  String[] seed() default {};

  /**
   * The in-memory H2 source that {@link #seed()} fills, as {@code domain.source}. Needed only when
   * the descriptor has more than one such source.
   */
  String seedSource() default "";

  /** When the data is reset to its seeded state. */
  Isolation isolation() default Isolation.PER_TEST;
}
