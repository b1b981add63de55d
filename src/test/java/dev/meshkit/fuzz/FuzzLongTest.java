package dev.meshkit.fuzz;

import dev.meshkit.fuzz.Verdict.Kind;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long fuzz run: at least 100,000 queries over all four source kinds, H2, PostgreSQL, MariaDB and CSV,
 * which must all be there under {@code -Dmeshkit.it.required=true}. Its own seed, so that it covers
 * other data and queries than the short run; the same properties as {@link FuzzTest} change it.
 * Tagged {@code fuzz}, so that the default run stays fast: {@code .ci/run} runs it, and
 * {@code mvn test -Dgroups=fuzz -DexcludedGroups= -Dtest=FuzzLongTest} runs it alone.
 */
@Tag("fuzz")
class FuzzLongTest {

  static final long SEED = 20_250_612;
  /** Values each parameterized statement runs with: the mesh plans it once for all of them. */
  static final int BINDINGS = 16;
  static final int QUERIES = 100_000;

  @TempDir
  static Path folder;
  static FuzzWorld world;
  static FuzzReport report;

  @BeforeAll
  static void run() throws Exception {
    Fuzzer.Settings settings = Fuzzer.Settings.fromProperties(SEED, QUERIES, BINDINGS, 2, 300);
    world = FuzzWorld.open(settings.seed(), FuzzWorld.allKinds(), folder);
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
    FuzzTest.expectNone(report, Kind.WRONG_ANSWER, Kind.MESH_FAILS, Kind.REFERENCE_FAILS, Kind.TLP, Kind.NOREC);
  }

  @Test
  void noJavaErrorLeavesTheDriver() {
    FuzzTest.expectNone(report, Kind.JAVA_ERROR, Kind.CONNECTION_LOST);
  }
}
