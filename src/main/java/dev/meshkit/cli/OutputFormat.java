package dev.meshkit.cli;

/** How query results are printed. */
enum OutputFormat {
  /** Aligned columns for people. */
  table,
  /** RFC 4180 with a header row; NULL is an empty field. */
  csv,
  /** One JSON array of objects, one object a line. */
  json
}
