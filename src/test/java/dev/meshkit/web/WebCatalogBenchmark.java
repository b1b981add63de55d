package dev.meshkit.web;

import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.write;

import dev.meshkit.Mesh;
import dev.meshkit.PasswordHasher;
import dev.meshkit.server.MeshServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the web catalog's pages wait for: the API calls of the search page and of a product page
 * (the product, then its lineage, quality, usage and feedback at once, as the page script asks),
 * over loopback with HTTP Basic, on the example mesh and on a generated mesh of 500 products.
 * Browser rendering is not included; the browser suite measures whole pages.
 *
 * <p>Run: {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.meshkit.web.WebCatalogBenchmark -Dexec.args="30"} (requests measured per
 * page; 5 more warm it up).
 */
public final class WebCatalogBenchmark {

  private WebCatalogBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    StringBuilder table = new StringBuilder("| mesh | products | page | median ms | p95 ms |\n|---|---:|---|---:|---:|\n");
    try (Mesh acme = Mesh.fromYaml(Path.of("examples/acme/mesh.yaml"))) {
      measure(table, "examples/acme", acme, "ann", "ann-demo", "orders", "sales.orders", runs);
    }
    Path dir = Files.createTempDirectory("meshkit-web-bench");
    try (Mesh generated = generated(dir, 500)) {
      measure(table, "generated", generated, "ann", "ann-secret", "orders 42", "d4.orders_42", runs);
    }
    System.out.print(table);
  }

  private static void measure(StringBuilder table, String name, Mesh mesh, String user, String password,
      String terms, String product, int runs) throws Exception {
    try (MeshServer server = MeshServer.builder(mesh).port(0).webCatalog(true).start()) {
      String api = server.catalogUrl().orElseThrow().replace("/catalog/", "/api/v1/");
      String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
          .getBytes(StandardCharsets.UTF_8));
      HttpClient http = HttpClient.newHttpClient();
      int count = http.send(get(api + "products", auth), HttpResponse.BodyHandlers.ofString()).body()
          .split("\"product_name\"").length - 1;
      long[] search = new long[runs];
      long[] page = new long[runs];
      for (int i = -5; i < runs; i++) {
        long start = System.nanoTime();
        ok(http.send(get(api + "session", auth), HttpResponse.BodyHandlers.ofString()));
        ok(http.send(get(api + "products?q=" + terms.replace(" ", "%20"), auth), HttpResponse.BodyHandlers.ofString()));
        long searched = System.nanoTime();
        ok(http.send(get(api + "session", auth), HttpResponse.BodyHandlers.ofString()));
        ok(http.send(get(api + "products/" + product, auth), HttpResponse.BodyHandlers.ofString()));
        List<CompletableFuture<HttpResponse<String>>> parts = new ArrayList<>();
        for (String part : List.of("lineage", "quality", "usage", "feedback")) {
          parts.add(http.sendAsync(get(api + "products/" + product + "/" + part, auth),
              HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> part : parts) {
          ok(part.join());
        }
        long done = System.nanoTime();
        if (i >= 0) {
          search[i] = searched - start;
          page[i] = done - searched;
        }
      }
      row(table, name, count, "search", search);
      row(table, name, count, "product page", page);
    }
  }

  private static HttpRequest get(String address, String auth) {
    return HttpRequest.newBuilder(URI.create(address)).header("Authorization", auth).build();
  }

  private static void ok(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": " + response.body());
    }
  }

  private static void row(StringBuilder table, String mesh, int products, String page, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    table.append(String.format("| %s | %d | %s | %.1f | %.1f |%n", mesh, products, page,
        sorted[sorted.length / 2] / 1e6, sorted[(int) Math.round(0.95 * (sorted.length - 1))] / 1e6));
  }

  /** {@code domains} of 50 products each over one H2 table, all readable by ann. */
  private static Mesh generated(Path dir, int products) throws Exception {
    String url = h2("webbench_" + System.nanoTime(),
        "CREATE TABLE orders(order_id INT PRIMARY KEY, customer_id INT, amount DECIMAL(10,2))",
        "INSERT INTO orders SELECT X, MOD(X, 50), X * 1.5 FROM SYSTEM_RANGE(1, 1000)");
    StringBuilder yaml = new StringBuilder("name: generated\ndomains:\n");
    for (int d = 0; d < products / 50; d++) {
      yaml.append("  - name: d").append(d).append("\n    owner: team").append(d).append("@example.com\n")
          .append("    sources:\n      - {name: src, type: jdbc, url: \"").append(url).append("\", user: sa, password: \"\"}\n")
          .append("    products:\n");
      for (int p = 0; p < 50; p++) {
        yaml.append("      - {name: orders_").append(p).append(", description: \"Orders of segment ").append(p)
            .append(" in domain ").append(d).append("\", sql: \"SELECT * FROM src.orders WHERE customer_id = ")
            .append(p).append("\"}\n");
      }
    }
    yaml.append("principals:\n  - {name: ann, roles: [analyst], password: \"")
        .append(PasswordHasher.hash("ann-secret".toCharArray())).append("\"}\n")
        .append("policies:\n  - name: analysts-read-everything\n    grant: {products: [\"*\"], roles: [analyst]}\n");
    return Mesh.fromYaml(write(dir.resolve("mesh.yaml"), yaml.toString()));
  }
}
