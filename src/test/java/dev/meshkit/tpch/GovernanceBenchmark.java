package dev.meshkit.tpch;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import dev.meshkit.governance.JdbcAuditSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.h2.jdbcx.JdbcDataSource;

/**
 * What governance costs: the 22 TPC-H queries at SF 0.01 through a mesh with only a grant, and
 * through the same mesh with row filters on two products and masks on three columns, measured in
 * one run; then a small query with and without a JDBC audit sink.
 *
 * <p>Run: {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.meshkit.tpch.GovernanceBenchmark -Dexec.args="5"}.
 */
public final class GovernanceBenchmark {

  /** Filters that keep every row, so both meshes do the same work and return the same answers. */
  private static final String POLICIES = """
        - name: orders-by-status
          rowFilter: {products: ["sales.orders"], where: "o_orderstatus <> :hidden_status"}
        - name: lines-by-flag
          rowFilter: {products: ["sales.lineitem"], where: "l_returnflag <> :hidden_flag"}
        - name: phone-last-four
          mask: {products: ["sales.customer"], columns: [c_phone], with: last4}
        - name: address-hashed
          mask: {products: ["sales.customer", "supply.supplier"], columns: [c_address, s_address], with: hash}
      """;

  private GovernanceBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    TpchData data = TpchData.generate(TpchData.defaultDir(0.01), 0.01);
    String base = Files.readString(data.descriptor());
    Path governed = data.descriptor().resolveSibling("mesh-governed.yaml");
    Files.writeString(governed, base.replace("policies:\n",
        "masking: {hashKey: \"governance-benchmark-key-0123456789abcdef\"}\npolicies:\n" + POLICIES));
    Principal bench = Principal.builder("bench").role("analyst")
        .attribute("hidden_status", "X").attribute("hidden_flag", "X").build();

    StringBuilder report = new StringBuilder();
    report.append("| query | grant only, median ms | filters + masks, median ms | ratio |\n|---|---:|---:|---:|\n");
    double sumPlain = 0;
    double sumGoverned = 0;
    try (Mesh plain = Mesh.fromYaml(data.descriptor()); Mesh policed = Mesh.fromYaml(governed);
        Connection a = plain.connect(bench); Connection b = policed.connect(bench)) {
      for (TpchQueries.Query query : TpchQueries.all()) {
        String sql = query.forMesh();
        double[] pair = new double[2];
        // Plans are cached after the first run of each; interleaved, so both sides see the same machine noise.
        List<Double> timesA = new ArrayList<>();
        List<Double> timesB = new ArrayList<>();
        run(a, sql);
        run(b, sql);
        for (int i = 0; i < iterations; i++) {
          timesA.add(run(a, sql));
          timesB.add(run(b, sql));
        }
        pair[0] = median(timesA);
        pair[1] = median(timesB);
        sumPlain += pair[0];
        sumGoverned += pair[1];
        report.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2f |%n", query.name(), pair[0], pair[1],
            pair[1] / pair[0]));
      }
    }
    report.append(String.format(Locale.ROOT, "| **sum** | **%.0f** | **%.0f** | **%.2f** |%n", sumPlain, sumGoverned,
        sumGoverned / sumPlain));

    report.append("\n| small query (`SELECT COUNT(*) FROM reference.region`) | median µs |\n|---|---:|\n");
    JdbcDataSource auditDb = new JdbcDataSource();
    auditDb.setURL("jdbc:h2:mem:audit_bench;DB_CLOSE_DELAY=-1");
    auditDb.setUser("sa");
    try (Mesh memoryOnly = Mesh.fromYaml(data.descriptor());
        Mesh withJdbc = Mesh.builder().descriptor(data.descriptor())
            .auditSink(JdbcAuditSink.builder(auditDb).build()).build();
        Connection a = memoryOnly.connect(bench); Connection b = withJdbc.connect(bench)) {
      String small = "SELECT COUNT(*) FROM reference.region";
      List<Double> timesA = new ArrayList<>();
      List<Double> timesB = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        timesA.add(run(a, small));
        timesB.add(run(b, small));
      }
      report.append(String.format(Locale.ROOT, "| audit to memory and log only | %.0f |%n", median(timesA) * 1000));
      report.append(String.format(Locale.ROOT, "| plus a JDBC audit sink (H2) | %.0f |%n", median(timesB) * 1000));
    }
    report.append(String.format(Locale.ROOT, "%nMachine: %d cores, Java %s, %s; %d iterations per query.%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        System.getProperty("os.name"), iterations));
    System.out.println(report);
    Path out = Path.of("target", "governance-bench.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report.toString());
  }

  private static double run(Connection connection, String sql) throws Exception {
    long start = System.nanoTime();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rs.getObject(1);
      }
    }
    return (System.nanoTime() - start) / 1e6;
  }

  private static double median(List<Double> times) {
    double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return sorted[sorted.length / 2];
  }
}
