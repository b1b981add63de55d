package dev.meshkit.tpch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times the 22 TPC-H queries through the mesh, against H2 holding every table in one database.
 *
 * <p>Run with {@code mvn -q -o exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.meshkit.tpch.TpchBenchmark -Dexec.args="0.01,0.1 5 1,19"}: scale factors
 * (default 0.01,0.1), iterations (default 5), and optionally the query numbers to run (default all).
 * Prints a Markdown report and writes it to {@code target/tpch-bench.md}.
 */
public final class TpchBenchmark {

  /** H2 joins by nested loops; past this a query counts as a miss rather than stalling the run. */
  static final int H2_TIMEOUT_SECONDS = 30;
  /** The mesh gets longer: the point is to time it, but one runaway plan must not stall the run. */
  static final int MESH_TIMEOUT_SECONDS = 120;
  /** Repetitions of one query stop once they have taken this long, so slow queries don't dominate. */
  private static final long REPEAT_BUDGET_NANOS = 60_000_000_000L;

  private TpchBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    List<Double> scales = Arrays.stream((args.length > 0 ? args[0] : "0.01,0.1").split(","))
        .map(s -> Double.parseDouble(s.strip())).toList();
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    List<TpchQueries.Query> queries = args.length > 2
        ? Arrays.stream(args[2].split(",")).map(n -> TpchQueries.get(Integer.parseInt(n.strip()))).toList()
        : TpchQueries.all();

    BenchReport report = new BenchReport(iterations);
    for (double scale : scales) {
      long start = System.nanoTime();
      TpchData data = TpchData.generate(TpchData.defaultDir(scale), scale);
      System.err.printf("SF %s: data ready in %d ms%n", TpchData.format(scale), millis(System.nanoTime() - start));
      List<BenchReport.Line> lines = new ArrayList<>();
      try (TimedConnection mesh = new TimedConnection(() -> TpchMesh.connect(data.descriptor()));
          TimedConnection h2 = new TimedConnection(data::openReference)) {
        warmUp(mesh);
        for (TpchQueries.Query query : queries) {
          BenchReport.Line line = measure(query, mesh, h2, iterations);
          System.err.println("  " + line.summary());
          lines.add(line);
        }
        report.addScale(scale, lines, mesh.abandoned() + h2.abandoned());
      }
    }
    String markdown = report.toMarkdown();
    System.out.println(markdown);
    Path out = Path.of("target", "tpch-bench.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, markdown);
    System.err.println("written to " + out.toAbsolutePath());
  }

  /** Loads the engine's classes on a trivial query, so that Q1 does not carry them. */
  private static void warmUp(TimedConnection mesh) throws SQLException {
    mesh.run("select count(*) from reference.region", MESH_TIMEOUT_SECONDS);
  }

  /**
   * The first run comes first, so it includes planning. Then EXPLAIN, whose first call plans its own
   * statement text from scratch (the cold plan) and whose later calls hit the engine's plan cache.
   */
  private static BenchReport.Line measure(TpchQueries.Query query, TimedConnection mesh, TimedConnection h2,
      int iterations) {
    BenchReport.Line line = new BenchReport.Line(query.name());
    String sql = query.forMesh();
    String explain = "EXPLAIN PLAN FOR " + sql;
    try {
      TimedConnection.Run first = mesh.run(sql, MESH_TIMEOUT_SECONDS);
      line.meshFirstMs = first.ms();
      line.meshColdPlanMs = mesh.run(explain, MESH_TIMEOUT_SECONDS).ms();
      line.meshCachedPlanMs = median(mesh, explain, MESH_TIMEOUT_SECONDS, iterations).ms();
      TimedConnection.Run median = median(mesh, sql, MESH_TIMEOUT_SECONDS, iterations);
      line.meshMedianMs = median.ms();
      line.meshResult = median.result();
    } catch (SQLTimeoutException e) {
      line.meshError = "timeout";
    } catch (SQLException | RuntimeException e) {
      line.meshError = oneLine(e);
    }
    try {
      // The first H2 run warms its caches and gives the answer to compare; the median is over later runs.
      line.h2Result = h2.run(query.forReference(), H2_TIMEOUT_SECONDS).result();
      line.h2MedianMs = median(h2, query.forReference(), H2_TIMEOUT_SECONDS, iterations).ms();
    } catch (SQLTimeoutException e) {
      line.h2Error = "timeout";
    } catch (SQLException e) {
      line.h2Error = oneLine(e);
    }
    if (line.meshResult != null && line.h2Result != null) {
      line.mismatch = ResultComparator.mismatch(line.h2Result, line.meshResult, query.orderBy()).orElse(null);
    }
    return line;
  }

  /** The run of median time among up to {@code iterations}, fewer if they exhaust the budget. */
  private static TimedConnection.Run median(TimedConnection connection, String sql, int timeoutSeconds,
      int iterations) throws SQLException {
    List<TimedConnection.Run> runs = new ArrayList<>();
    long spent = 0;
    while (runs.size() < iterations && spent < REPEAT_BUDGET_NANOS) {
      TimedConnection.Run run = connection.run(sql, timeoutSeconds);
      runs.add(run);
      spent += run.nanos();
    }
    runs.sort((a, b) -> Long.compare(a.nanos(), b.nanos()));
    return runs.get(runs.size() / 2);
  }

  private static String oneLine(Exception e) {
    String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    return e.getClass().getSimpleName() + ": " + (message.length() > 120 ? message.substring(0, 120) + "…" : message);
  }

  static long millis(long nanos) {
    return nanos / 1_000_000;
  }
}
