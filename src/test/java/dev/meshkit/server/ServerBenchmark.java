package dev.meshkit.server;

import dev.meshkit.Principal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A small query (a filtered customer lookup, two masked rows for ann) through the embedded
 * connection and through {@link MeshServer} with a stock Avatica client over loopback, at 1 and 16
 * concurrent clients, each client on its own connection. Each configuration warms up, then runs
 * for a fixed time; latencies are per query, every row fetched.
 *
 * <p>Run: {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.meshkit.server.ServerBenchmark -Dexec.args="10"} (seconds measured per
 * configuration; 3 more warm it up).
 */
public final class ServerBenchmark {

  private static final String SQL = "SELECT customer_id, name, phone FROM sales.customer WHERE nation_id = 2";

  private ServerBenchmark() {
  }

  /** One client's query, ready to run again and again on its own connection. */
  private interface Client extends AutoCloseable {
    int query() throws Exception;
  }

  private record Result(long queries, double seconds, long[] nanos) {
    double throughput() {
      return queries / seconds;
    }

    double percentile(double p) {
      return nanos[(int) Math.min(nanos.length - 1, Math.round(p * (nanos.length - 1)))] / 1e6;
    }
  }

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 10;
    Path dir = Files.createTempDirectory("meshkit-server-bench");
    try (ServerMesh fixture = new ServerMesh(dir);
        MeshServer server = MeshServer.builder(fixture.mesh).port(0).start()) {
      Principal ann = fixture.principal("ann");
      Callable<Client> embedded = () -> client(fixture.mesh.connect(ann));
      Callable<Client> remote = () -> client(ServerMesh.connect(server, "ann", "ann-secret"));
      StringBuilder table = new StringBuilder();
      table.append("| clients | path | queries/s | median ms | p95 ms |\n|---:|---|---:|---:|---:|\n");
      List<String> ratios = new ArrayList<>();
      for (int clients : new int[] {1, 16}) {
        Result e = run(embedded, clients, seconds);
        Result s = run(remote, clients, seconds);
        row(table, clients, "embedded (`mesh.connect`)", e);
        row(table, clients, "server (Avatica, protobuf, HTTP Basic)", s);
        ratios.add(String.format(Locale.ROOT, "%d client%s: server/embedded median latency %.2f, throughput %.2f",
            clients, clients == 1 ? "" : "s", s.percentile(0.5) / e.percentile(0.5), s.throughput() / e.throughput()));
      }
      System.out.println();
      System.out.printf(Locale.ROOT, "Query: %s (as ann: 2 rows, phone masked); %.0f s measured per row after 3 s warm-up;"
          + " %d cores, Java %s%n%n", SQL, seconds, Runtime.getRuntime().availableProcessors(),
          System.getProperty("java.version"));
      System.out.print(table);
      System.out.println();
      ratios.forEach(r -> System.out.println("- " + r));
    }
  }

  private static void row(StringBuilder table, int clients, String path, Result r) {
    table.append(String.format(Locale.ROOT, "| %d | %s | %.0f | %.2f | %.2f |%n",
        clients, path, r.throughput(), r.percentile(0.5), r.percentile(0.95)));
  }

  private static Client client(Connection connection) {
    return new Client() {
      @Override
      public int query() throws Exception {
        int rows = 0;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(SQL)) {
          while (rs.next()) {
            rows++;
          }
        }
        return rows;
      }

      @Override
      public void close() throws Exception {
        connection.close();
      }
    };
  }

  /** Every client warms up for 3 s, then all run for {@code seconds} together. */
  private static Result run(Callable<Client> opener, int clients, double seconds) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    CyclicBarrier start = new CyclicBarrier(clients);
    try {
      List<Future<List<Long>>> futures = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        futures.add(pool.submit(() -> {
          try (Client client = opener.call()) {
            long warmEnd = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < warmEnd) {
              check(client.query());
            }
            start.await();
            List<Long> nanos = new ArrayList<>();
            long end = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
              long t0 = System.nanoTime();
              check(client.query());
              nanos.add(System.nanoTime() - t0);
            }
            return nanos;
          }
        }));
      }
      List<Long> all = new ArrayList<>();
      for (Future<List<Long>> f : futures) {
        all.addAll(f.get());
      }
      long[] sorted = all.stream().mapToLong(Long::longValue).toArray();
      Arrays.sort(sorted);
      return new Result(sorted.length, seconds, sorted);
    } finally {
      pool.shutdownNow();
    }
  }

  private static void check(int rows) {
    if (rows != 2) {
      throw new IllegalStateException("expected ann's 2 rows, got " + rows);
    }
  }
}
