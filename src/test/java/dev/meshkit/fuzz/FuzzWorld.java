package dev.meshkit.fuzz;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import dev.meshkit.fuzz.FuzzData.Dialect;
import dev.meshkit.fuzz.FuzzData.Table;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The data in two places: the mesh, its tables split over H2, PostgreSQL, MariaDB and CSV sources
 * (one domain per source, each table a product {@code SELECT * FROM source.table}), and one H2
 * database holding every table under the same names, {@code domain.table}, so that one query text
 * runs on both. H2 has no FULL JOIN, so when PostgreSQL is there it holds every table too, and
 * answers the queries that use one.
 *
 * <p>Every world has databases of its own, named after the seed, the process and a counter (PostgreSQL
 * database and MariaDB database {@code meshkit_fuzz_<seed>_<pid>_<n>}, H2 in-memory databases with the
 * same suffix), dropped on {@link #close()}: runs at the same time, in two builds or one, never
 * overwrite each other's tables.
 */
final class FuzzWorld implements AutoCloseable {

  enum Kind { H2, POSTGRES, MARIADB, CSV }

  static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/";
  static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test";
  /** The principal that queries the mesh; a grant gives everyone every product. */
  static final Principal PRINCIPAL = Principal.of("fuzzer");

  private static final AtomicInteger WORLDS = new AtomicInteger();

  final List<Table> tables;
  final List<Kind> kinds;
  private final Mesh mesh;
  private final Connection reference;
  private final Connection postgresReference;
  private final List<Connection> keepAlive = new ArrayList<>();

  private final String referenceUrl;
  /** This world's own name, {@code meshkit_fuzz_<seed>_<pid>_<n>}: its PostgreSQL and MariaDB database. */
  private final String database;
  /** The settings of each database source, by "domain.source" as EXPLAIN names them. */
  private final Map<String, Map<String, Object>> databases = new LinkedHashMap<>();

  private FuzzWorld(List<Table> tables, List<Kind> kinds, Mesh mesh, String database, String referenceUrl,
      Connection reference, Connection postgresReference) {
    this.tables = tables;
    this.database = database;
    this.referenceUrl = referenceUrl;
    this.kinds = kinds;
    this.mesh = mesh;
    this.reference = reference;
    this.postgresReference = postgresReference;
  }

  /**
   * The sources of the default suite: two H2 databases and a CSV folder, with PostgreSQL and MariaDB
   * in place of the second and third H2 source where those servers answer.
   */
  static List<Kind> availableKinds() {
    return List.of(Kind.H2, postgresUp() ? Kind.POSTGRES : Kind.H2, mariaDbUp() ? Kind.MARIADB : Kind.H2, Kind.CSV);
  }

  /** All four kinds; a server that is down skips the caller, or fails it under {@code meshkit.it.required}. */
  static List<Kind> allKinds() {
    List<String> down = new ArrayList<>();
    if (!postgresUp()) {
      down.add("PostgreSQL at 127.0.0.1:5432");
    }
    if (!mariaDbUp()) {
      down.add("MariaDB at 127.0.0.1:3306");
    }
    if (!down.isEmpty()) {
      String message = String.join(" and ", down) + " not reachable";
      if (Boolean.getBoolean("meshkit.it.required")) {
        Assertions.fail(message + "; the long fuzz run requires every source kind (meshkit.it.required=true)");
      }
      System.err.println("[meshkit-fuzz] " + message + ", long fuzz run skipped");
      Assumptions.assumeTrue(false, message);
    }
    return List.of(Kind.H2, Kind.POSTGRES, Kind.MARIADB, Kind.CSV);
  }

  /**
   * Generates the data from {@code seed} and loads it: table {@code t<i>} into source {@code i} of
   * {@code kinds}, and table t4 into the first source too, so that same-source joins are pushed down.
   */
  static FuzzWorld open(long seed, List<Kind> kinds, Path folder) throws SQLException, IOException {
    String database = "meshkit_fuzz_" + Long.toUnsignedString(seed) + "_" + ProcessHandle.current().pid() + "_"
        + WORLDS.incrementAndGet();
    dropDatabases(database); // left by a run that died with the same process id
    try {
      return open(seed, kinds, folder, database);
    } catch (SQLException | IOException | RuntimeException e) {
      dropDatabases(database);
      throw e;
    }
  }

  private static FuzzWorld open(long seed, List<Kind> kinds, Path folder, String database)
      throws SQLException, IOException {
    List<String> schemas = new ArrayList<>();
    List<Boolean> booleans = new ArrayList<>();
    for (int t = 0; t < kinds.size() + 1; t++) {
      int source = t < kinds.size() ? t : 0;
      schemas.add("d" + (char) ('a' + source));
      booleans.add(kinds.get(source) != Kind.MARIADB);
    }
    List<Table> tables = FuzzData.generate(seed, schemas, booleans);

    String referenceUrl = "jdbc:h2:mem:" + database + "_ref;DB_CLOSE_DELAY=-1";
    Connection reference = DriverManager.getConnection(referenceUrl, "sa", "");
    for (Table table : tables) {
      try (Statement s = reference.createStatement()) {
        s.execute("CREATE SCHEMA IF NOT EXISTS " + table.schema());
      }
      FuzzData.load(reference, table.schema(), table, Dialect.H2);
    }
    Connection postgresReference = null;
    if (postgresUp()) {
      postgresReference = postgresDatabase(database);
      for (Table table : tables) {
        try (Statement s = postgresReference.createStatement()) {
          s.execute("CREATE SCHEMA IF NOT EXISTS " + table.schema());
        }
        FuzzData.load(postgresReference, table.schema(), table, Dialect.POSTGRES);
      }
    }

    List<Connection> keepAlive = new ArrayList<>();
    Map<String, Map<String, Object>> databases = new LinkedHashMap<>();
    // explain: the report shows the statements the sources received for a reduced failure.
    Mesh.Builder builder = Mesh.builder().name("fuzz")
        .policy("everyone-reads-everything", "grant", Map.of("products", List.of("*"), "explain", true));
    for (int source = 0; source < kinds.size(); source++) {
      String name = String.valueOf((char) ('a' + source));
      List<Table> mine = new ArrayList<>();
      for (Table table : tables) {
        if (table.schema().equals("d" + name)) {
          mine.add(table);
        }
      }
      Map<String, Object> settings = sourceSettings(kinds.get(source), name, database, mine, folder, keepAlive);
      String type = kinds.get(source) == Kind.CSV ? "csv" : "jdbc";
      if (type.equals("jdbc")) {
        databases.put("d" + name + "." + name, settings);
      }
      builder.domain("d" + name, d -> {
        d.source(name, type, settings);
        for (Table table : mine) {
          d.product(table.name(), "SELECT * FROM " + name + "." + table.name());
        }
      });
    }
    FuzzWorld fuzzWorld = new FuzzWorld(tables, List.copyOf(kinds), builder.build(), database, referenceUrl,
        reference, postgresReference);
    fuzzWorld.keepAlive.addAll(keepAlive);
    fuzzWorld.databases.putAll(databases);
    return fuzzWorld;
  }

  private static Map<String, Object> sourceSettings(Kind kind, String name, String database, List<Table> tables,
      Path folder, List<Connection> keepAlive) throws SQLException, IOException {
    Map<String, Object> settings = new LinkedHashMap<>();
    switch (kind) {
      case H2 -> {
        String url = "jdbc:h2:mem:" + database + "_" + name + ";DB_CLOSE_DELAY=-1";
        Connection c = DriverManager.getConnection(url, "sa", "");
        keepAlive.add(c);
        for (Table table : tables) {
          FuzzData.load(c, null, table, Dialect.H2);
        }
        settings.put("url", url);
        settings.put("user", "sa");
        settings.put("password", "");
      }
      case POSTGRES -> {
        try (Connection c = postgresDatabase(database); Statement s = c.createStatement()) {
          s.execute("CREATE SCHEMA src_" + name);
          for (Table table : tables) {
            FuzzData.load(c, "src_" + name, table, Dialect.POSTGRES);
          }
          s.execute("ANALYZE");
        }
        settings.put("url", PG_URL + database);
        settings.put("user", "postgres");
        settings.put("schema", "src_" + name);
      }
      case MARIADB -> {
        try (Connection c = DriverManager.getConnection(MARIADB_URL, "root", ""); Statement s = c.createStatement()) {
          s.execute("CREATE DATABASE " + database);
          for (Table table : tables) {
            FuzzData.load(c, database, table, Dialect.MARIADB);
          }
        }
        settings.put("url", MARIADB_URL);
        settings.put("user", "root");
        settings.put("catalog", database);
      }
      case CSV -> {
        Path dir = Files.createDirectories(folder.resolve("csv_" + database + "_" + name));
        Map<String, Object> columns = new LinkedHashMap<>();
        for (Table table : tables) {
          columns.put(table.name(), FuzzData.writeCsv(dir, table));
        }
        settings.put("path", dir.toAbsolutePath().toString());
        settings.put("nullValue", FuzzData.CSV_NULL);
        settings.put("columns", columns);
      }
    }
    return settings;
  }

  /** A connection through the mesh, as the fuzzer's principal. */
  Connection connect() throws SQLException {
    return mesh.connect(PRINCIPAL);
  }

  /** The URL of the H2 reference database, for a connection of a thread's own. */
  String referenceUrl() {
    return referenceUrl;
  }

  /** The PostgreSQL reference, or null when PostgreSQL is not there. */
  Connection postgresReference() {
    return postgresReference;
  }

  /** Another connection to the PostgreSQL reference, for a thread of its own. */
  Connection openPostgresReference() throws SQLException {
    return DriverManager.getConnection(PG_URL + database + "?connectTimeout=2", "postgres", "");
  }

  /** A connection to the database behind source {@code name} ("domain.source"), or null for a file source. */
  Connection sourceDatabase(String name) throws SQLException {
    Map<String, Object> settings = databases.get(name);
    if (settings == null) {
      return null;
    }
    Object password = settings.getOrDefault("password", "");
    return DriverManager.getConnection((String) settings.get("url"), (String) settings.get("user"), (String) password);
  }

  /** Which source kind holds each table, for the report: "t0 H2, t1 POSTGRES, ...". */
  String describe() {
    List<String> parts = new ArrayList<>();
    for (int t = 0; t < tables.size(); t++) {
      Table table = tables.get(t);
      int source = table.schema().charAt(1) - 'a';
      parts.add(table.qualified() + " " + kinds.get(source) + " (" + table.rows().size() + " rows)");
    }
    return String.join(", ", parts);
  }

  /** Closes the mesh and every connection, then drops this world's databases, whatever fails on the way. */
  @Override
  public void close() throws SQLException {
    try (AutoCloseable dropped = () -> dropDatabases(database);
        AutoCloseable sources = () -> shutDown(keepAlive);
        AutoCloseable h2 = () -> shutDown(List.of(reference));
        AutoCloseable postgres = postgresReference == null ? () -> { } : postgresReference::close;
        AutoCloseable meshClosed = mesh::close) {
      // each resource closes in reverse order of opening, the databases dropped last
    } catch (SQLException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new SQLException(e);
    }
  }

  /** Ends in-memory H2 databases: DB_CLOSE_DELAY=-1 keeps one alive until SHUTDOWN, after its last connection. */
  private static void shutDown(List<Connection> connections) throws SQLException {
    for (Connection c : connections) {
      try (Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      } finally {
        c.close();
      }
    }
  }

  /** Drops the PostgreSQL and MariaDB databases named {@code database}, where those servers answer. */
  private static void dropDatabases(String database) throws SQLException {
    if (postgresUp()) {
      try (Connection admin = DriverManager.getConnection(PG_URL + "test?connectTimeout=2", "postgres", "");
          Statement s = admin.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      }
    }
    if (mariaDbUp()) {
      try (Connection c = DriverManager.getConnection(MARIADB_URL, "root", ""); Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + database);
      }
    }
  }

  // ---------------------------------------------------------------- servers

  /** A connection to this world's PostgreSQL database, created the first time. */
  private static Connection postgresDatabase(String database) throws SQLException {
    try (Connection admin = DriverManager.getConnection(PG_URL + "test?connectTimeout=2", "postgres", "");
        Statement s = admin.createStatement()) {
      var rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'");
      if (!rs.next()) {
        s.execute("CREATE DATABASE " + database);
      }
    }
    return DriverManager.getConnection(PG_URL + database + "?connectTimeout=2", "postgres", "");
  }

  static boolean postgresUp() {
    return answers(5432, () -> DriverManager.getConnection(PG_URL + "test?connectTimeout=2", "postgres", ""));
  }

  static boolean mariaDbUp() {
    return answers(3306, () -> DriverManager.getConnection(MARIADB_URL + "?connectTimeout=2000", "root", ""));
  }

  private interface Opener {
    Connection open() throws SQLException;
  }

  private static boolean answers(int port, Opener opener) {
    try (Socket socket = new Socket()) {
      // A plain socket first: a dead port answers at once instead of after the driver's own timeouts.
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
    } catch (IOException e) {
      return false;
    }
    try (Connection c = opener.open()) {
      return c.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }
}
