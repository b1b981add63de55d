package dev.meshkit.source.jdbc;

import dev.meshkit.source.MeshTypeSystem;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelProtoDataType;
import org.apache.calcite.sql.type.SqlTypeFactoryImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Reads one schema's tables, columns, keys and row-count estimates through JDBC metadata.
 * Table names are escaped before they are used as metadata patterns, where {@code _} and
 * {@code %} would otherwise match other tables.
 */
final class JdbcMetadata {

  /** Widest DECIMAL we describe; matches the planner's type system. */
  static final int MAX_DECIMAL_PRECISION = 38;

  private final Connection connection;
  private final DatabaseMetaData meta;
  private final String catalog;
  private final String schema;
  private final String escape;
  private Map<String, Double> rowCounts;

  JdbcMetadata(Connection connection, DatabaseMetaData meta, String catalog, String schema) throws SQLException {
    this.connection = connection;
    this.meta = meta;
    this.catalog = catalog;
    this.schema = schema;
    this.escape = meta.getSearchStringEscape();
  }

  String pattern(String name) {
    if (escape == null || escape.isEmpty()) {
      return name;
    }
    return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
  }

  List<String> tableNames() throws SQLException {
    Set<String> names = new LinkedHashSet<>();
    try (ResultSet rs = meta.getTables(catalog, schema == null ? null : pattern(schema), "%", null)) {
      while (rs.next()) {
        String type = rs.getString("TABLE_TYPE");
        if (isUserRelation(type)) {
          names.add(rs.getString("TABLE_NAME"));
        }
      }
    }
    return new ArrayList<>(names);
  }

  private static boolean isUserRelation(String type) {
    if (type == null) {
      return false;
    }
    String t = type.toUpperCase(Locale.ROOT);
    return (t.contains("TABLE") || t.contains("VIEW")) && !t.contains("SYSTEM") && !t.contains("TEMPORARY");
  }

  RelProtoDataType rowType(String table) throws SQLException {
    RelDataTypeFactory factory = new SqlTypeFactoryImpl(MeshTypeSystem.INSTANCE);
    RelDataTypeFactory.Builder fields = factory.builder();
    try (ResultSet rs = meta.getColumns(catalog, schema == null ? null : pattern(schema), pattern(table), null)) {
      while (rs.next()) {
        if (!table.equals(rs.getString("TABLE_NAME"))) {
          continue;
        }
        RelDataType type = sqlType(factory, rs.getInt("DATA_TYPE"), rs.getInt("COLUMN_SIZE"),
            rs.getInt("DECIMAL_DIGITS"));
        boolean nullable = rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls;
        fields.add(rs.getString("COLUMN_NAME"), type).nullable(nullable);
      }
    }
    RelDataType rowType = fields.build();
    return tf -> tf.copyType(rowType);
  }

  /** Maps JDBC types onto Calcite's; what has no faithful counterpart becomes VARCHAR or ANY. */
  static RelDataType sqlType(RelDataTypeFactory factory, int jdbcType, int size, int digits) {
    return switch (jdbcType) {
      case Types.TINYINT -> factory.createSqlType(SqlTypeName.TINYINT);
      case Types.SMALLINT -> factory.createSqlType(SqlTypeName.SMALLINT);
      case Types.INTEGER -> factory.createSqlType(SqlTypeName.INTEGER);
      case Types.BIGINT -> factory.createSqlType(SqlTypeName.BIGINT);
      case Types.DECIMAL, Types.NUMERIC -> decimal(factory, size, digits);
      case Types.REAL -> factory.createSqlType(SqlTypeName.REAL);
      case Types.FLOAT, Types.DOUBLE -> factory.createSqlType(SqlTypeName.DOUBLE);
      case Types.BIT, Types.BOOLEAN -> factory.createSqlType(SqlTypeName.BOOLEAN);
      case Types.DATE -> factory.createSqlType(SqlTypeName.DATE);
      case Types.TIME -> factory.createSqlType(SqlTypeName.TIME);
      case Types.TIMESTAMP -> factory.createSqlType(SqlTypeName.TIMESTAMP);
      case Types.CHAR, Types.NCHAR -> size > 0
          ? factory.createSqlType(SqlTypeName.CHAR, size) : factory.createSqlType(SqlTypeName.CHAR);
      case Types.VARCHAR, Types.NVARCHAR, Types.LONGVARCHAR, Types.LONGNVARCHAR, Types.CLOB, Types.NCLOB ->
          size > 0 && size < 65536
              ? factory.createSqlType(SqlTypeName.VARCHAR, size) : factory.createSqlType(SqlTypeName.VARCHAR);
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB ->
          factory.createSqlType(SqlTypeName.VARBINARY);
      default -> factory.createSqlType(SqlTypeName.ANY);
    };
  }

  /** Unconstrained numerics (PostgreSQL reports precision 0 or 131089) keep up to 10 fraction digits. */
  private static RelDataType decimal(RelDataTypeFactory factory, int size, int digits) {
    if (size <= 0 || size > MAX_DECIMAL_PRECISION) {
      return factory.createSqlType(SqlTypeName.DECIMAL, MAX_DECIMAL_PRECISION, 10);
    }
    return factory.createSqlType(SqlTypeName.DECIMAL, size, Math.max(0, Math.min(digits, size)));
  }

  List<Integer> primaryKey(String table, List<String> columns) throws SQLException {
    // Drivers list the key's columns by name; KEY_SEQ gives their order in the key (and its index).
    Map<Integer, Integer> bySequence = new TreeMap<>();
    try (ResultSet rs = meta.getPrimaryKeys(catalog, schema, table)) {
      while (rs.next()) {
        int ordinal = columns.indexOf(rs.getString("COLUMN_NAME"));
        if (ordinal >= 0) {
          bySequence.put(rs.getInt("KEY_SEQ"), ordinal);
        }
      }
    } catch (SQLException e) {
      return List.of();
    }
    return new ArrayList<>(bySequence.values());
  }

  /** The database's own estimate where it keeps one; null means "unknown". */
  Double rowCount(String table) {
    if (rowCounts == null) {
      rowCounts = estimates();
    }
    return rowCounts.get(table);
  }

  private Map<String, Double> estimates() {
    Map<String, Double> counts = new HashMap<>();
    String sql;
    try {
      String product = meta.getDatabaseProductName().toLowerCase(Locale.ROOT);
      if (product.contains("h2")) {
        sql = "SELECT TABLE_NAME, ROW_COUNT_ESTIMATE FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = ?";
      } else if (product.contains("postgres")) {
        sql = "SELECT c.relname, c.reltuples FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname = ?";
      } else if (product.contains("mariadb") || product.contains("mysql")) {
        sql = "SELECT TABLE_NAME, TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?";
      } else {
        return counts;
      }
      String owner = product.contains("mariadb") || product.contains("mysql") ? catalog : schema;
      try (PreparedStatement ps = connection.prepareStatement(sql)) {
        ps.setString(1, owner);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            double rows = rs.getDouble(2);
            if (!rs.wasNull() && rows >= 0) {
              counts.put(rs.getString(1), Math.max(rows, 1d));
            }
          }
        }
      }
    } catch (SQLException e) {
      // Estimates only steer join order; without them the planner falls back to its defaults.
      counts.clear();
    }
    return counts;
  }
}
