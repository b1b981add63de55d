package dev.meshkit.model;

/**
 * Settings of the mesh as a whole, under {@code settings:} in a descriptor.
 *
 * @param maxQueryRows rows the JVM side of one execution may take into memory (for joins, sorts,
 *     aggregates), added up over its operators, 0 for no limit
 */
public record MeshSettings(long maxQueryRows) {

  /** Every setting at its default. */
  public static final MeshSettings DEFAULTS = new MeshSettings(0);

  public MeshSettings {
    if (maxQueryRows < 0) {
      throw new IllegalArgumentException("maxQueryRows cannot be negative: " + maxQueryRows);
    }
  }
}
