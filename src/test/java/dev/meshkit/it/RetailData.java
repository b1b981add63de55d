package dev.meshkit.it;

import static java.util.stream.Collectors.joining;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A small retail data set, the same on every run (a seeded random): customers, suppliers, products,
 * orders and their lines. Some keys dangle on purpose (orders of unknown customers, lines of unknown
 * products) and nullable columns hold NULLs, so anti-joins, NOT IN and NULL ordering have work to do.
 */
final class RetailData {

  /** One column: its SQL type in the databases, and its type in a CSV source. */
  record Column(String name, String sqlType, String csvType) {
  }

  /** One table and its rows, whose values are Integer, String, LocalDate, BigDecimal, Double or null. */
  record Table(String name, List<Column> columns, List<Object[]> rows) {

    /** The column list of CREATE TABLE; text compares by code point in PostgreSQL too, as in meshkit. */
    String columnsDdl(boolean postgres) {
      return columns.stream().map(c -> c.name() + " " + c.sqlType()
          + (postgres && c.sqlType().startsWith("VARCHAR") ? " COLLATE \"C\"" : "")).collect(joining(", "));
    }

    Map<String, String> csvTypes() {
      return columns.stream().collect(Collectors.toMap(Column::name, Column::csvType));
    }

    /** The rows as CSV, with a header line: NULL is an empty field. */
    String csv() {
      StringBuilder text = new StringBuilder(columns.stream().map(Column::name).collect(joining(","))).append('\n');
      for (Object[] row : rows) {
        text.append(Arrays.stream(row).map(v -> v == null ? "" : v instanceof BigDecimal d ? d.toPlainString()
            : v.toString()).collect(joining(","))).append('\n');
      }
      return text.toString();
    }

    /** Creates the table as {@code qualifiedName} and inserts the rows. */
    void load(Connection connection, String qualifiedName, boolean postgres) throws SQLException {
      Servers.execute(connection, "DROP TABLE IF EXISTS " + qualifiedName,
          "CREATE TABLE " + qualifiedName + " (" + columnsDdl(postgres) + ")");
      String marks = columns.stream().map(c -> "?").collect(joining(", "));
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO " + qualifiedName + " VALUES (" + marks + ")")) {
        for (Object[] row : rows) {
          for (int i = 0; i < row.length; i++) {
            insert.setObject(i + 1, row[i]);
          }
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
  }

  static final String[] CITIES = {"Austin", "Boston", "Chicago", "Denver", "Erie", "Fresno"};
  static final String[] SEGMENTS = {"retail", "wholesale", "online"};
  static final String[] COUNTRIES = {"BR", "DE", "FR", "JP", "US"};
  static final String[] CATEGORIES = {"books", "food", "garden", "tools", "toys"};
  static final String[] STATUSES = {"open", "returned", "shipped"};

  final Table customers;
  final Table suppliers;
  final Table products;
  final Table orders;
  final Table lines;

  RetailData() {
    Random random = new Random(13);
    customers = table("customers", List.of(
        column("id", "INT", "integer"), column("name", "VARCHAR(20)", "varchar"),
        column("city", "VARCHAR(20)", "varchar"), column("segment", "VARCHAR(12)", "varchar"),
        column("signup", "DATE", "date"), column("credit", "DECIMAL(10,2)", "decimal(10,2)"),
        column("age", "INT", "integer")),
        150, id -> new Object[] {id, "cust" + pad(id), pick(random, CITIES),
            random.nextInt(10) == 0 ? null : pick(random, SEGMENTS),
            LocalDate.of(2020, 1, 1).plusDays(random.nextInt(1400)),
            random.nextInt(10) == 0 ? null : cents(random, 500_000), 18 + random.nextInt(63)});
    suppliers = table("suppliers", List.of(
        column("id", "INT", "integer"), column("name", "VARCHAR(20)", "varchar"),
        column("country", "VARCHAR(4)", "varchar"), column("rating", "INT", "integer"),
        column("note", "VARCHAR(40)", "varchar")),
        25, id -> new Object[] {id, "sup" + pad(id), pick(random, COUNTRIES),
            random.nextInt(7) == 0 ? null : 1 + random.nextInt(5),
            random.nextInt(6) == 0 ? "Customer Complaints filed" : "reliable since " + (2000 + random.nextInt(20))});
    products = table("products", List.of(
        column("id", "INT", "integer"), column("name", "VARCHAR(20)", "varchar"),
        column("category", "VARCHAR(10)", "varchar"), column("brand", "VARCHAR(10)", "varchar"),
        column("size", "INT", "integer"), column("price", "DECIMAL(10,2)", "decimal(10,2)"),
        column("weight", "DOUBLE PRECISION", "double"), column("supplier_id", "INT", "integer")),
        120, id -> new Object[] {id, "prod" + pad(id), pick(random, CATEGORIES),
            "Brand#" + (1 + random.nextInt(3)) + (1 + random.nextInt(3)), 1 + random.nextInt(8) * 5,
            cents(random, 50_000).add(BigDecimal.ONE),
            random.nextInt(10) == 0 ? null : (1 + random.nextInt(4000)) / 100.0, 1 + random.nextInt(25)});
    orders = table("orders", List.of(
        column("id", "INT", "integer"), column("customer_id", "INT", "integer"),
        column("order_date", "DATE", "date"), column("status", "VARCHAR(10)", "varchar"),
        column("priority", "INT", "integer"), column("ship_date", "DATE", "date")),
        1200, id -> {
          LocalDate ordered = LocalDate.of(2022, 1, 1).plusDays(random.nextInt(1000));
          String status = pick(random, STATUSES);
          LocalDate shipped = status.equals("open") ? null : ordered.plusDays(1 + random.nextInt(30));
          return new Object[] {id, 1 + random.nextInt(160), ordered, status, 1 + random.nextInt(5), shipped};
        });
    List<Object[]> lineRows = new ArrayList<>();
    for (int order = 1; order <= 1200; order++) {
      int count = 1 + random.nextInt(5);
      for (int line = 1; line <= count; line++) {
        lineRows.add(new Object[] {order, line, 1 + random.nextInt(130), 1 + random.nextInt(50),
            cents(random, 50_000).add(BigDecimal.ONE), BigDecimal.valueOf(random.nextInt(11), 2)});
      }
    }
    lines = new Table("order_lines", List.of(
        column("order_id", "INT", "integer"), column("line_no", "INT", "integer"),
        column("product_id", "INT", "integer"), column("qty", "INT", "integer"),
        column("unit_price", "DECIMAL(10,2)", "decimal(10,2)"), column("discount", "DECIMAL(4,2)", "decimal(4,2)")),
        lineRows);
  }

  List<Table> all() {
    return List.of(customers, suppliers, products, orders, lines);
  }

  private static Column column(String name, String sqlType, String csvType) {
    return new Column(name, sqlType, csvType);
  }

  private static Table table(String name, List<Column> columns, int count, Function<Integer, Object[]> row) {
    List<Object[]> rows = new ArrayList<>(count);
    for (int id = 1; id <= count; id++) {
      rows.add(row.apply(id));
    }
    return new Table(name, columns, rows);
  }

  private static String pad(int id) {
    return String.format("%03d", id);
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static BigDecimal cents(Random random, int bound) {
    return BigDecimal.valueOf(random.nextInt(bound), 2);
  }
}
