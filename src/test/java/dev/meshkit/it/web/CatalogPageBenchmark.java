package dev.meshkit.it.web;

import dev.meshkit.Mesh;
import dev.meshkit.server.MeshServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Page load times of the web catalog's search page (before a search, when it lists every product, and
 * with a search) and product page for the example mesh and for
 * a generated mesh of 500 products (see {@link GeneratedMesh}), two ways:
 *
 * <ul>
 *   <li>in headless Chromium, from the start of the navigation until the page says its data is
 *       loaded and drawn ({@code body[data-ready=true]}, recorded in the page by a mutation observer
 *       installed before any of the page's scripts runs), with DOMContentLoaded beside it;
 *   <li>at the HTTP API: the page's main call (the search, the product) alone, with the session
 *       cookie the browser got and with HTTP Basic as a script would call it; and each call the
 *       product page makes, as the page made it (in parallel, from the browser's resource timing)
 *       and alone.
 * </ul>
 *
 * Each measurement is repeated and the median printed, as Markdown tables for docs/performance.md.
 *
 * <p>Run: {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.meshkit.it.web.CatalogPageBenchmark -Dexec.args="15 500"} (runs per
 * measurement, after 3 to warm up; products of the generated mesh).
 */
public final class CatalogPageBenchmark {

  private static final int WARMUP = 3;
  /** Records when the body first says ready, in the page's own clock (ms since the navigation began). */
  private static final String READY_OBSERVER = """
      new MutationObserver((changes, observer) => {
        if (document.body && document.body.dataset.ready === 'true' && window.__meshkitReadyAt === undefined) {
          window.__meshkitReadyAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-ready']});""";
  private static final String AWAIT_READY = """
      const done = arguments[arguments.length - 1];
      const started = Date.now();
      (function poll() {
        if (window.__meshkitReadyAt !== undefined) {
          const nav = performance.getEntriesByType('navigation')[0];
          done([window.__meshkitReadyAt, nav.domContentLoadedEventEnd,
              performance.getEntriesByType('resource').map(r => [r.name, r.duration])]);
        } else if (Date.now() - started > 30000) {
          done(null);
        } else {
          setTimeout(poll, 5);
        }
      })();""";

  private final int runs;
  private final HttpClient http = HttpClient.newHttpClient();
  private final StringBuilder table = new StringBuilder();
  private final StringBuilder requests = new StringBuilder();

  private CatalogPageBenchmark(int runs) {
    this.runs = runs;
  }

  /** One mesh to measure: who signs in, what the search page searches, which product page opens. */
  private record Subject(String label, Mesh mesh, String user, String password, String terms, String product) {
  }

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int products = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    Browser.require();
    CatalogPageBenchmark bench = new CatalogPageBenchmark(runs);
    bench.table.append("| mesh | page | browser: until the data is shown | browser: DOMContentLoaded"
        + " | API calls the page makes | its main API call alone, session cookie | the same, HTTP Basic |\n")
        .append("|---|---|---:|---:|---:|---:|---:|\n");
    bench.requests.append("| mesh | API call of the product page | in the page (in parallel) | alone |\n")
        .append("|---|---|---:|---:|\n");
    Path exampleDir = Files.createTempDirectory("meshkit-page-bench-example");
    try (Mesh mesh = CatalogMesh.load(exampleDir)) {
      bench.measure(new Subject("example (" + count(mesh, "ann") + " products)", mesh, "ann",
          CatalogMesh.PASSWORDS.get("ann"), "orders", "sales.revenue_by_nation"));
    }
    Path generatedDir = Files.createTempDirectory("meshkit-page-bench-generated");
    try (Mesh mesh = Mesh.fromYaml(GeneratedMesh.write(generatedDir, products))) {
      String product = GeneratedMesh.DOMAINS.get(0) + "." + GeneratedMesh.product(9);   // two levels of lineage
      String label = "generated (" + count(mesh, GeneratedMesh.USER) + " products)";
      bench.measure(new Subject(label, mesh, GeneratedMesh.USER, GeneratedMesh.PASSWORD, "orders", product));
    }
    System.out.println();
    System.out.println(bench.table);
    System.out.println(bench.requests);
  }

  private void measure(Subject subject) throws Exception {
    // Some usage for the product page's chart, as a consumer would leave it.
    try (Connection c = subject.mesh.connect(subject.mesh.principal(subject.user).orElseThrow());
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + subject.product)) {
      while (rs.next()) {
        // every row is read, so that it counts as served
      }
    }
    subject.mesh.quality().run(subject.product);
    try (MeshServer server = MeshServer.builder(subject.mesh).port(0).webCatalog(true).start();
        Browser browser = Browser.start()) {
      String root = "http://127.0.0.1:" + server.port();
      browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", READY_OBSERVER));
      signIn(browser, root, subject);
      String session = browser.driver.manage().getCookies().stream()
          .map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
      String basic = "Basic " + Base64.getEncoder().encodeToString(
          (subject.user + ":" + subject.password).getBytes(StandardCharsets.UTF_8));
      // The catalog's first page, before any search, lists every product the viewer may find.
      Page everything = page(browser, root + "/catalog/");
      Page search = page(browser, root + "/catalog/?q=" + subject.terms);
      Page product = page(browser, root + "/catalog/products/" + subject.product);
      row(subject, "search, no terms (every product)", everything, root + "/api/v1/products", session, basic);
      row(subject, "search `" + subject.terms + "`", search, root + "/api/v1/products?q=" + subject.terms, session,
          basic);
      row(subject, "product", product, root + "/api/v1/products/" + subject.product, session, basic);
      for (String call : product.apiCalls()) {
        requests.append("| ").append(subject.label).append(" | `").append(call.substring(root.length()))
            .append("` | ").append(ms(product.requests.get(call))).append(" | ")
            .append(ms(time(call, "Cookie", session))).append(" |\n");
      }
    }
  }

  private static void signIn(Browser browser, String root, Subject subject) {
    browser.open(root + "/catalog/login");
    WebElement user = browser.waitForId("login-user");
    user.sendKeys(subject.user);
    browser.driver.findElement(By.id("login-password")).sendKeys(subject.password);
    browser.driver.findElement(By.id("login-submit")).click();
    browser.waitForText(By.id("whoami"), subject.user);
    if (browser.driver.manage().getCookies().isEmpty()) {
      throw new IllegalStateException("signing in set no cookie");
    }
  }

  /** What loading a page took: medians, and the median of each request it made (API calls and assets). */
  private record Page(double shown, double contentLoaded, Map<String, Double> requests) {
    List<String> apiCalls() {
      return requests.keySet().stream().filter(u -> u.contains("/api/v1/")).toList();
    }
  }

  @SuppressWarnings("unchecked")
  private Page page(Browser browser, String url) {
    List<Double> shown = new ArrayList<>();
    List<Double> contentLoaded = new ArrayList<>();
    Map<String, List<Double>> requests = new LinkedHashMap<>();
    for (int i = 0; i < WARMUP + runs; i++) {
      browser.open(url);
      List<Object> result = (List<Object>) browser.driver.executeAsyncScript(AWAIT_READY);
      if (result == null) {
        throw new IllegalStateException(url + " never said it was ready (body[data-ready=true])");
      }
      if (i < WARMUP) {
        continue;
      }
      shown.add(((Number) result.get(0)).doubleValue());
      contentLoaded.add(((Number) result.get(1)).doubleValue());
      for (Object entry : (List<Object>) result.get(2)) {
        List<Object> pair = (List<Object>) entry;
        requests.computeIfAbsent((String) pair.get(0), k -> new ArrayList<>()).add(((Number) pair.get(1)).doubleValue());
      }
    }
    Map<String, Double> medians = new TreeMap<>();
    requests.forEach((u, ms) -> medians.put(u, median(ms)));
    return new Page(median(shown), median(contentLoaded), medians);
  }

  /** A line of the main table: the page in the browser, and its main API call alone, with the cookie and with Basic. */
  private void row(Subject subject, String name, Page page, String mainCall, String session, String basic)
      throws Exception {
    table.append("| ").append(subject.label).append(" | ").append(name).append(" | ").append(ms(page.shown))
        .append(" | ").append(ms(page.contentLoaded)).append(" | ").append(page.apiCalls().size())
        .append(" | ").append(ms(time(mainCall, "Cookie", session)))
        .append(" | ").append(ms(time(mainCall, "Authorization", basic))).append(" |\n");
  }

  /** The median time of GET url with one header, every answer read whole and required to be 200. */
  private double time(String url, String header, String value) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header(header, value).GET().build();
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < WARMUP + runs; i++) {
      long start = System.nanoTime();
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      double elapsed = (System.nanoTime() - start) / 1e6;
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET " + url + " answered " + response.statusCode());
      }
      if (i >= WARMUP) {
        ms.add(elapsed);
      }
    }
    return median(ms);
  }

  /** The products in the catalog of the user who signs in. */
  private static long count(Mesh mesh, String user) throws Exception {
    try (Connection c = mesh.connect(mesh.principal(user).orElseThrow()); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM catalog.products")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static String ms(double ms) {
    return String.format(Locale.ROOT, ms < 10 ? "%.1f" : "%.0f", ms);
  }
}
