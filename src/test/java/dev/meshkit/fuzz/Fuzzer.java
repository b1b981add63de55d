package dev.meshkit.fuzz;

import dev.meshkit.fuzz.Ast.Node;
import dev.meshkit.fuzz.Ast.Select;
import dev.meshkit.fuzz.Oracles.NoRec;
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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a number of generated cases against a {@link FuzzWorld}, each with one oracle, and collects
 * the verdicts into a {@link FuzzReport}. Case {@code i} of seed {@code s} is always the same query,
 * whatever else runs, so {@code -Dmeshkit.fuzz.seed=s -Dmeshkit.fuzz.query=i} replays it alone.
 * After the run, the first case of each class (by index, so the report does not depend on threads)
 * is reduced.
 */
final class Fuzzer {

  /**
   * What to run: cases from case {@code first} until {@code queries} executions are planned, and
   * further cases while fewer have run (a statement both engines refuse stops its bindings early), on
   * {@code threads} connections. Most cases are prepared statements run with {@code bindings} sets of
   * parameter values (the mesh plans each once, which is what makes a long run affordable); the rest
   * run once with every literal written out. {@code reduceSeconds} bounds the reduction after the run.
   */
  record Settings(long seed, int first, int queries, int bindings, int threads, int reduceSeconds) {
    /**
     * The settings of a run, overridden by {@code -Dmeshkit.fuzz.seed}, {@code .queries}, {@code .bindings},
     * {@code .threads}, {@code .reduceSeconds}, and {@code .query} (that case alone).
     */
    static Settings fromProperties(long seed, int queries, int bindings, int threads, int reduceSeconds) {
      long s = Long.getLong("meshkit.fuzz.seed", seed);
      int values = Integer.getInteger("meshkit.fuzz.bindings", bindings);
      int reduce = Integer.getInteger("meshkit.fuzz.reduceSeconds", reduceSeconds);
      Integer only = Integer.getInteger("meshkit.fuzz.query");
      if (only != null) {
        return new Settings(s, only, 1, values, 1, reduce);
      }
      return new Settings(s, 0, Integer.getInteger("meshkit.fuzz.queries", queries), values,
          Integer.getInteger("meshkit.fuzz.threads", threads), reduce);
    }
  }

  /** Whether this run only reports (-Dmeshkit.fuzz.report=true) instead of failing on differences. */
  static boolean reportOnly() {
    return Boolean.getBoolean("meshkit.fuzz.report");
  }

  /** A generated case: what the oracle checks, how many times (with new values), and its generator. */
  record Generated(Node root, int executions, QueryGenerator generator) {
  }

  private final FuzzWorld world;
  private final Settings settings;
  /** The number of cases that plan {@code settings.queries()} executions: the same whatever the threads. */
  private final int cases;
  /** The next case a worker takes, and the executions so far. */
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger executed = new AtomicInteger();

  Fuzzer(FuzzWorld world, Settings settings) {
    this.world = world;
    this.settings = settings;
    int planned = 0;
    int n = 0;
    while (planned < settings.queries()) {
      planned += executions(random(settings.first() + n++));
    }
    this.cases = n;
  }

  private Random random(int i) {
    return new Random(settings.seed() * 1_000_003L + i);
  }

  /** The first draw of a case's random source: whether it is parameterized, and so runs several times. */
  private int executions(Random random) {
    return settings.bindings() > 1 && random.nextInt(10) >= 3 ? settings.bindings() : 1;
  }

  /** The case with index {@code i}: a query for the differential oracle (7 in 10), a TLP (2) or a NoREC case (1). */
  Generated generate(int i) {
    Random random = random(i);
    int executions = executions(random);
    QueryGenerator generator = new QueryGenerator(random, world.tables,
        new Features(world.postgresReference() != null)).parameters(executions > 1);
    int oracle = random.nextInt(10);
    if (oracle < 7) {
      return new Generated(generator.query(), executions, generator);
    }
    if (oracle == 9) {
      Select base = generator.tlpBase();
      Select filtered = base.where() != null ? base : new Select(base.distinct(), base.items(), base.from(),
          generator.partitionPredicate(base), List.of(), null, List.of(), null);
      return new Generated(new NoRec(filtered), executions, generator);
    }
    Select base = oracle < 8 ? generator.tlpBase() : generator.tlpAggregate();
    return new Generated(new Tlp(base, generator.partitionPredicate(base)), executions, generator);
  }

  FuzzReport run() throws Exception {
    FuzzReport report = new FuzzReport(settings, world.describe());
    long start = System.nanoTime();
    try (DriverLog log = DriverLog.install()) {
      ExecutorService pool = Executors.newFixedThreadPool(settings.threads());
      try {
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < settings.threads(); t++) {
          workers.add(pool.submit(() -> {
            work(log, report);
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

  private void work(DriverLog log, FuzzReport report) throws SQLException {
    try (Workspace space = new Workspace(log)) {
      for (int i = next.getAndIncrement(); i < cases || executed.get() < settings.queries();
          i = next.getAndIncrement()) {
        Generated g = generate(settings.first() + i);
        Node root = g.root();
        for (int k = 0; k < g.executions(); k++) {
          if (k > 0) {
            root = g.generator().rebind(g.root());
          }
          Verdict verdict = space.oracles.check(root);
          report.add(settings.first() + i, root, verdict);
          executed.incrementAndGet();
          if (verdict.kind() == Verdict.Kind.BOTH_FAIL) {
            break; // the statement is not valid SQL to either: new values will not change that
          }
        }
      }
    }
  }

  /** Reduces the first case of each class, and of wrong answers as many as time allows. */
  private void reduce(DriverLog log, FuzzReport report) throws SQLException {
    long deadline = System.nanoTime() + settings.reduceSeconds() * 1_000_000_000L;
    try (Workspace space = new Workspace(log)) {
      for (FuzzReport.Case c : report.toReduce()) {
        if (System.nanoTime() - deadline > 0) {
          break;
        }
        // A TLP or NoREC case compares the mesh with itself: any shape compares.
        boolean withItself = c.root() instanceof Tlp || c.root() instanceof NoRec;
        Reducer reducer = new Reducer(space.oracles::check, withItself ? n -> true : Comparability::holds, 400,
            deadline);
        Node reduced = reducer.reduce(c.root(), c.verdict());
        report.reduced(c, reduced, space.oracles.check(reduced), reducer.checks(),
            SourceDiagnosis.of(reduced, space.mesh.connection(), world));
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
