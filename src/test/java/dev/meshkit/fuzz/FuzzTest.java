package dev.meshkit.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshkit.fuzz.Verdict.Kind;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short differential fuzz run of the default suite: a few thousand generated queries over two
 * H2 databases and a CSV folder (PostgreSQL and MariaDB in place of one H2 database each when they
 * answer), each compared with one H2 database holding every table, or checked by ternary logic
 * partitioning or NoREC. {@code -Dmeshkit.fuzz.seed}, {@code -Dmeshkit.fuzz.queries} and
 * {@code -Dmeshkit.fuzz.query} choose what runs; {@code -Dmeshkit.fuzz.report=true} prints the
 * summary without failing. {@link FuzzLongTest} is the long run.
 */
class FuzzTest {

  static final long SEED = 1;
  /** Values each parameterized statement runs with: the mesh plans it once for all of them. */
  static final int BINDINGS = 8;
  static final int QUERIES = 3000;

  @TempDir
  static Path folder;
  static FuzzWorld world;
  static FuzzReport report;

  @BeforeAll
  static void run() throws Exception {
    Fuzzer.Settings settings = Fuzzer.Settings.fromProperties(SEED, QUERIES, BINDINGS, 2, 120);
    world = FuzzWorld.open(settings.seed(), FuzzWorld.availableKinds(), folder);
    report = new Fuzzer(world, settings).run();
    System.out.println(report.text());
  }

  @AfterAll
  static void close() throws Exception {
    if (world != null) {
      world.close();
    }
  }

  @Test
  void meshAnswersAsOneDatabaseDoes() {
    expectNone(report, Kind.WRONG_ANSWER, Kind.MESH_FAILS, Kind.REFERENCE_FAILS, Kind.TLP, Kind.NOREC);
  }

  /** Every failure over the whole run was an SQLException with an SQLState, and left the connection usable. */
  @Test
  void noJavaErrorLeavesTheDriver() {
    expectNone(report, Kind.JAVA_ERROR, Kind.CONNECTION_LOST);
  }

  /** Fails with the summary when the run found differences of these kinds, unless it only reports. */
  static void expectNone(FuzzReport report, Kind... kinds) {
    if (!Fuzzer.reportOnly()) {
      assertEquals(0, report.count(kinds), () -> "differences found; the summary:\n" + report.text());
    }
  }
}
