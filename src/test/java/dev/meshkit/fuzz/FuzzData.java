package dev.meshkit.fuzz;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The fuzzer's tables, generated from a seed: NULLs, duplicate values and rows, negative numbers,
 * empty strings and a few large values, from small pools so that joins and comparisons meet.
 * Values stay where every engine agrees: no double that prints differently, no value whose
 * arithmetic overflows in the expressions the grammar builds.
 */
final class FuzzData {

  /** A column; {@code ddl} is its type in CREATE TABLE. */
  record Column(String name, SqlType type, String ddl) {
  }

  /** A table; {@code schema} is the domain its product lives in, also the reference database's schema. */
  record Table(String schema, String name, List<Column> columns, List<List<Object>> rows) {
    String qualified() {
      return schema + "." + name;
    }
  }

  static final List<String> STRINGS = List.of("", "a", "A", "b", "ab", "abc", "Abc", "b a", "zz", "it's", "10",
      "-7", "3.5", "a%b", "x_y", " a", "a ", "AB");
  static final List<LocalDate> DATES = List.of(LocalDate.of(1970, 1, 1), LocalDate.of(1999, 12, 31),
      LocalDate.of(2000, 1, 1), LocalDate.of(2000, 2, 29), LocalDate.of(2024, 1, 15), LocalDate.of(2024, 12, 31),
      LocalDate.of(2010, 6, 15));
  /** Decimal types per table, so that arithmetic and set operations meet different scales. */
  private static final String[] DECIMALS = {"DECIMAL(9,2)", "DECIMAL(12,4)", "DECIMAL(7,1)", "DECIMAL(9,2)",
      "DECIMAL(10,3)"};

  private FuzzData() {
  }

  /**
   * The tables, {@code schemas.get(i)} holding table {@code t<i>}; a table without BOOLEAN support
   * ({@code booleans.get(i)} false: MariaDB has none) lacks the column {@code bo}.
   */
  static List<Table> generate(long seed, List<String> schemas, List<Boolean> booleans) {
    Random random = new Random(seed);
    List<Table> tables = new ArrayList<>();
    for (int t = 0; t < schemas.size(); t++) {
      List<Column> columns = new ArrayList<>(List.of(
          new Column("k", SqlType.INTEGER, "INTEGER"),
          new Column("i", SqlType.INTEGER, "INTEGER"),
          new Column("b", SqlType.BIGINT, "BIGINT"),
          new Column("d", SqlType.DECIMAL, DECIMALS[t % DECIMALS.length]),
          new Column("f", SqlType.DOUBLE, "DOUBLE PRECISION"),
          new Column("s", SqlType.VARCHAR, "VARCHAR(20)"),
          new Column("dt", SqlType.DATE, "DATE")));
      if (booleans.get(t)) {
        columns.add(new Column("bo", SqlType.BOOLEAN, "BOOLEAN"));
      }
      int count = 20 + random.nextInt(t == 4 ? 30 : 100);
      List<List<Object>> rows = new ArrayList<>();
      for (int r = 0; r < count; r++) {
        if (r > 0 && random.nextInt(10) == 0) {
          rows.add(rows.get(random.nextInt(r))); // a duplicate row
          continue;
        }
        List<Object> row = new ArrayList<>();
        for (Column c : columns) {
          row.add(c.name().equals("k") ? key(random, r) : value(random, c));
        }
        rows.add(row);
      }
      tables.add(new Table(schemas.get(t), "t" + t, columns, rows));
    }
    return tables;
  }

  private static Integer key(Random random, int row) {
    int roll = random.nextInt(20);
    return roll == 0 ? null : roll == 1 ? random.nextInt(Math.max(row, 1)) + 1 : row + 1;
  }

  private static Object value(Random random, Column column) {
    if (random.nextInt(100) < (column.type() == SqlType.BOOLEAN ? 20 : 15)) {
      return null;
    }
    int roll = random.nextInt(100);
    return switch (column.type()) {
      case INTEGER -> roll < 80 ? random.nextInt(21) - 5 : roll < 92 ? random.nextInt(3) - 1
          : (random.nextBoolean() ? 1 : -1) * (1000 + random.nextInt(999_000));
      case BIGINT -> roll < 70 ? (long) random.nextInt(21) - 5
          : (random.nextBoolean() ? 1L : -1L) * (1_000_000_000L + (long) (random.nextDouble() * 999_000_000_000L));
      case DECIMAL -> decimal(random, column.ddl(), roll);
      case DOUBLE -> roll < 90 ? (random.nextInt(801) - 400) / 4.0 : roll < 95 ? 0.0 : 1.0e6 + random.nextInt(1000);
      case VARCHAR -> STRINGS.get(random.nextInt(STRINGS.size()));
      case DATE -> roll < 60 ? DATES.get(random.nextInt(DATES.size()))
          : LocalDate.of(1990, 1, 1).plusDays(random.nextInt(41 * 365));
      case BOOLEAN -> random.nextBoolean();
    };
  }

  private static BigDecimal decimal(Random random, String ddl, int roll) {
    int scale = Integer.parseInt(ddl.substring(ddl.indexOf(',') + 1, ddl.indexOf(')')));
    long unscaled = roll < 10 ? 0 : roll < 80 ? random.nextInt(4001) - 2000 : random.nextInt(2_000_001) - 1_000_000;
    return BigDecimal.valueOf(unscaled, Math.min(scale, 2)).setScale(scale);
  }

  // ---------------------------------------------------------------- loading

  /** Creates {@code table} in {@code schema} (or the connection's default, when null) and inserts its rows. */
  static void load(Connection connection, String schema, Table table, Dialect dialect) throws SQLException {
    String name = schema == null ? table.name() : schema + "." + table.name();
    StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(name).append(" (");
    for (int i = 0; i < table.columns().size(); i++) {
      Column c = table.columns().get(i);
      ddl.append(i == 0 ? "" : ", ").append(c.name()).append(' ').append(dialect.type(c));
    }
    ddl.append(')').append(dialect.tableOptions);
    try (Statement s = connection.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + name);
      s.execute(ddl.toString());
    }
    String marks = "?" + ", ?".repeat(table.columns().size() - 1);
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + name + " VALUES (" + marks + ")")) {
      for (List<Object> row : table.rows()) {
        for (int i = 0; i < row.size(); i++) {
          insert.setObject(i + 1, row.get(i));
        }
        insert.addBatch();
      }
      insert.executeBatch();
      connection.commit();
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  /** Where databases need more than the standard DDL to compare strings as H2 does. */
  enum Dialect {
    H2(""),
    /** Byte order ("C"), as H2 and Java compare; the database's locale would sort case-insensitively. */
    POSTGRES(""),
    /** A binary collation without padding, as H2 compares; MariaDB's default ignores case and trailing spaces. */
    MARIADB(" CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin");

    final String tableOptions;

    Dialect(String tableOptions) {
      this.tableOptions = tableOptions;
    }

    String type(Column c) {
      if (this == POSTGRES && c.type() == SqlType.VARCHAR) {
        return c.ddl() + " COLLATE \"C\"";
      }
      if (this == MARIADB && c.type() == SqlType.DOUBLE) {
        return "DOUBLE";
      }
      return c.ddl();
    }
  }

  /** The value that marks NULL in the CSV files, so that an empty cell stays an empty string. */
  static final String CSV_NULL = "\\N";

  /** Writes {@code table} as {@code <name>.csv} into {@code folder}; returns its declared column types. */
  static Map<String, String> writeCsv(Path folder, Table table) throws IOException {
    Map<String, String> types = new LinkedHashMap<>();
    for (Column c : table.columns()) {
      types.put(c.name(), switch (c.type()) {
        case DOUBLE -> "double";
        case VARCHAR -> "varchar";
        default -> c.ddl().toLowerCase(java.util.Locale.ROOT);
      });
    }
    try (Writer out = Files.newBufferedWriter(folder.resolve(table.name() + ".csv"), StandardCharsets.UTF_8)) {
      out.write(String.join(",", types.keySet()));
      out.write('\n');
      for (List<Object> row : table.rows()) {
        for (int i = 0; i < row.size(); i++) {
          out.write(i == 0 ? "" : ",");
          out.write(csvCell(row.get(i)));
        }
        out.write('\n');
      }
    }
    return types;
  }

  private static String csvCell(Object value) {
    if (value == null) {
      return CSV_NULL;
    }
    if (value instanceof String s) {
      return '"' + s.replace("\"", "\"\"") + '"';
    }
    if (value instanceof Double d) {
      return BigDecimal.valueOf(d).toPlainString();
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    return value.toString();
  }
}
