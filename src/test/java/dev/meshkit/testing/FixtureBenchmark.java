package dev.meshkit.testing;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * What {@code @MeshTest} costs: N generated tests run through the JUnit Platform launcher, each
 * reading the mesh through an injected connection, in each isolation mode.
 *
 * <pre>{@code
 * mvn -q test-compile exec:java -Dexec.mainClass=dev.meshkit.testing.FixtureBenchmark -Dexec.classpathScope=test
 * }</pre>
 *
 * Reports the class setup (the first includes loading the mesh and warming up the planner), the
 * median and 95th percentile of the per-test overhead (reseed and injection: from the start of a test
 * to the first line of its body) and the wall time for all N tests.
 */
public final class FixtureBenchmark {

  static final List<Long> BODY_STARTS = Collections.synchronizedList(new ArrayList<>());
  static final int N = 300;

  private FixtureBenchmark() {
  }

  static void body(Connection ann) throws SQLException {
    BODY_STARTS.add(System.nanoTime());
    try (Statement s = ann.createStatement();
         ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(amount) FROM sales.orders WHERE customer_id = 1")) {
      rs.next();
      if (rs.getLong(1) != 2) {
        throw new AssertionError("expected the 2 seeded orders of customer 1, got " + rs.getLong(1));
      }
    }
  }

  @MeshTest(descriptor = "meshkit-testing/shop.yaml", seed = "meshkit-testing/orders.csv")
  static class PerTest {
    @MeshConnection(user = "ann")
    Connection ann;

    @RepeatedTest(N)
    void query() throws SQLException {
      body(ann);
    }
  }

  @MeshTest(descriptor = "meshkit-testing/shop.yaml", seed = "meshkit-testing/orders.csv",
      isolation = Isolation.PER_CLASS)
  static class PerClass {
    @MeshConnection(user = "ann")
    Connection ann;

    @RepeatedTest(N)
    void query() throws SQLException {
      body(ann);
    }
  }

  @MeshTest(descriptor = "meshkit-testing/shop.yaml", seed = "meshkit-testing/orders.csv",
      isolation = Isolation.MESH_PER_TEST)
  static class MeshPerTest {
    @MeshConnection(user = "ann")
    Connection ann;

    @RepeatedTest(N / 10)
    void query() throws SQLException {
      body(ann);
    }
  }

  public static void main(String[] args) {
    System.out.printf("%-14s %6s %14s %18s %18s %12s%n", "isolation", "tests", "class setup ms",
        "per-test median ms", "per-test p95 ms", "total ms");
    // Each class in its own launcher run, so that each first run pays for loading its mesh.
    for (Class<?> type : List.of(PerTest.class, PerTest.class, PerClass.class, MeshPerTest.class)) {
      run(type);
    }
  }

  private static void run(Class<?> type) {
    BODY_STARTS.clear();
    List<Long> testStarts = Collections.synchronizedList(new ArrayList<>());
    long[] classTimes = new long[2];
    long[] firstTest = {0};
    List<String> failures = new ArrayList<>();
    TestExecutionListener listener = new TestExecutionListener() {
      @Override
      public void executionStarted(TestIdentifier id) {
        long now = System.nanoTime();
        if (id.isTest()) {
          testStarts.add(now);
          if (firstTest[0] == 0) {
            firstTest[0] = now;
          }
        } else if (id.getSource().filter(s -> s instanceof org.junit.platform.engine.support.descriptor.ClassSource)
            .isPresent()) {
          classTimes[0] = now;
        }
      }

      @Override
      public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
          failures.add(id.getDisplayName() + ": " + result.getThrowable().map(Throwable::getMessage).orElse(""));
        }
        if (id.getSource().filter(s -> s instanceof org.junit.platform.engine.support.descriptor.ClassSource)
            .isPresent()) {
          classTimes[1] = System.nanoTime();
        }
      }
    };
    Launcher launcher = LauncherFactory.create();
    launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(type)).build(), listener);
    if (!failures.isEmpty()) {
      throw new IllegalStateException(failures.size() + " tests failed, first: " + failures.get(0));
    }
    List<Double> overheads = new ArrayList<>();
    for (int i = 0; i < BODY_STARTS.size(); i++) {
      overheads.add((BODY_STARTS.get(i) - testStarts.get(i)) / 1e6);
    }
    Collections.sort(overheads);
    double setup = (firstTest[0] - classTimes[0]) / 1e6;
    System.out.printf(Locale.ROOT, "%-14s %6d %14.1f %18.2f %18.2f %12.0f%n", type.getSimpleName(), overheads.size(),
        setup, overheads.get(overheads.size() / 2), overheads.get((int) (overheads.size() * 0.95)),
        (classTimes[1] - classTimes[0]) / 1e6);
  }
}
