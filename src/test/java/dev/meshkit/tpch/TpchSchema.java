package dev.meshkit.tpch;

import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchColumnType;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The eight TPC-H tables as meshkit sees them: which domain owns each, its SQL types, keys and indexes.
 * Types follow the spec, except VARCHAR where the spec says CHAR (padding only gets in the way).
 */
enum TpchSchema {
  CUSTOMER("sales", TpchTable.CUSTOMER, "Customers and their market segment",
      List.of("c_custkey"), List.of("c_nationkey")),
  ORDERS("sales", TpchTable.ORDERS, "Orders placed by customers",
      List.of("o_orderkey"), List.of("o_custkey", "o_orderdate")),
  LINEITEM("sales", TpchTable.LINE_ITEM, "Line items of orders, with shipping and return details",
      List.of("l_orderkey", "l_linenumber"), List.of("l_partkey, l_suppkey", "l_suppkey", "l_shipdate")),
  PART("supply", TpchTable.PART, "Parts that suppliers can supply",
      List.of("p_partkey"), List.of()),
  PARTSUPP("supply", TpchTable.PART_SUPPLIER, "Which supplier supplies which part, at what cost",
      List.of("ps_partkey", "ps_suppkey"), List.of("ps_suppkey")),
  SUPPLIER("supply", TpchTable.SUPPLIER, "Suppliers and their account balance",
      List.of("s_suppkey"), List.of("s_nationkey")),
  NATION("reference", TpchTable.NATION, "The 25 nations",
      List.of("n_nationkey"), List.of("n_regionkey")),
  REGION("reference", TpchTable.REGION, "The 5 regions",
      List.of("r_regionkey"), List.of());

  /** Order keys outgrow INTEGER at large scale factors; every other key fits. */
  private static final List<String> BIGINT_KEYS = List.of("o_orderkey", "l_orderkey");

  private static final Map<String, TpchSchema> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toMap(TpchSchema::tableName, t -> t));

  private final String domain;
  private final TpchTable<?> table;
  private final String description;
  private final List<String> primaryKey;
  private final List<String> indexes;

  TpchSchema(String domain, TpchTable<?> table, String description, List<String> primaryKey,
      List<String> indexes) {
    this.domain = domain;
    this.table = table;
    this.description = description;
    this.primaryKey = primaryKey;
    this.indexes = indexes;
  }

  static TpchSchema byName(String tableName) {
    return BY_NAME.get(tableName);
  }

  String tableName() {
    return table.getTableName();
  }

  String domain() {
    return domain;
  }

  String description() {
    return description;
  }

  @SuppressWarnings("unchecked")
  <E extends TpchEntity> TpchTable<E> table() {
    return (TpchTable<E>) table;
  }

  List<String> columnNames() {
    return table.getColumns().stream().map(TpchColumn::getColumnName).toList();
  }

  String createTable() {
    String columns = table.getColumns().stream()
        .map(c -> c.getColumnName() + " " + sqlType(c) + " NOT NULL")
        .collect(Collectors.joining(", "));
    return "CREATE TABLE " + tableName() + " (" + columns
        + ", PRIMARY KEY (" + String.join(", ", primaryKey) + "))";
  }

  /** Indexes are created after loading, which is faster than maintaining them row by row. */
  List<String> createIndexes() {
    return indexes.stream()
        .map(cols -> "CREATE INDEX " + tableName() + "_" + cols.replace(", ", "_") + "_idx ON "
            + tableName() + " (" + cols + ")")
        .toList();
  }

  private static String sqlType(TpchColumn<?> column) {
    TpchColumnType type = column.getType();
    return switch (type.getBase()) {
      case IDENTIFIER -> BIGINT_KEYS.contains(column.getColumnName()) ? "BIGINT" : "INTEGER";
      case INTEGER -> "INTEGER";
      case DOUBLE -> "DECIMAL(15,2)";
      case DATE -> "DATE";
      case VARCHAR -> "VARCHAR(" + type.getPrecision().orElseThrow() + ")";
    };
  }

  /** The JDBC value of one column, typed to match {@link #sqlType}. */
  static <E extends TpchEntity> Object value(TpchColumn<E> column, E row) {
    return switch (column.getType().getBase()) {
      case IDENTIFIER -> BIGINT_KEYS.contains(column.getColumnName())
          ? (Object) column.getIdentifier(row)
          : (Object) Math.toIntExact(column.getIdentifier(row));
      case INTEGER -> column.getInteger(row);
      // Money, quantities and rates all have two decimals in the generator.
      case DOUBLE -> BigDecimal.valueOf(column.getDouble(row)).setScale(2, RoundingMode.HALF_UP);
      case DATE -> LocalDate.ofEpochDay(column.getDate(row));
      case VARCHAR -> column.getString(row);
    };
  }
}
