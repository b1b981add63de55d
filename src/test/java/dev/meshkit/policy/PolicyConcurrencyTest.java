package dev.meshkit.policy;

import static dev.meshkit.MeshTesting.rows;
import static dev.meshkit.policy.GovernedMesh.ANN;
import static dev.meshkit.policy.GovernedMesh.ANNA;
import static dev.meshkit.policy.GovernedMesh.BOB;
import static dev.meshkit.policy.GovernedMesh.CARL;
import static dev.meshkit.policy.GovernedMesh.CORA;
import static dev.meshkit.policy.GovernedMesh.ERIN;
import static dev.meshkit.policy.GovernedMesh.MALLORY;
import static dev.meshkit.policy.GovernedMesh.NORA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan cache is shared by every connection; its key includes the principal's policy
 * fingerprint. Sixteen threads run the same SQL texts as principals with different row filters
 * (different regions, :user, a missing attribute, an attribute holding SQL, and compliance, who
 * is exempt), and every result is checked against what that principal may see.
 */
class PolicyConcurrencyTest {

  static final int THREADS = 16;
  static final int QUERIES_PER_THREAD = 250;
  static final int QUERIES_PER_CONNECTION = 25;

  /** The same texts for everyone; the second binds a parameter. */
  static final String STATEMENT_SQL = "SELECT id, region FROM sales.orders ORDER BY id";
  static final String PREPARED_SQL = "SELECT id, region FROM sales.orders WHERE amount > ? ORDER BY id";
  static final String PRODUCT_ON_PRODUCT_SQL = "SELECT id FROM sales.big_orders ORDER BY id";

  /** The orders rows of the fixture: id, amount, region, handler. */
  record Order(int id, BigDecimal amount, String region, String handler) {}

  static final List<Order> ORDERS = List.of(
      new Order(10, new BigDecimal("50.00"), "EU", "carl"),
      new Order(11, new BigDecimal("150.00"), "EU", "zed"),
      new Order(12, new BigDecimal("75.00"), "US", "carl"),
      new Order(13, new BigDecimal("250.00"), "US", "zed"),
      new Order(14, new BigDecimal("1500.00"), "EU", "zed"),
      new Order(15, new BigDecimal("20.00"), "APAC", "zed"),
      new Order(16, new BigDecimal("30.00"), "EU' OR 'x' = 'x", "zed"));

  static final List<Principal> PRINCIPALS = List.of(ANN, ANNA, BOB, ERIN, NORA, MALLORY, CARL, CORA);

  /** Which orders rows each principal's row filters let through. */
  static final Map<String, Predicate<Order>> VISIBLE = Map.of(
      "ann", o -> o.region().equals("EU"),
      "anna", o -> o.region().equals("EU"),
      "bob", o -> o.region().equals("US"),
      "erin", o -> o.region().equals("APAC"),
      "nora", o -> false,
      "mallory", o -> o.region().equals("EU' OR 'x' = 'x"),
      "carl", o -> o.handler().equals("carl"),
      "cora", o -> true);

  static List<String> expected(Principal who, BigDecimal above) {
    return ORDERS.stream().filter(VISIBLE.get(who.name())).filter(o -> o.amount().compareTo(above) > 0)
        .map(o -> o.id() + "," + o.region()).toList();
  }

  /** big_orders carries its own filter (analysts below 1000), not orders'. */
  static List<String> expectedBig(Principal who) {
    boolean analyst = who.hasRole("analyst") && !who.hasRole("compliance");
    return ORDERS.stream().filter(o -> o.amount().compareTo(new BigDecimal("100")) >= 0)
        .filter(o -> !analyst || o.amount().compareTo(new BigDecimal("1000")) < 0)
        .map(o -> String.valueOf(o.id())).toList();
  }

  @TempDir
  Path dir;

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void sameSqlManyPrincipalsNoResultCrosses() throws Exception {
    try (GovernedMesh governed = new GovernedMesh(dir)) {
      Mesh mesh = governed.mesh;
      Queue<String> mismatches = new ConcurrentLinkedQueue<>();
      AtomicInteger checked = new AtomicInteger();
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Principal who = PRINCIPALS.get(t % PRINCIPALS.size());
        int thread = t;
        futures.add(pool.submit(() -> {
          start.await();
          Connection c = null;
          PreparedStatement prepared = null;
          try {
            for (int i = 0; i < QUERIES_PER_THREAD; i++) {
              if (i % QUERIES_PER_CONNECTION == 0) {
                if (c != null) {
                  c.close();
                }
                c = mesh.connect(who);
                prepared = c.prepareStatement(PREPARED_SQL);
              }
              List<String> actual;
              List<String> wanted;
              switch ((i + thread) % 3) {
                case 0 -> {
                  actual = rows(c, STATEMENT_SQL);
                  wanted = expected(who, new BigDecimal("-1"));
                }
                case 1 -> {
                  BigDecimal above = i % 2 == 0 ? BigDecimal.ZERO : new BigDecimal("100");
                  prepared.setBigDecimal(1, above);
                  try (ResultSet rs = prepared.executeQuery()) {
                    actual = rows(rs);
                  }
                  wanted = expected(who, above);
                }
                default -> {
                  actual = rows(c, PRODUCT_ON_PRODUCT_SQL);
                  wanted = expectedBig(who);
                }
              }
              checked.incrementAndGet();
              if (!actual.equals(wanted)) {
                mismatches.add(who.name() + " query " + i + ": expected " + wanted + " but got " + actual);
              }
            }
          } finally {
            if (c != null) {
              c.close();
            }
          }
          return null;
        }));
      }
      start.countDown();
      pool.shutdown();
      for (Future<?> f : futures) {
        f.get(240, TimeUnit.SECONDS);
      }
      assertEquals(THREADS * QUERIES_PER_THREAD, checked.get());
      assertTrue(mismatches.isEmpty(), mismatches.size() + " mismatches, first: "
          + mismatches.stream().limit(5).toList());
      Mesh.PlanCacheStats stats = mesh.planCacheStats();
      // The cache was really shared: far more hits than plans made.
      assertTrue(stats.hits() > stats.misses() * 10, stats.toString());
    }
  }
}
