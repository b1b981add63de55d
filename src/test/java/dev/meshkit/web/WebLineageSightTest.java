package dev.meshkit.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lineage API on a freshly started server, whoever asks first and however many ask at once:
 * bert (no member of sales, no explain grant) never sees the sales source tables or its draft,
 * ann (a member) always does.
 */
class WebLineageSightTest {

  @TempDir
  Path dir;

  private static void check(WebMesh web, String user, String product) throws Exception {
    String graph = web.getJson(user, "/api/v1/products/" + product + "/lineage").toString();
    if (user.equals("bert")) {
      assertFalse(graph.contains("erp."), graph);
      assertFalse(graph.contains("sales.plan"), graph);
      assertTrue(graph.contains("(hidden)"), graph);
    } else {
      assertTrue(graph.contains("source:erp."), graph);
    }
  }

  @Test
  void whoeverAsksFirstOnAFreshServerEachSeesTheirOwnLineage() throws Exception {
    for (int round = 0; round < 4; round++) {
      List<String> order = round % 2 == 0 ? List.of("ann", "bert", "ann", "bert") : List.of("bert", "ann", "bert", "ann");
      try (WebMesh web = new WebMesh(dir.resolve("round" + round))) {
        for (String user : order) {
          check(web, user, "sales.orders");
          check(web, user, "sales.customer");
        }
      }
    }
  }

  @Test
  void manyViewersAtOnceOnAFreshServer() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (WebMesh web = new WebMesh(dir)) {
      List<Callable<Void>> asks = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        String user = i % 2 == 0 ? "bert" : "ann";
        String product = i % 4 < 2 ? "sales.customer" : "sales.orders";
        asks.add(() -> {
          check(web, user, product);
          return null;
        });
      }
      for (Future<Void> done : pool.invokeAll(asks)) {
        done.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
