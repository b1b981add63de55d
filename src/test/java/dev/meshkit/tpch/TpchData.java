package dev.meshkit.tpch;

import io.trino.tpch.TpchColumn;
import io.trino.tpch.TpchEntity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * TPC-H data at one scale factor, laid out as a mesh would find it: H2 databases {@code sales} and
 * {@code supply}, a CSV folder {@code reference}, plus {@code all}, one H2 database with every table
 * for reference answers, and the descriptor {@code mesh.yaml}. Generated once; a marker file naming
 * the scale factor says the folder is complete.
 */
final class TpchData {

  private static final String MARKER = "tpch-complete.txt";
  private static final int BATCH = 5_000;

  private final Path dir;
  private final double scale;

  private TpchData(Path dir, double scale) {
    this.dir = dir;
    this.scale = scale;
  }

  /** The conventional folder for a scale factor, e.g. {@code target/tpch-sf0.01}. */
  static Path defaultDir(double scale) {
    return Path.of("target", "tpch-sf" + format(scale)).toAbsolutePath();
  }

  static String format(double scale) {
    return BigDecimal.valueOf(scale).stripTrailingZeros().toPlainString();
  }

  /** Returns the data in {@code dir}, generating it unless a complete copy at this scale is there. */
  static TpchData generate(Path dir, double scale) throws IOException, SQLException {
    TpchData data = new TpchData(dir.toAbsolutePath(), scale);
    Path marker = data.dir.resolve(MARKER);
    if (Files.exists(marker) && Files.readString(marker).equals(markerText(scale))) {
      return data;
    }
    deleteRecursively(data.dir);
    Files.createDirectories(data.dir.resolve("reference"));
    data.load();
    MeshDescriptor.write(data);
    Files.writeString(marker, markerText(scale));
    return data;
  }

  private static String markerText(double scale) {
    return "scale=" + format(scale) + "\n";
  }

  Path dir() {
    return dir;
  }

  double scale() {
    return scale;
  }

  /** The three-source descriptor, written with the data. */
  Path descriptor() {
    return dir.resolve("mesh.yaml");
  }

  /** The descriptor of a layout; the four-source one exists once {@link TpchServers#prepare} ran. */
  Path descriptor(TpchLayout layout) {
    return layout == TpchLayout.THREE ? descriptor() : dir.resolve("mesh-four.yaml");
  }

  /** Each table's row count in the reference database. */
  Map<String, Long> rowCounts() throws SQLException {
    Map<String, Long> counts = new HashMap<>();
    try (Connection reference = openReference(); Statement statement = reference.createStatement()) {
      for (TpchSchema table : TpchSchema.values()) {
        try (ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table.tableName())) {
          rs.next();
          counts.put(table.tableName(), rs.getLong(1));
        }
      }
    }
    return counts;
  }

  /**
   * The table's rows as tab-separated lines, the text format of PostgreSQL's COPY and MariaDB's LOAD
   * DATA (TPC-H text has no tabs, newlines or backslashes, so nothing needs escaping).
   */
  <E extends TpchEntity> void writeText(TpchSchema table, Writer out) throws IOException {
    List<TpchColumn<E>> columns = table.<E>table().getColumns();
    for (E row : table.<E>table().createGenerator(scale, 1, 1)) {
      for (int i = 0; i < columns.size(); i++) {
        if (i > 0) {
          out.write('\t');
        }
        Object value = TpchSchema.value(columns.get(i), row);
        out.write(value instanceof BigDecimal d ? d.toPlainString() : value.toString());
      }
      out.write('\n');
    }
  }

  /** JDBC URL of one of the H2 databases; the result cache is off because it flatters repeated runs. */
  String h2Url(String database) {
    return "jdbc:h2:" + dir.resolve(database) + ";QUERY_CACHE_SIZE=0";
  }

  /** A connection to the database holding all eight tables. */
  Connection openReference() throws SQLException {
    return DriverManager.getConnection(h2Url("all"), "sa", "");
  }

  private void load() throws IOException, SQLException {
    try (Connection sales = DriverManager.getConnection(h2Url("sales"), "sa", "");
        Connection supply = DriverManager.getConnection(h2Url("supply"), "sa", "");
        Connection all = openReference()) {
      for (TpchSchema table : TpchSchema.values()) {
        List<Connection> targets = switch (table.domain()) {
          case "sales" -> List.of(sales, all);
          case "supply" -> List.of(supply, all);
          default -> List.of(all);
        };
        if (table.domain().equals("reference")) {
          writeCsv(table);
        }
        loadTable(table, targets);
      }
    }
  }

  private <E extends TpchEntity> void loadTable(TpchSchema table, List<Connection> targets)
      throws SQLException {
    List<TpchColumn<E>> columns = table.<E>table().getColumns();
    String insert = "INSERT INTO " + table.tableName() + " VALUES ("
        + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    List<PreparedStatement> statements = new ArrayList<>();
    try {
      for (Connection target : targets) {
        try (Statement ddl = target.createStatement()) {
          ddl.execute(table.createTable());
        }
        target.setAutoCommit(false);
        statements.add(target.prepareStatement(insert));
      }
      int pending = 0;
      for (E row : table.<E>table().createGenerator(scale, 1, 1)) {
        for (PreparedStatement statement : statements) {
          for (int i = 0; i < columns.size(); i++) {
            statement.setObject(i + 1, TpchSchema.value(columns.get(i), row));
          }
          statement.addBatch();
        }
        if (++pending == BATCH) {
          flush(statements);
          pending = 0;
        }
      }
      flush(statements);
    } finally {
      for (PreparedStatement statement : statements) {
        statement.close();
      }
    }
    for (Connection target : targets) {
      target.commit();
      target.setAutoCommit(true);
      try (Statement ddl = target.createStatement()) {
        for (String index : table.createIndexes()) {
          ddl.execute(index);
        }
        ddl.execute("ANALYZE TABLE " + table.tableName());
      }
    }
  }

  private static void flush(List<PreparedStatement> statements) throws SQLException {
    for (PreparedStatement statement : statements) {
      statement.executeBatch();
      statement.getConnection().commit();
    }
  }

  /**
   * RFC 4180: header row, CRLF line ends, fields quoted when they need it or have edge whitespace
   * (some nation comments start with a space, which readers that trim would lose).
   */
  private <E extends TpchEntity> void writeCsv(TpchSchema table) throws IOException {
    Path file = dir.resolve("reference").resolve(table.tableName() + ".csv");
    List<TpchColumn<E>> columns = table.<E>table().getColumns();
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(String.join(",", table.columnNames()) + "\r\n");
      for (E row : table.<E>table().createGenerator(scale, 1, 1)) {
        List<String> fields = new ArrayList<>();
        for (TpchColumn<E> column : columns) {
          fields.add(csvField(String.valueOf(TpchSchema.value(column, row))));
        }
        out.write(String.join(",", fields) + "\r\n");
      }
    }
  }

  static String csvField(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\r") || value.contains("\n")
        || !value.equals(value.strip())) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> {
        try {
          Files.delete(path);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
