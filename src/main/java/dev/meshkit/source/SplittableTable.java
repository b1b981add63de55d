package dev.meshkit.source;

import java.math.BigDecimal;

/**
 * A database table whose large scans the planner may split into ranges of the leading column of its
 * primary key, each range a statement of its own on a connection of its own. Found with
 * {@code unwrap(SplittableTable.class)} on the planner's table.
 */
public interface SplittableTable {

  /** The ordinal of the first column of the table's primary key, in the key's own order; -1 without a key. */
  int leadingKey();

  /** Statements of one query its source can run at once, each on a connection of its own. */
  int parallelConnections();

  /**
   * The least and greatest non-null values of exact numeric column {@code ordinal}, read at once
   * and briefly (an index's two ends); null where the table is empty, the source has no idle
   * connection, or the read fails or takes too long. They may be stale as soon as read.
   */
  BigDecimal[] bounds(int ordinal);

  /**
   * The least and greatest values column {@code ordinal}'s type holds in the database, where the
   * first and last ranges should name them as their outer ends; null where the database needs no
   * such help or the range is not certain. H2 picks an index by how many sides a condition bounds,
   * and would read a one-sided range through another index of the statement's filter.
   */
  default BigDecimal[] typeRange(int ordinal) {
    return null;
  }
}
