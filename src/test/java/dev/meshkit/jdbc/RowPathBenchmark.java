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
 * What the mesh's row path costs against plain JDBC on the same H2 database: a full scan reading
 * every column of every row, and a prepared lookup by primary key repeated many times. Each of the
 * four cases (scan and lookup, mesh and direct) runs once per round, round-robin, starting at a
 * different case each round; the first rounds only warm up. Reports medians, the mesh/direct ratio
 * and the bytes the measuring thread allocated per row or per lookup.
 *
 * <pre>{@code
 * mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.meshkit.jdbc.RowPathBenchmark
 * }</pre>
 *
 * Arguments, all optional: measured rounds (7), rows (1000000), lookups per round (20000),
 * warm-up rounds (3), and {@code listen} to give the mesh a {@link dev.meshkit.SourceListener}, so
 * that source rows are counted too.
 */
public final class RowPathBenchmark {

  private static final String COLUMNS = "id, name, amount, placed, qty";
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private RowPathBenchmark() {
  }

  /** One run of a case: wall time, bytes allocated by this thread, and a checksum of what it read. */
  private record Run(long nanos, long bytes, long checksum) {
  }

  private interface Case {
    long run() throws SQLException;
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int lookups = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
    int warmUp = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    boolean listen = args.length > 4 && args[4].equals("listen");
    LongAdder sourceRows = new LongAdder();

    String url = "jdbc:h2:mem:rowpath_bench";
    try (Connection direct = DriverManager.getConnection(url + ";DB_CLOSE_DELAY=-1", "sa", "")) {
      try (Statement s = direct.createStatement()) {
        s.execute("CREATE TABLE items(id INT PRIMARY KEY, name VARCHAR(40) NOT NULL, amount DECIMAL(12,2) NOT NULL,"
            + " placed DATE NOT NULL, qty BIGINT NOT NULL)");
        s.execute("INSERT INTO items SELECT X, 'item-' || X, X / 100.0, DATEADD(DAY, MOD(X, 3650), DATE '2015-01-01'),"
            + " X * 7 FROM SYSTEM_RANGE(1, " + rows + ")");
      }
      Mesh.Builder builder = Mesh.builder().name("bench").grant("everyone-reads-everything", "*")
          .domain("bench", d -> d.jdbcSource("db", url, "sa", "").product("items", "SELECT * FROM db.items"));
      if (listen) {
        builder.sourceListener((domain, source, sql, read) -> sourceRows.add(read));
      }
      try (Mesh mesh = builder.build();
          Connection meshed = mesh.connect(Principal.of("ann"))) {
        String scan = "SELECT " + COLUMNS + " FROM %s.items";
        String lookup = "SELECT " + COLUMNS + " FROM %s.items WHERE id = ?";
        String[] names = {"scan, mesh", "scan, direct", "lookup, mesh", "lookup, direct"};
        Case[] cases = {
            () -> scan(meshed, scan.formatted("bench")),
            () -> scan(direct, scan.formatted("PUBLIC")),
            () -> lookups(meshed, lookup.formatted("bench"), rows, lookups),
            () -> lookups(direct, lookup.formatted("PUBLIC"), rows, lookups)};
        List<List<Run>> runs = new ArrayList<>();
        for (int i = 0; i < cases.length; i++) {
          runs.add(new ArrayList<>());
        }
        for (int round = 0; round < warmUp + rounds; round++) {
          for (int k = 0; k < cases.length; k++) {
            int i = (round + k) % cases.length;
            Run run = measure(cases[i]);
            if (round >= warmUp) {
              runs.get(i).add(run);
            }
          }
          System.err.printf(Locale.ROOT, "round %d of %d done%n", round + 1, warmUp + rounds);
        }
        check(runs.get(0), runs.get(1), "scan");
        check(runs.get(2), runs.get(3), "lookup");
        print(names, runs, rows, lookups, rounds, warmUp);
        if (listen) {
          System.out.printf(Locale.ROOT, "- with a source listener: %,d source rows reported%n", sourceRows.sum());
        }
      }
    }
  }

  private static Run measure(Case c) throws SQLException {
    long thread = Thread.currentThread().getId();
    long bytes = THREADS.getThreadAllocatedBytes(thread);
    long start = System.nanoTime();
    long checksum = c.run();
    long nanos = System.nanoTime() - start;
    return new Run(nanos, THREADS.getThreadAllocatedBytes(thread) - bytes, checksum);
  }

  private static long scan(Connection c, String sql) throws SQLException {
    long sum = 0;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        sum += read(rs);
      }
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

  private static void check(List<Run> mesh, List<Run> direct, String what) {
    for (Run run : mesh) {
      if (run.checksum != direct.get(0).checksum) {
        throw new AssertionError(what + ": the mesh read other values than H2 did");
      }
    }
  }

  private static void print(String[] names, List<List<Run>> runs, int rows, int lookups, int rounds, int warmUp) {
    System.out.println();
    System.out.printf(Locale.ROOT, "%,d rows, %,d lookups per round; medians of %d rounds after %d warm-up rounds;"
        + " %d cores, Java %s, max heap %d MiB%n%n", rows, lookups, rounds, warmUp,
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20);
    System.out.println("| case | median ms | per row or lookup | allocated per row or lookup |");
    System.out.println("|---|---:|---:|---:|");
    double[] medians = new double[names.length];
    for (int i = 0; i < names.length; i++) {
      int units = i < 2 ? rows : lookups;
      medians[i] = median(runs.get(i).stream().mapToLong(Run::nanos).toArray()) / 1e6;
      double bytes = median(runs.get(i).stream().mapToLong(Run::bytes).toArray()) / units;
      double per = medians[i] * 1e6 / units;
      System.out.printf(Locale.ROOT, "| %s | %.1f | %s | %.0f B |%n", names[i], medians[i],
          i < 2 ? String.format(Locale.ROOT, "%.0f ns", per) : String.format(Locale.ROOT, "%.1f µs", per / 1000),
          bytes);
    }
    System.out.println();
    System.out.printf(Locale.ROOT, "- scan: mesh/direct %.2f%n", medians[0] / medians[1]);
    System.out.printf(Locale.ROOT, "- lookup: mesh/direct %.2f%n", medians[2] / medians[3]);
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }
}
