package dev.meshkit.model;

/**
 * Settings of the mesh as a whole, under {@code settings:} in a descriptor.
 *
 * @param maxQueryRows rows the JVM side of one execution may take into memory (for joins, sorts,
 *     aggregates), added up over its operators, 0 for no limit
 * @param parallelStatements source statements the mesh runs at once beside its queries' own
 *     threads, across all queries; 0 runs the statements of each query one after another
 * @param splitRows a source statement reading a table estimated to hold more rows than this is
 *     split into statements over ranges of the table's key, run at once; 0 splits none
 * @param watch whether the mesh follows its descriptor's files, loading each saved change by itself
 * @param metadataStore where the mesh keeps usage, quality history, feedback, audit and changes
 */
public record MeshSettings(long maxQueryRows, int parallelStatements, long splitRows, boolean watch,
    MetadataStoreSettings metadataStore) {

  /** Two per processor: source statements mostly wait on their databases. */
  public static final int DEFAULT_PARALLEL_STATEMENTS = Math.max(2, Runtime.getRuntime().availableProcessors() * 2);

  /** Past about this many rows one statement of H2 takes a second or more, worth reading in parallel. */
  public static final long DEFAULT_SPLIT_ROWS = 250_000;

  /** Every setting at its default. */
  public static final MeshSettings DEFAULTS = new MeshSettings(0, DEFAULT_PARALLEL_STATEMENTS, DEFAULT_SPLIT_ROWS, false,
      MetadataStoreSettings.DEFAULTS);

  public MeshSettings {
    java.util.Objects.requireNonNull(metadataStore, "metadataStore is null");
    if (maxQueryRows < 0) {
      throw new IllegalArgumentException("maxQueryRows cannot be negative: " + maxQueryRows);
    }
    if (parallelStatements < 0) {
      throw new IllegalArgumentException("parallelStatements cannot be negative: " + parallelStatements);
    }
    if (splitRows < 0) {
      throw new IllegalArgumentException("splitRows cannot be negative: " + splitRows);
    }
  }

  /** Settings without watching, splitting past the default. */
  public MeshSettings(long maxQueryRows, int parallelStatements) {
    this(maxQueryRows, parallelStatements, DEFAULT_SPLIT_ROWS, false, MetadataStoreSettings.DEFAULTS);
  }
}
