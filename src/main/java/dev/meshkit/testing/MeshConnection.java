package dev.meshkit.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects a {@link java.sql.Connection} to the mesh of a {@link MeshTest} class, for a principal the
 * descriptor declares under {@code principals:}. The extension opens it before each test and closes
 * it after. On a {@link javax.sql.DataSource} field or parameter, every connection the data source
 * gives is for that principal, and any still open when the test ends is closed then.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER})
public @interface MeshConnection {

  /** The principal's name in the descriptor. */
  String user();
}
