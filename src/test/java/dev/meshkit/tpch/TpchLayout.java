package dev.meshkit.tpch;

import java.util.Locale;

/**
 * Where the eight TPC-H tables live for the mesh. Either way the domains are {@code sales},
 * {@code supply} and {@code reference}, so the queries read the same products.
 */
enum TpchLayout {
  /** Two H2 databases ({@code sales}, {@code supply}) and a CSV folder ({@code reference}). */
  THREE("three sources: customer, orders and lineitem in one H2 database, part, partsupp and supplier in"
      + " another, nation and region as CSV files"),
  /**
   * Four kinds of source, with orders and lineitem on different servers: customer and orders in
   * PostgreSQL, lineitem in MariaDB, part, partsupp and supplier in H2, nation and region as CSV files.
   */
  FOUR("four sources: customer and orders in PostgreSQL, lineitem in MariaDB, part, partsupp and supplier"
      + " in H2, nation and region as CSV files");

  private final String description;

  TpchLayout(String description) {
    this.description = description;
  }

  String description() {
    return description;
  }

  /** The name used on the command line and in file names: {@code three} or {@code four}. */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static TpchLayout of(String label) {
    for (TpchLayout layout : values()) {
      if (layout.label().equalsIgnoreCase(label.strip())) {
        return layout;
      }
    }
    throw new IllegalArgumentException("no layout " + label + "; use three or four");
  }
}
