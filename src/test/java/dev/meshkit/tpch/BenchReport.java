package dev.meshkit.tpch;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The benchmark's Markdown report: one table per scale factor, totals, and what went wrong. */
final class BenchReport {

  /** What one query measured; fields stay unset when a step failed. */
  static final class Line {
    final String query;
    Double meshColdPlanMs;
    Double meshCachedPlanMs;
    Double meshFirstMs;
    Double meshMedianMs;
    Double h2MedianMs;
    QueryResult meshResult;
    QueryResult h2Result;
    String meshError;
    String h2Error;
    String mismatch;

    Line(String query) {
      this.query = query;
    }

    /** A line for another layout, with the same H2 measurements. */
    Line copy() {
      Line line = new Line(query);
      line.h2MedianMs = h2MedianMs;
      line.h2Result = h2Result;
      line.h2Error = h2Error;
      return line;
    }

    String answers() {
      if (meshError != null) {
        return "timeout".equals(meshError) ? "n/a (mesh timeout)" : "mesh error";
      } else if (h2Result == null) {
        return "n/a (H2 " + ("timeout".equals(h2Error) ? "timeout" : "error") + ")";
      }
      return mismatch == null ? "yes" : "**NO**";
    }

    String summary() {
      return String.format(Locale.ROOT, "%s mesh %s ms, H2 %s ms, answers %s",
          query, ms(meshMedianMs), h2MedianMs != null ? ms(h2MedianMs) : h2Error != null ? h2Error : "–", answers());
    }
  }

  private final int iterations;
  private final int h2Iterations;
  private final StringBuilder sections = new StringBuilder();

  BenchReport(int iterations, int h2Iterations) {
    this.iterations = iterations;
    this.h2Iterations = h2Iterations;
  }

  void addScale(double scale, TpchLayout layout, List<Line> lines, int abandoned, long peakHeapBytes,
      Map<String, String> explains) {
    StringBuilder md = sections;
    md.append("\n## SF ").append(TpchData.format(scale)).append(", ").append(layout.label()).append(" sources\n\n");
    md.append("The mesh reads ").append(layout.description()).append(".\n\n");
    md.append("| query | mesh cold plan ms | mesh cached plan ms | mesh first run ms | mesh median ms"
        + " | H2 median ms | rows | answers match |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
    for (Line line : lines) {
      md.append("| ").append(line.query)
          .append(" | ").append(ms(line.meshColdPlanMs))
          .append(" | ").append(ms(line.meshCachedPlanMs))
          .append(" | ").append(ms(line.meshFirstMs))
          .append(" | ").append(ms(line.meshMedianMs))
          .append(" | ").append(line.h2MedianMs != null ? ms(line.h2MedianMs) : line.h2Error != null ? line.h2Error : "–")
          .append(" | ").append(line.meshResult != null ? String.valueOf(line.meshResult.rows().size()) : "–")
          .append(" | ").append(line.answers()).append(" |\n");
    }
    List<Line> meshDone = lines.stream().filter(l -> l.meshMedianMs != null).toList();
    List<Line> bothDone = meshDone.stream().filter(l -> l.h2MedianMs != null).toList();
    md.append('\n');
    md.append(String.format(Locale.ROOT, "Sum of mesh medians: %s ms over %d queries.%n",
        ms(sum(meshDone, l -> l.meshMedianMs)), meshDone.size()));
    md.append(String.format(Locale.ROOT,
        "Over the %d queries both finished: mesh %s ms, H2 %s ms.%n",
        bothDone.size(), ms(sum(bothDone, l -> l.meshMedianMs)), ms(sum(bothDone, l -> l.h2MedianMs))));
    meshDone.stream().max(Comparator.comparingDouble(l -> l.meshMedianMs)).ifPresent(slowest ->
        md.append(String.format(Locale.ROOT, "Slowest through the mesh: %s (%s ms median).%n",
            slowest.query, ms(slowest.meshMedianMs))));
    md.append(String.format(Locale.ROOT, "Peak heap: %d MiB (sum of the heap pools' peaks from just before"
        + " the mesh opened to the last query; max heap %d MiB).%n", peakHeapBytes >> 20,
        Runtime.getRuntime().maxMemory() >> 20));
    if (abandoned > 0) {
      md.append(abandoned).append(" queries ignored cancellation and were abandoned still running;"
          + " timings after them share the CPU with them.\n");
    }
    for (Line line : lines) {
      if (line.meshError != null && !line.meshError.equals("timeout")) {
        md.append("\n- ").append(line.query).append(" mesh error: `").append(line.meshError).append("`\n");
      }
      if (line.h2Error != null && !line.h2Error.equals("timeout")) {
        md.append("\n- ").append(line.query).append(" H2 error: `").append(line.h2Error).append("`\n");
      }
      if (line.mismatch != null) {
        md.append("\n- ").append(line.query).append(" answer differs from H2's:\n\n```\n")
            .append(line.mismatch).append("\n```\n");
      }
    }
    explains.forEach((query, plan) -> md.append("\nEXPLAIN of ").append(query).append(":\n\n```text\n")
        .append(plan).append("\n```\n"));
  }

  String toMarkdown() {
    Runtime runtime = Runtime.getRuntime();
    return "# TPC-H through meshkit\n\n"
        + "Run " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + " on "
        + runtime.availableProcessors() + " cores, max heap " + runtime.maxMemory() / (1024 * 1024) + " MB, Java "
        + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), "
        + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch") + ".\n\n"
        + "H2 answers from one database with all eight tables (Q19 with its join key written once outside"
        + " its ORs). H2's query result cache is off. Answers are compared with H2's, kept from earlier runs (the tests"
        + " compute them without a time limit) or else taken from H2's first run here.\n"
        + "Times include fetching every row. Median of up to " + iterations + " runs (fewer when they pass "
        + "60 s). Cold plan: the first EXPLAIN PLAN FOR the query, after its first run; cached plan: median of"
        + " the later ones. Each query gets " + TpchBenchmark.MESH_TIMEOUT_SECONDS + " s through the mesh; H2 gets "
        + TpchBenchmark.H2_TIMEOUT_SECONDS + " s, one unmeasured first run and "
        + (h2Iterations > 0 ? "a median of up to " + h2Iterations + " runs" : "no timed runs") + ".\n"
        + sections;
  }

  private static double sum(List<Line> lines, ToDoubleFunction<Line> value) {
    return lines.stream().mapToDouble(value).sum();
  }

  static String ms(Double value) {
    return value == null ? "–" : String.format(Locale.ROOT, "%.1f", value);
  }
}
