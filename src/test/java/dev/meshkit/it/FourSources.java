package dev.meshkit.it;

import static dev.meshkit.MeshTesting.write;
import static java.util.stream.Collectors.joining;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import dev.meshkit.SourceListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One table {@code t} in PostgreSQL, MariaDB, H2 and a CSV file, and a mesh with a domain over
 * each ({@link #DOMAINS}), for a test class that checks every source gives the same answer. An H2
 * reference database outside the mesh holds the table too. Register it as a static
 * {@code @RegisterExtension} field: before the class it requires both servers (skipping or failing
 * the class as {@link Servers} says) and creates the table anew under the class's own names; after
 * the class it closes the mesh and the reference and deletes the CSV file.
 *
 * <p>The rows are given once, as the CSV file: in the databases an empty field is NULL.
 */
final class FourSources implements BeforeAllCallback, AfterAllCallback {

  /** The domains, one per source: each has the product {@code t}. */
  static final List<String> DOMAINS = List.of("pg", "maria", "h2", "files");

  private final String name;
  private final String schema;
  private final String columns;
  private final Map<String, String> csvTypes;
  private final String csv;
  private SourceListener listener;

  private Path dir;
  private Mesh mesh;
  private Connection reference;

  /**
   * @param name the mesh's name; the PostgreSQL schema, the MariaDB database and the H2 databases
   *     are {@code meshkit_it_<name>}, so each class needs one of its own
   * @param columns the table's columns as SQL declares them: {@code id INT, s VARCHAR(10)}
   * @param csvTypes each column's type in the CSV source: {@code id -> integer, s -> varchar}
   * @param csv the rows, with a header line of the column names
   */
  FourSources(String name, String columns, Map<String, String> csvTypes, String csv) {
    this.name = name;
    this.schema = "meshkit_it_" + name;
    this.columns = columns;
    this.csvTypes = csvTypes;
    this.csv = csv;
  }

  /** The mesh tells {@code listener} each statement a database source executes. */
  FourSources listenedBy(SourceListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener is null");
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Servers.requirePostgres();
    Servers.requireMariaDb();
    String h2 = "jdbc:h2:mem:" + schema + ";DB_CLOSE_DELAY=-1";
    try (Connection pg = Servers.postgres(); Connection maria = Servers.mariadb();
        Connection h2Source = DriverManager.getConnection(h2, "sa", "")) {
      Servers.execute(pg, "DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
      Servers.execute(maria, "DROP DATABASE IF EXISTS " + schema, "CREATE DATABASE " + schema);
      createTable(pg, schema + ".t");
      createTable(maria, schema + ".t");
      createTable(h2Source, "t");
    }
    reference = DriverManager.getConnection("jdbc:h2:mem:" + schema + "_reference;DB_CLOSE_DELAY=-1", "sa", "");
    createTable(reference, "t");
    dir = Files.createTempDirectory(schema);
    write(dir.resolve("t.csv"), csv);
    Mesh.Builder builder = Mesh.builder().grant("everyone-reads-everything", "*").name(name)
        .domain("pg", d -> d.source("db", "jdbc", Map.of("url", Servers.PG_URL, "user", Servers.PG_USER,
            "schema", schema)).product("t", "SELECT * FROM db.t"))
        .domain("maria", d -> d.source("db", "jdbc", Map.of("url", Servers.MARIADB_URL, "user", Servers.MARIADB_USER,
            "catalog", schema)).product("t", "SELECT * FROM db.t"))
        .domain("h2", d -> d.jdbcSource("db", h2, "sa", "").product("t", "SELECT * FROM db.t"))
        .domain("files", d -> d.source("csv", "csv", Map.of("path", dir.toString(), "columns",
            Map.of("t", csvTypes))).product("t", "SELECT * FROM csv.t"));
    if (listener != null) {
      builder.sourceListener(listener);
    }
    mesh = builder.build();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    // Each step is guarded: JUnit comes here also when beforeAll skipped the class or failed midway.
    if (mesh != null) {
      mesh.close();
    }
    if (reference != null) {
      reference.close();
    }
    if (dir != null) {
      Files.deleteIfExists(dir.resolve("t.csv"));
      Files.delete(dir);
    }
  }

  /** A connection to the mesh of a principal who reads every product; the caller closes it. */
  Connection connect() throws SQLException {
    return mesh.connect(Principal.of("ann"));
  }

  /** The H2 database, outside the mesh, that holds the table under the name {@code t}. */
  Connection reference() {
    return reference;
  }

  /** The table's name in PostgreSQL, for asking PostgreSQL itself. */
  String postgresTable() {
    return schema + ".t";
  }

  private void createTable(Connection connection, String table) throws SQLException {
    Servers.execute(connection, "DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table + "(" + columns + ")",
        "INSERT INTO " + table + " VALUES " + values());
  }

  /** The CSV rows as SQL: an empty field is NULL, and text and dates are literals of their type. */
  private String values() {
    List<String> lines = csv.lines().toList();
    String[] header = lines.get(0).split(",");
    return lines.stream().skip(1).map(line -> {
      String[] fields = line.split(",", -1);
      StringJoiner row = new StringJoiner(", ", "(", ")");
      for (int i = 0; i < fields.length; i++) {
        row.add(literal(csvTypes.get(header[i]), fields[i]));
      }
      return row.toString();
    }).collect(joining(", "));
  }

  private static String literal(String csvType, String field) {
    if (field.isEmpty()) {
      return "NULL";
    }
    return switch (csvType) {
      case "varchar" -> "'" + field.replace("'", "''") + "'";
      case "date" -> "DATE '" + field + "'";
      default -> field;
    };
  }
}
