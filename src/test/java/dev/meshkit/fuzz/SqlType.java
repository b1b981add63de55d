package dev.meshkit.fuzz;

/** The column and expression types the fuzzer generates, each valid in every engine it compares. */
enum SqlType {
  INTEGER("INTEGER"), BIGINT("BIGINT"), DECIMAL("DECIMAL(12,2)"), DOUBLE("DOUBLE PRECISION"),
  VARCHAR("VARCHAR"), DATE("DATE"), BOOLEAN("BOOLEAN");

  /** The name a CAST uses; DOUBLE PRECISION because PostgreSQL has no DOUBLE. */
  final String castName;

  SqlType(String castName) {
    this.castName = castName;
  }

  boolean numeric() {
    return this == INTEGER || this == BIGINT || this == DECIMAL || this == DOUBLE;
  }

  boolean exact() {
    return this == INTEGER || this == BIGINT || this == DECIMAL;
  }

  boolean integral() {
    return this == INTEGER || this == BIGINT;
  }

  /** The type of arithmetic over both: the wider of the two. */
  static SqlType wider(SqlType a, SqlType b) {
    return a.ordinal() >= b.ordinal() ? a : b;
  }

  /** Whether values of both may meet in a comparison, CASE, or set operation in every engine. */
  boolean comparable(SqlType other) {
    return this == other || numeric() && other.numeric();
  }
}
