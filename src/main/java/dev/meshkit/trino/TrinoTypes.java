package dev.meshkit.trino;

import java.util.Optional;
import org.apache.calcite.rel.type.RelDataType;

/** The Trino type a column of a product has, written so that a view's column and its mask agree exactly. */
final class TrinoTypes {

  /** Longer declared text than this is Trino's unbounded {@code varchar}, as PostgreSQL's {@code text} reads. */
  private static final int UNBOUNDED_TEXT = 65_535;

  private TrinoTypes() {
  }

  /** The Trino type name of a Calcite type, or empty when Trino has no equivalent. */
  static Optional<String> of(RelDataType type) {
    int precision = type.getPrecision();
    int scale = type.getScale();
    String name = switch (type.getSqlTypeName()) {
      case BOOLEAN -> "boolean";
      case TINYINT -> "tinyint";
      case SMALLINT -> "smallint";
      case INTEGER -> "integer";
      case BIGINT -> "bigint";
      case DECIMAL -> "decimal(" + precision + ", " + Math.max(scale, 0) + ")";
      case REAL -> "real";
      case FLOAT, DOUBLE -> "double";
      case DATE -> "date";
      case TIME -> "time(" + precision + ")";
      case TIMESTAMP -> "timestamp(" + precision + ")";
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> "timestamp(" + precision + ") with time zone";
      case CHAR -> "char(" + precision + ")";
      case VARCHAR -> precision <= 0 || precision >= UNBOUNDED_TEXT ? "varchar" : "varchar(" + precision + ")";
      case BINARY, VARBINARY -> "varbinary";
      default -> null;
    };
    return Optional.ofNullable(name);
  }

  static boolean isText(RelDataType type) {
    return switch (type.getSqlTypeName()) {
      case CHAR, VARCHAR -> true;
      default -> false;
    };
  }
}
