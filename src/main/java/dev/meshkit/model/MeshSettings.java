package dev.meshkit.model;

/**
 * Settings of the mesh as a whole, under {@code settings:} in a descriptor.
 *
 * @param maxQueryRows rows the JVM side of one execution may take into memory (for joins, sorts,
 *     aggregates), added up over its operators, 0 for no limit
 * @param parallelStatements source statements the mesh runs at once beside its queries' own
 *     threads, across all queries; 0 runs the statements of each query one after another
 * @param watch whether the mesh follows its descriptor's files, loading each saved change by itself
 */
public record MeshSettings(long maxQueryRows, int parallelStatements, boolean watch) {

  /** Two per processor: source statements mostly wait on their databases. */
  public static final int DEFAULT_PARALLEL_STATEMENTS = Math.max(2, Runtime.getRuntime().availableProcessors() * 2);

  /** Every setting at its default. */
  public static final MeshSettings DEFAULTS = new MeshSettings(0, DEFAULT_PARALLEL_STATEMENTS, false);

  public MeshSettings {
    if (maxQueryRows < 0) {
      throw new IllegalArgumentException("maxQueryRows cannot be negative: " + maxQueryRows);
    }
    if (parallelStatements < 0) {
      throw new IllegalArgumentException("parallelStatements cannot be negative: " + parallelStatements);
    }
  }

  /** Settings without watching. */
  public MeshSettings(long maxQueryRows, int parallelStatements) {
    this(maxQueryRows, parallelStatements, false);
  }
}
