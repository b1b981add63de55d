package dev.meshkit.tpch;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * The PostgreSQL and MariaDB half of the {@link TpchLayout#FOUR four-source layout}: customer and
 * orders in PostgreSQL (schema {@code meshkit_tpch_sf<scale>}, e.g. {@code meshkit_tpch_sf0_1}),
 * lineitem in MariaDB (a database of the same name). Loaded in bulk (PostgreSQL COPY, MariaDB LOAD
 * DATA LOCAL INFILE) with the indexes {@link TpchSchema} declares, and kept: a marker table
 * {@code meshkit_tpch_loaded} records each table's row count once it is complete, and a later run
 * whose counts match the H2 reference's reuses the tables.
 */
final class TpchServers {

  static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String PG_USER = "postgres";
  static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/";
  static final String MARIADB_USER = "root";

  static final List<TpchSchema> POSTGRES_TABLES = List.of(TpchSchema.CUSTOMER, TpchSchema.ORDERS);
  static final List<TpchSchema> MARIADB_TABLES = List.of(TpchSchema.LINEITEM);
  /** Every table on a server, for the mesh Trino serves: see {@link #prepareAllOnServers}. */
  static final List<TpchSchema> ALL_ON_POSTGRES =
      List.of(TpchSchema.CUSTOMER, TpchSchema.ORDERS, TpchSchema.NATION, TpchSchema.REGION);
  static final List<TpchSchema> ALL_ON_MARIADB =
      List.of(TpchSchema.LINEITEM, TpchSchema.PART, TpchSchema.PARTSUPP, TpchSchema.SUPPLIER);

  private static final String MARKER = "meshkit_tpch_loaded";

  private TpchServers() {
  }

  /** The PostgreSQL schema and the MariaDB database holding one scale factor's tables. */
  static String schema(double scale) {
    return "meshkit_tpch_sf" + TpchData.format(scale).replace('.', '_');
  }

  /**
   * Loads the server tables for {@code data}'s scale factor unless complete copies are there, then
   * writes the four-source descriptor. Throws if a server cannot be reached.
   */
  static void prepare(TpchData data) throws SQLException, IOException {
    String schema = schema(data.scale());
    load(data, schema, POSTGRES_TABLES, MARIADB_TABLES);
    MeshDescriptor.writeFour(data, schema);
  }

  /**
   * Loads every table on the servers, for a mesh that Trino can serve whole: customer, orders,
   * nation and region in PostgreSQL, lineitem, part, partsupp and supplier in MariaDB (schema and
   * database {@code meshkit_tpch_trino_sf<scale>}); then writes that mesh's descriptor.
   *
   * @return the descriptor
   */
  static Path prepareAllOnServers(TpchData data) throws SQLException, IOException {
    String schema = "meshkit_tpch_trino_sf" + TpchData.format(data.scale()).replace('.', '_');
    load(data, schema, ALL_ON_POSTGRES, ALL_ON_MARIADB);
    return MeshDescriptor.writeAllOnServers(data, schema, ALL_ON_POSTGRES);
  }

  /** Loads the tables into {@code schema} on each server unless complete copies are there; throws if a server is down. */
  private static void load(TpchData data, String schema, List<TpchSchema> postgresTables,
      List<TpchSchema> mariadbTables) throws SQLException, IOException {
    Map<String, Long> counts = data.rowCounts();
    try (Connection admin = DriverManager.getConnection(PG_URL, PG_USER, "")) {
      if (!loaded(() -> postgres(schema), postgresTables, counts)) {
        execute(admin, "DROP SCHEMA IF EXISTS " + schema + " CASCADE", "CREATE SCHEMA " + schema);
        try (Connection pg = postgres(schema)) {
          for (TpchSchema table : postgresTables) {
            execute(pg, table.createTable());
            try (Writer out = new BufferedWriter(new OutputStreamWriter(new PGCopyOutputStream(
                pg.unwrap(PGConnection.class), "COPY " + table.tableName() + " FROM STDIN"),
                StandardCharsets.UTF_8), 1 << 16)) {
              data.writeText(table, out);
            }
            execute(pg, table.createIndexes().toArray(String[]::new));
            execute(pg, "ANALYZE " + table.tableName());
          }
          mark(pg, postgresTables, counts);
        }
      }
    }
    try (Connection admin = DriverManager.getConnection(MARIADB_URL, MARIADB_USER, "")) {
      if (!loaded(() -> mariadb(schema), mariadbTables, counts)) {
        execute(admin, "DROP DATABASE IF EXISTS " + schema, "CREATE DATABASE " + schema);
        try (Connection maria = mariadb(schema)) {
          for (TpchSchema table : mariadbTables) {
            execute(maria, table.createTable());
            Path file = data.dir().resolve(table.tableName() + ".tsv");
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
              data.writeText(table, out);
            }
            try {
              execute(maria, "LOAD DATA LOCAL INFILE '" + file + "' INTO TABLE " + table.tableName()
                  + " FIELDS TERMINATED BY '\\t' LINES TERMINATED BY '\\n'");
            } finally {
              Files.delete(file);
            }
            execute(maria, table.createIndexes().toArray(String[]::new));
            execute(maria, "ANALYZE TABLE " + table.tableName());
          }
          mark(maria, mariadbTables, counts);
        }
      }
    }
  }

  /** A connection whose unqualified names resolve in {@code schema}; throws if it does not exist yet. */
  private static Connection postgres(String schema) throws SQLException {
    return DriverManager.getConnection(PG_URL + "?currentSchema=" + schema, PG_USER, "");
  }

  private static Connection mariadb(String database) throws SQLException {
    // The driver refuses LOAD DATA LOCAL INFILE unless asked to allow it.
    return DriverManager.getConnection(MARIADB_URL + database + "?allowLocalInfile=true", MARIADB_USER, "");
  }

  private interface Opener {
    Connection open() throws SQLException;
  }

  /** Whether the marker says every table is complete with the reference's row count. */
  private static boolean loaded(Opener server, List<TpchSchema> tables, Map<String, Long> counts) {
    try (Connection connection = server.open(); Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT table_name, row_count FROM " + MARKER)) {
      Map<String, Long> marked = new HashMap<>();
      while (rs.next()) {
        marked.put(rs.getString(1), rs.getLong(2));
      }
      return tables.stream().allMatch(t -> counts.get(t.tableName()).equals(marked.get(t.tableName())));
    } catch (SQLException noMarkerOrNoSchema) {
      return false;
    }
  }

  private static void mark(Connection connection, List<TpchSchema> tables, Map<String, Long> counts)
      throws SQLException {
    execute(connection, "CREATE TABLE " + MARKER + " (table_name VARCHAR(20) PRIMARY KEY, row_count BIGINT NOT NULL)");
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + MARKER + " VALUES (?, ?)")) {
      for (TpchSchema table : tables) {
        insert.setString(1, table.tableName());
        insert.setLong(2, count(connection, table.tableName()));
        insert.executeUpdate();
      }
    }
  }

  private static long count(Connection connection, String table) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void execute(Connection connection, String... statements) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
