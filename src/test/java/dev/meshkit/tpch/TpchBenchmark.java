package dev.meshkit.tpch;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Times the 22 TPC-H queries through the mesh, against H2 holding every table in one database.
 *
 * <p>Run with {@code mvn -q -o test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.meshkit.tpch.TpchBenchmark -Dexec.args="0.01,0.1 5 all three,four"}: scale
 * factors (default 0.01,0.1), iterations (default 5), the query numbers to run ({@code 1,19}; default
 * {@code all}), and the {@link TpchLayout layouts} (default {@code three}; {@code four} needs
 * PostgreSQL and MariaDB, see {@link TpchServers}). System properties: {@code tpch.meshTimeout} and
 * {@code tpch.h2Timeout}, seconds per query (120 and 30); {@code tpch.h2Iterations}, H2's timed runs
 * (default: iterations; 0 runs H2 once for the answer only); {@code tpch.explain}, query numbers whose
 * EXPLAIN goes into the report. Prints a Markdown report and writes it to {@code target/tpch-bench.md}.
 */
public final class TpchBenchmark {

  /** H2 joins by nested loops; past this a query counts as a miss rather than stalling the run. */
  static final int H2_TIMEOUT_SECONDS = Integer.getInteger("tpch.h2Timeout", 30);
  /** The mesh gets longer: the point is to time it, but one runaway plan must not stall the run. */
  static final int MESH_TIMEOUT_SECONDS = Integer.getInteger("tpch.meshTimeout", 120);
  /** Repetitions of one query stop once they have taken this long, so slow queries don't dominate. */
  private static final long REPEAT_BUDGET_NANOS = 60_000_000_000L;

  private TpchBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    List<Double> scales = Arrays.stream((args.length > 0 ? args[0] : "0.01,0.1").split(","))
        .map(s -> Double.parseDouble(s.strip())).toList();
    int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    List<TpchQueries.Query> queries = args.length > 2 && !args[2].equals("all")
        ? Arrays.stream(args[2].split(",")).map(n -> TpchQueries.get(Integer.parseInt(n.strip()))).toList()
        : TpchQueries.all();
    List<TpchLayout> layouts = Arrays.stream((args.length > 3 ? args[3] : "three").split(","))
        .map(TpchLayout::of).toList();
    int h2Iterations = Integer.getInteger("tpch.h2Iterations", iterations);
    List<String> explained = Arrays.stream(System.getProperty("tpch.explain", "").split(","))
        .map(String::strip).filter(n -> !n.isEmpty()).map(n -> TpchQueries.get(Integer.parseInt(n)).name())
        .toList();

    BenchReport report = new BenchReport(iterations, h2Iterations);
    for (double scale : scales) {
      long start = System.nanoTime();
      TpchData data = TpchData.generate(TpchData.defaultDir(scale), scale);
      System.err.printf("SF %s: data ready in %d ms%n", TpchData.format(scale), millis(System.nanoTime() - start));
      if (layouts.contains(TpchLayout.FOUR)) {
        start = System.nanoTime();
        TpchServers.prepare(data);
        System.err.printf("SF %s: PostgreSQL and MariaDB tables ready in %d ms%n", TpchData.format(scale),
            millis(System.nanoTime() - start));
      }
      Map<String, BenchReport.Line> reference = new LinkedHashMap<>();
      int h2Abandoned;
      try (TimedConnection h2 = new TimedConnection(data::openReference)) {
        ExpectedAnswers answers = new ExpectedAnswers(data, null);
        for (TpchQueries.Query query : queries) {
          BenchReport.Line line = new BenchReport.Line(query.name());
          measureH2(query, h2, h2Iterations, answers, line);
          reference.put(query.name(), line);
        }
        h2Abandoned = h2.abandoned();
      }
      for (TpchLayout layout : layouts) {
        List<BenchReport.Line> lines = new ArrayList<>();
        Map<String, String> explains = new LinkedHashMap<>();
        System.gc();
        resetHeapPeaks();
        try (TimedConnection mesh = new TimedConnection(() -> TpchMesh.connect(data.descriptor(layout)))) {
          warmUp(mesh);
          for (TpchQueries.Query query : queries) {
            BenchReport.Line line = reference.get(query.name()).copy();
            measureMesh(query, mesh, iterations, line);
            System.err.println("  " + layout.label() + " " + line.summary());
            lines.add(line);
            if (explained.contains(query.name())) {
              explains.put(query.name(), explain(mesh, query));
            }
          }
          report.addScale(scale, layout, lines, mesh.abandoned() + h2Abandoned, peakHeapBytes(), explains);
        }
      }
    }
    String markdown = report.toMarkdown();
    System.out.println(markdown);
    Path out = Path.of("target", "tpch-bench.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, markdown);
    System.err.println("written to " + out.toAbsolutePath());
  }

  /** Starts the heap pools' peak usage afresh, from what they hold now. */
  private static void resetHeapPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /**
   * The sum of the heap pools' peak usage since the last reset. Pools peak at different moments, so
   * this bounds the true peak from above; garbage not yet collected counts too.
   */
  private static long peakHeapBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static String explain(TimedConnection mesh, TpchQueries.Query query) {
    try {
      QueryResult plan = mesh.run("EXPLAIN PLAN FOR " + query.forMesh(), MESH_TIMEOUT_SECONDS).result();
      return plan.rows().stream().map(row -> String.valueOf(row.get(0))).collect(Collectors.joining("\n"));
    } catch (SQLException e) {
      return oneLine(e);
    }
  }

  /** Loads the engine's classes on a trivial query, so that Q1 does not carry them. */
  private static void warmUp(TimedConnection mesh) throws SQLException {
    mesh.run("select count(*) from reference.region", MESH_TIMEOUT_SECONDS);
  }

  /**
   * The first run comes first, so it includes planning. Then EXPLAIN, whose first call plans its own
   * statement text from scratch (the cold plan) and whose later calls hit the engine's plan cache.
   */
  private static void measureMesh(TpchQueries.Query query, TimedConnection mesh, int iterations,
      BenchReport.Line line) {
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
    if (line.meshResult != null && line.h2Result != null) {
      line.mismatch = ResultComparator.mismatch(line.h2Result, line.meshResult, query.orderBy()).orElse(null);
    }
  }

  /**
   * The answer to compare is the one {@link ExpectedAnswers} knows (computed without a time limit by
   * the tests), else the first H2 run's, which is then kept. The first run also warms H2's caches;
   * the median is over later runs.
   */
  private static void measureH2(TpchQueries.Query query, TimedConnection h2, int iterations, ExpectedAnswers answers,
      BenchReport.Line line) throws IOException {
    line.h2Result = answers.known(query).orElse(null);
    try {
      TimedConnection.Run first = h2.run(query.forReference(), H2_TIMEOUT_SECONDS);
      if (line.h2Result == null) {
        line.h2Result = first.result();
        answers.save(query, first.result());
      }
      if (iterations > 0) {
        line.h2MedianMs = median(h2, query.forReference(), H2_TIMEOUT_SECONDS, iterations).ms();
      }
    } catch (SQLTimeoutException e) {
      line.h2Error = "timeout";
    } catch (SQLException e) {
      line.h2Error = oneLine(e);
    }
    System.err.println("  H2 " + line.query + " " + (line.h2Error != null ? line.h2Error
        : line.h2MedianMs != null ? BenchReport.ms(line.h2MedianMs) + " ms" : "answered"));
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
