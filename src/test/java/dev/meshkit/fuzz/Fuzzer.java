package dev.meshkit.fuzz;

import dev.meshkit.fuzz.Ast.Node;
import dev.meshkit.fuzz.Ast.Select;
import dev.meshkit.fuzz.Oracles.Tlp;
import dev.meshkit.fuzz.QueryGenerator.Features;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a number of generated cases against a {@link FuzzWorld}, each with one oracle, and collects
 * the verdicts into a {@link FuzzReport}. Case {@code i} of seed {@code s} is always the same query,
 * whatever else runs, so {@code -Dmeshkit.fuzz.seed=s -Dmeshkit.fuzz.query=i} replays it alone.
 * After the run, the first case of each class (by index, so the report does not depend on threads)
 * is reduced.
 */
final class Fuzzer {

  /**
   * What to run: {@code queries} cases from case {@code first}, on {@code threads} connections;
   * {@code reduceSeconds} bounds the reduction after the run.
   */
  record Settings(long seed, int first, int queries, int threads, int reduceSeconds) {
    /** The settings of a run, overridden by {@code -Dmeshkit.fuzz.seed}, {@code .queries} and {@code .query}. */
    static Settings fromProperties(long seed, int queries, int threads, int reduceSeconds) {
      long s = Long.getLong("meshkit.fuzz.seed", seed);
      Integer only = Integer.getInteger("meshkit.fuzz.query");
      if (only != null) {
        return new Settings(s, only, 1, 1, reduceSeconds);
      }
      return new Settings(s, 0, Integer.getInteger("meshkit.fuzz.queries", queries),
          Integer.getInteger("meshkit.fuzz.threads", threads), Integer.getInteger("meshkit.fuzz.reduceSeconds",
              reduceSeconds));
    }
  }

  /** Whether this run only reports (-Dmeshkit.fuzz.report=true) instead of failing on differences. */
  static boolean reportOnly() {
    return Boolean.getBoolean("meshkit.fuzz.report");
  }

  private final FuzzWorld world;
  private final Settings settings;

  Fuzzer(FuzzWorld world, Settings settings) {
    this.world = world;
    this.settings = settings;
  }

  /** The case with index {@code i}: a query for the differential oracle, or a TLP case. */
  Node generate(int i) {
    Random random = new Random(settings.seed() * 1_000_003L + i);
    QueryGenerator generator = new QueryGenerator(random, world.tables,
        new Features(world.postgresReference() != null));
    int oracle = random.nextInt(10);
    if (oracle < 8) {
      return generator.query();
    }
    Select base = oracle < 9 ? generator.tlpBase() : generator.tlpAggregate();
    return new Tlp(base, generator.partitionPredicate(base));
  }

  FuzzReport run() throws Exception {
    FuzzReport report = new FuzzReport(settings, world.describe());
    long start = System.nanoTime();
    try (DriverLog log = DriverLog.install()) {
      ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
      try {
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < settings.threads(); t++) {
          int worker = t;
          workers.add(pool.submit(() -> {
            work(worker, log, report);
            return null;
          }));
        }
        for (Future<?> f : workers) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      report.ran(System.nanoTime() - start);
      reduce(log, report);
    }
    return report;
  }

  private void work(int worker, DriverLog log, FuzzReport report) throws SQLException {
    try (Workspace space = new Workspace(log)) {
      for (int i = settings.first() + worker; i < settings.first() + settings.queries(); i += settings.threads()) {
        Node root = generate(i);
        report.add(i, root, space.oracles.check(root));
      }
    }
  }

  /** Reduces the first case of each class, and of wrong answers as many as time allows. */
  private void reduce(DriverLog log, FuzzReport report) throws SQLException {
    long deadline = System.nanoTime() + settings.reduceSeconds() * 1_000_000_000L;
    try (Workspace space = new Workspace(log)) {
      for (FuzzReport.Case c : report.toReduce()) {
        if (System.nanoTime() > deadline) {
          break;
        }
        Reducer reducer = new Reducer(space.oracles::check, 400);
        Node reduced = reducer.reduce(c.root(), c.verdict());
        report.reduced(c, reduced, space.oracles.check(reduced), reducer.checks());
      }
    }
  }

  /** One thread's connections: the mesh, and the references of its own. */
  private final class Workspace implements AutoCloseable {
    final MeshSession mesh;
    final Connection h2;
    final Connection postgres;
    final Oracles oracles;

    Workspace(DriverLog log) throws SQLException {
      mesh = new MeshSession(world, log);
      h2 = DriverManager.getConnection(world.referenceUrl(), "sa", "");
      postgres = world.postgresReference() == null ? null : world.openPostgresReference();
      oracles = new Oracles(mesh, h2, postgres);
    }

    @Override
    public void close() throws SQLException {
      mesh.close();
      h2.close();
      if (postgres != null) {
        postgres.close();
      }
    }
  }
}
