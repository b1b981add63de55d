package dev.meshkit.jdbc;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the mesh's row path costs against plain JDBC on the same database: a full scan reading every
 * column of every row, and a prepared lookup by primary key repeated many times, over an in-memory
 * H2 database and, when it answers, over PostgreSQL at 127.0.0.1:5432 (database {@code test}, user
 * {@code postgres}, trust authentication; schema {@code thin_bench}, which the run fills once). Each
 * case runs once per round, round-robin, starting at a different case each round; the first rounds
 * only warm up. Reports medians, the mesh/direct ratio of each pair (both measured in the same run)
 * and the bytes the measuring thread allocated per row or per lookup.
 *
 * <pre>{@code
 * mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.meshkit.jdbc.RowPathBenchmark
 * }</pre>
 *
 * Arguments, all optional: measured rounds (7), rows (1000000), lookups per round (20000),
 * warm-up rounds (3), then any of {@code listen} (give the mesh a {@link dev.meshkit.SourceListener},
 * so that source rows are counted too), {@code h2} or {@code pg} (only that database's cases).
 * PostgreSQL's direct scan streams as the mesh's source does: autocommit off and the source's
 * default fetch size of 1000; its direct lookups run with autocommit on, as an application's would.
 */
public final class RowPathBenchmark {

  private static final String COLUMNS = "id, name, amount, placed, qty";
  private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test?currentSchema=thin_bench";
  private static final int FETCH_SIZE = 1000;
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private RowPathBenchmark() {
  }

  /** One run of a case: wall time, bytes allocated by this thread, and a checksum of what it read. */
  private record Run(long nanos, long bytes, long checksum) {
  }

  private interface Body {
    long run() throws SQLException;
  }

  /** A measured case; {@code lookup} cases count lookups, the others rows. */
  private record Case(String name, boolean lookup, Body body, List<Run> runs) {
    Case(String name, boolean lookup, Body body) {
      this(name, lookup, body, new ArrayList<>());
    }
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int lookups = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
    int warmUp = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    List<String> flags = args.length > 4 ? List.of(args).subList(4, args.length) : List.of();
    boolean listen = flags.contains("listen");
    boolean h2 = !flags.contains("pg");
    boolean pg = !flags.contains("h2");
    LongAdder sourceRows = new LongAdder();

    String url = "jdbc:h2:mem:rowpath_bench";
    List<AutoCloseable> open = new ArrayList<>();
    try {
      Mesh.Builder builder = Mesh.builder().name("bench").grant("everyone-reads-everything", "*");
      if (h2) {
        Connection direct = DriverManager.getConnection(url + ";DB_CLOSE_DELAY=-1", "sa", "");
        open.add(direct);
        try (Statement s = direct.createStatement()) {
          s.execute("CREATE TABLE items(id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, amount DECIMAL(12,2) NOT NULL,"
              + " placed DATE NOT NULL, qty BIGINT NOT NULL)");
          s.execute("INSERT INTO items SELECT X, 'item-' || X, X / 100.0, DATEADD(DAY, MOD(X, 3650), DATE '2015-01-01'),"
              + " X * 7 FROM SYSTEM_RANGE(1, " + rows + ")");
        }
        builder.domain("bench", d -> d.jdbcSource("db", url, "sa", "").product("items", "SELECT * FROM db.items"));
      }
      Connection pgLookups = null;
      Connection pgScans = null;
      if (pg) {
        try {
          pgLookups = DriverManager.getConnection(PG_URL + "&connectTimeout=2", "postgres", "");
        } catch (SQLException e) {
          System.err.println("PostgreSQL does not answer at 127.0.0.1:5432 (" + e.getMessage() + "); its cases are left out");
          pg = false;
        }
      }
      if (pg) {
        open.add(pgLookups);
        fillPostgres(pgLookups, rows);
        pgScans = DriverManager.getConnection(PG_URL, "postgres", "");
        open.add(pgScans);
        pgScans.setAutoCommit(false);
        builder.domain("pgbench", d -> d.jdbcSource("pg", PG_URL, "postgres", "")
            .product("items", "SELECT * FROM pg.thin_items"));
      }
      if (listen) {
        builder.sourceListener((domain, source, sql, read) -> sourceRows.add(read));
      }
      Mesh mesh = builder.build();
      open.add(mesh);
      Connection meshed = mesh.connect(Principal.of("ann"));
      open.add(meshed);
      String scan = "SELECT " + COLUMNS + " FROM %s";
      String lookup = "SELECT " + COLUMNS + " FROM %s WHERE id = ?";
      List<Case[]> pairs = new ArrayList<>();
      if (h2) {
        Connection direct = (Connection) open.get(0);
        pairs.add(new Case[] {
            new Case("H2 scan, mesh", false, () -> scan(meshed, scan.formatted("bench.items"), 0)),
            new Case("H2 scan, direct", false, () -> scan(direct, scan.formatted("items"), 0))});
        pairs.add(new Case[] {
            new Case("H2 lookup, mesh", true, () -> lookups(meshed, lookup.formatted("bench.items"), rows, lookups)),
            new Case("H2 lookup, direct", true, () -> lookups(direct, lookup.formatted("items"), rows, lookups))});
      }
      if (pg) {
        Connection scans = pgScans;
        Connection points = pgLookups;
        pairs.add(new Case[] {
            new Case("PostgreSQL scan, mesh", false, () -> scan(meshed, scan.formatted("pgbench.items"), 0)),
            new Case("PostgreSQL scan, direct", false, () -> scan(scans, scan.formatted("thin_items"), FETCH_SIZE))});
        pairs.add(new Case[] {
            new Case("PostgreSQL lookup, mesh", true,
                () -> lookups(meshed, lookup.formatted("pgbench.items"), rows, lookups)),
            new Case("PostgreSQL lookup, direct", true,
                () -> lookups(points, lookup.formatted("thin_items"), rows, lookups))});
      }
      List<Case> cases = pairs.stream().flatMap(Arrays::stream).toList();
      for (int round = 0; round < warmUp + rounds; round++) {
        for (int k = 0; k < cases.size(); k++) {
          Case c = cases.get((round + k) % cases.size());
          Run run = measure(c.body);
          if (round >= warmUp) {
            c.runs.add(run);
          }
        }
        System.err.printf(Locale.ROOT, "round %d of %d done%n", round + 1, warmUp + rounds);
      }
      for (Case[] pair : pairs) {
        check(pair[0], pair[1]);
      }
      print(pairs, rows, lookups, rounds, warmUp);
      if (listen) {
        System.out.printf(Locale.ROOT, "- with a source listener: %,d source rows reported%n", sourceRows.sum());
      }
    } finally {
      for (int i = open.size() - 1; i >= 0; i--) {
        open.get(i).close();
      }
    }
  }

  /** The same rows as the H2 table, in schema thin_bench; kept between runs while it has the rows asked for. */
  private static void fillPostgres(Connection c, int rows) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS thin_bench");
      s.execute("CREATE TABLE IF NOT EXISTS thin_bench.thin_items(id INT PRIMARY KEY, name VARCHAR(40) NOT NULL,"
          + " amount DECIMAL(12,2) NOT NULL, placed DATE NOT NULL, qty BIGINT NOT NULL)");
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM thin_bench.thin_items")) {
        rs.next();
        if (rs.getLong(1) == rows && rs.getLong(2) == rows) {
          return;
        }
      }
      s.execute("TRUNCATE thin_bench.thin_items");
      s.execute("INSERT INTO thin_bench.thin_items SELECT x, 'item-' || x, x / 100.0,"
          + " DATE '2015-01-01' + (x % 3650), x * 7::BIGINT FROM generate_series(1, " + rows + ") AS x");
      s.execute("ANALYZE thin_bench.thin_items");
    }
  }

  private static Run measure(Body body) throws SQLException {
    long thread = Thread.currentThread().getId();
    long bytes = THREADS.getThreadAllocatedBytes(thread);
    long start = System.nanoTime();
    long checksum = body.run();
    long nanos = System.nanoTime() - start;
    return new Run(nanos, THREADS.getThreadAllocatedBytes(thread) - bytes, checksum);
  }

  private static long scan(Connection c, String sql, int fetchSize) throws SQLException {
    long sum = 0;
    try (Statement s = c.createStatement()) {
      if (fetchSize > 0) {
        s.setFetchSize(fetchSize);
      }
      try (ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          sum += read(rs);
        }
      }
    }
    if (fetchSize > 0) {
      c.commit(); // ends the transaction the streaming scan ran in
    }
    return sum;
  }

  /** Looks up {@code lookups} keys spread over the table, every one of them present. */
  private static long lookups(Connection c, String sql, int rows, int lookups) throws SQLException {
    long sum = 0;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < lookups; i++) {
        ps.setInt(1, (int) ((i * 7919L) % rows) + 1);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            sum += read(rs);
          }
        }
      }
    }
    return sum;
  }

  /** Reads every column with its own getter; the sum keeps the reads from being optimized away. */
  private static long read(ResultSet rs) throws SQLException {
    int id = rs.getInt(1);
    String name = rs.getString(2);
    BigDecimal amount = rs.getBigDecimal(3);
    Date placed = rs.getDate(4);
    long qty = rs.getLong(5);
    return id + name.length() + amount.unscaledValue().longValue() + placed.getTime() + qty;
  }

  private static void check(Case mesh, Case direct) {
    for (Run run : mesh.runs) {
      if (run.checksum != direct.runs.get(0).checksum) {
        throw new AssertionError(mesh.name + ": the mesh read other values than the database did");
      }
    }
  }

  private static void print(List<Case[]> pairs, int rows, int lookups, int rounds, int warmUp) {
    System.out.println();
    System.out.printf(Locale.ROOT, "%,d rows, %,d lookups per round; medians of %d rounds after %d warm-up rounds;"
        + " %d cores, Java %s, max heap %d MiB%n%n", rows, lookups, rounds, warmUp,
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20);
    System.out.println("| case | median ms | per row or lookup | allocated per row or lookup |");
    System.out.println("|---|---:|---:|---:|");
    List<String> ratios = new ArrayList<>();
    for (Case[] pair : pairs) {
      double[] medians = new double[2];
      for (int i = 0; i < 2; i++) {
        Case c = pair[i];
        int units = c.lookup ? lookups : rows;
        medians[i] = median(c.runs.stream().mapToLong(Run::nanos).toArray()) / 1e6;
        double bytes = median(c.runs.stream().mapToLong(Run::bytes).toArray()) / units;
        double per = medians[i] * 1e6 / units;
        System.out.printf(Locale.ROOT, "| %s | %.1f | %s | %.0f B |%n", c.name, medians[i],
            c.lookup ? String.format(Locale.ROOT, "%.1f µs", per / 1000) : String.format(Locale.ROOT, "%.0f ns", per),
            bytes);
      }
      String what = pair[0].name.substring(0, pair[0].name.indexOf(','));
      ratios.add(String.format(Locale.ROOT, "- %s: mesh/direct time %.2f%s", what, medians[0] / medians[1],
          pair[0].lookup ? "" : String.format(Locale.ROOT, " (throughput %.2f of direct)", medians[1] / medians[0])));
    }
    System.out.println();
    ratios.forEach(System.out::println);
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }
}
