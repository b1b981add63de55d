package dev.meshkit.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.meshkit.Principal;
import dev.meshkit.server.Authenticator;
import dev.meshkit.server.MeshServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web catalog over HTTP through a real MeshServer: sign-in, the API, what each viewer sees, headers, assets. */
class WebCatalogTest {

  @TempDir
  static Path dir;
  static WebMesh web;

  @BeforeAll
  static void start() throws Exception {
    web = new WebMesh(dir);
  }

  @AfterAll
  static void stop() {
    web.close();
  }

  // ---- authentication ----

  @Test
  void theApiWithoutCredentialsIs401WithAChallengeAndPagesGoToTheLoginPage() throws Exception {
    HttpResponse<String> api = web.send(web.request("/api/v1/products").build());
    assertEquals(401, api.statusCode());
    assertTrue(api.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"), api.headers().toString());
    assertEquals("28000", WebMesh.JSON.readTree(api.body()).get("sqlState").asText());

    HttpResponse<String> page = web.send(web.request("/catalog/products/sales.orders").build());
    assertEquals(303, page.statusCode());
    assertEquals("/catalog/login?next=%2Fcatalog%2Fproducts%2Fsales.orders",
        page.headers().firstValue("Location").orElseThrow());
    HttpResponse<String> login = web.send(web.request("/catalog/login").build());
    assertEquals(200, login.statusCode());
    assertTrue(login.body().contains("id=\"login-form\""), login.body());
  }

  @Test
  void wrongCredentialsAre401AndCountAsFailedLoginsLikeTheJdbcEndpoints() throws Exception {
    long before = web.server.failedLogins();
    HttpResponse<String> api = web.send(web.request("/api/v1/products")
        .header("Authorization", WebMesh.basic("ann", "wrong")).build());
    assertEquals(401, api.statusCode());
    HttpResponse<String> login = web.send(web.request("/catalog/login").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"ann\",\"password\":\"wrong\"}")).build());
    assertEquals(401, login.statusCode());
    assertTrue(login.headers().firstValue("Set-Cookie").isEmpty());
    assertEquals(before + 2, web.server.failedLogins());
  }

  @Test
  void loginSetsAStrictHttpOnlySessionCookieThatLogoutEnds() throws Exception {
    WebMesh.Session session = web.login("ann");
    assertTrue(session.setCookie().contains("HttpOnly"), session.setCookie());
    assertTrue(session.setCookie().contains("SameSite=Strict"), session.setCookie());
    assertTrue(session.setCookie().contains("Max-Age="), session.setCookie());
    assertFalse(session.setCookie().contains("Secure"), "no Secure flag over plain HTTP: " + session.setCookie());
    assertTrue(session.cookie().length() > "meshkit_session=".length() + 40, "a long random token");

    HttpResponse<String> me = web.send(web.request("/api/v1/session").header("Cookie", session.cookie()).build());
    assertEquals(200, me.statusCode());
    JsonNode who = WebMesh.JSON.readTree(me.body());
    assertEquals("ann", who.get("principal").asText());
    assertEquals(session.csrf(), who.get("csrf_token").asText());
    assertEquals(200, web.send(web.request("/catalog/").header("Cookie", session.cookie()).build()).statusCode());

    HttpResponse<String> logout = web.send(web.request("/catalog/logout").header("Cookie", session.cookie())
        .header("Content-Type", "application/json").header("X-CSRF-Token", session.csrf())
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    assertEquals(200, logout.statusCode(), logout.body());
    assertTrue(logout.headers().firstValue("Set-Cookie").orElseThrow().contains("Max-Age=0"));
    assertEquals(401, web.send(web.request("/api/v1/session").header("Cookie", session.cookie()).build())
        .statusCode());
    assertEquals(303, web.send(web.request("/catalog/").header("Cookie", session.cookie()).build()).statusCode());
  }

  @Test
  void bearerTokensWorkWhenTheServerAuthenticatesWithThem() throws Exception {
    Authenticator tokens = Authenticator.bearer(token -> token.equals("t-ann")
        ? web.mesh.principal("ann") : Optional.<Principal>empty());
    try (MeshServer server = MeshServer.builder(web.mesh).port(0).authenticator(tokens).webCatalog(true).start()) {
      String base = server.catalogUrl().orElseThrow().replace("/catalog/", "");
      HttpResponse<String> ok = web.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/session"))
          .header("Authorization", "Bearer t-ann").build());
      assertEquals(200, ok.statusCode());
      assertEquals("ann", WebMesh.JSON.readTree(ok.body()).get("principal").asText());
      HttpResponse<String> refused = web.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/session"))
          .header("Authorization", "Bearer nope").build());
      assertEquals(401, refused.statusCode());
      assertTrue(refused.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
      HttpResponse<String> login = web.send(HttpRequest.newBuilder(URI.create(base + "/catalog/login"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"t-ann\"}")).build());
      assertEquals(200, login.statusCode(), login.body());
    }
  }

  @Test
  void underTlsTheSessionCookieIsSecure() throws Exception {
    Path keystore = dir.resolve("web.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "meshkit", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0);
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      trusted.load(in, "changeit".toCharArray());
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, trust.getTrustManagers(), null);
    try (MeshServer server = MeshServer.builder(web.mesh).port(0).tls(keystore, "changeit".toCharArray())
        .webCatalog(true).start()) {
      String catalog = server.catalogUrl().orElseThrow();
      assertTrue(catalog.startsWith("https://"), catalog);
      HttpResponse<String> login = HttpClient.newBuilder().sslContext(tls).build().send(
          HttpRequest.newBuilder(URI.create(catalog + "login")).header("Content-Type", "application/json")
              .header("Origin", catalog.substring(0, catalog.indexOf("/catalog/")))
              .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"ann\",\"password\":\"ann-secret\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, login.statusCode(), login.body());
      assertTrue(login.headers().firstValue("Set-Cookie").orElseThrow().contains("; Secure"));
    }
  }

  @Test
  void aServerWithoutTheCatalogAnswersItsPathsAsTheJdbcEndpointDoes() throws Exception {
    try (MeshServer server = MeshServer.builder(web.mesh).port(0).start()) {
      assertTrue(server.catalogUrl().isEmpty());
      String base = server.url().replace("jdbc:avatica:remote:url=", "").replace(";serialization=PROTOBUF", "");
      HttpResponse<String> page = web.send(HttpRequest.newBuilder(URI.create(base + "/catalog/")).build());
      assertEquals(405, page.statusCode());
    }
  }

  // ---- the API and what each viewer sees ----

  @Test
  void productsListTheViewersCatalogAndSearchRanksAsSqlDoes() throws Exception {
    JsonNode all = web.getJson("bert", "/api/v1/products");
    assertEquals(Set.of("sales.customer", "sales.orders", "sales.orders_old", "marketing.segments"), names(all));

    List<String> api = new ArrayList<>();
    web.getJson("bert", "/api/v1/products?q=orders%20customer").forEach(p ->
        api.add(p.get("domain_name").asText() + "." + p.get("product_name").asText()));
    List<String> sql = new ArrayList<>();
    try (Connection c = web.mesh.connect(web.mesh.principal("bert").orElseThrow());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT product_name FROM TABLE(catalog.search_products('orders customer'))"
            + " ORDER BY score DESC")) {
      while (rs.next()) {
        sql.add(rs.getString(1));
      }
    }
    assertFalse(sql.isEmpty());
    assertEquals(sql, api);
  }

  @Test
  void aDraftIsAsInvisibleOnTheWebAsInSqlToNonMembers() throws Exception {
    assertFalse(names(web.getJson("bert", "/api/v1/products")).contains("sales.plan"));
    assertFalse(names(web.getJson("bert", "/api/v1/products?q=secret%20plan")).contains("sales.plan"));
    JsonNode domains = web.getJson("bert", "/api/v1/domains");
    assertFalse(domains.toString().contains("plan"), domains.toString());

    HttpResponse<String> hidden = web.get("bert", "/api/v1/products/sales.plan");
    HttpResponse<String> missing = web.get("bert", "/api/v1/products/sales.nothing");
    assertEquals(404, hidden.statusCode());
    assertEquals(404, missing.statusCode());
    assertEquals(missing.body().replace("nothing", "plan"), hidden.body(), "hidden and nonexistent alike");
    for (String part : List.of("lineage", "quality", "usage", "feedback")) {
      assertEquals(404, web.get("bert", "/api/v1/products/sales.plan/" + part).statusCode(), part);
    }
    // The domain's member sees it, as in SQL.
    assertTrue(names(web.getJson("ann", "/api/v1/products")).contains("sales.plan"));
    assertEquals("draft", web.getJson("ann", "/api/v1/products/sales.plan").get("status").asText());
  }

  @Test
  void theProductPagesDataHasDescriptionSupportSlaSchemaAndASampleQuery() throws Exception {
    JsonNode orders = web.getJson("bert", "/api/v1/products/sales.orders");
    assertEquals("One row per order", orders.get("description_detail").get("purpose").asText());
    assertEquals("Join on customer_id", orders.get("description_detail").get("usage").asText());
    assertEquals("No returns", orders.get("description_detail").get("limitations").asText());
    assertEquals("#sales-data slack", orders.get("support").get(0).asText());
    assertEquals("2.1.0", orders.get("version").asText());
    assertEquals("1d", orders.get("sla_freshness").asText());
    assertEquals("sales@example.com", orders.get("owner").asText());
    assertEquals(List.of("order_id", "customer_id", "amount"), columnNames(orders));
    assertEquals("SELECT order_id, customer_id, amount\nFROM sales.orders\nLIMIT 10",
        orders.get("sample_query").asText());

    JsonNode old = web.getJson("bert", "/api/v1/products/sales.orders_old");
    assertEquals("deprecated", old.get("status").asText());
    assertEquals("sales.orders", old.get("replaced_by").asText());
  }

  @Test
  void theSchemaFlagsTheColumnsMaskedForTheViewer() throws Exception {
    JsonNode customer = web.getJson("bert", "/api/v1/products/sales.customer");
    for (JsonNode column : customer.get("columns")) {
      boolean phone = column.get("column_name").asText().equals("phone");
      assertEquals(phone, column.get("masked_for_me").asBoolean(), column.toString());
      if (phone) {
        assertEquals("confidential", column.get("classification").asText());
      }
    }
  }

  @Test
  void lineageIsAGraphOfColumnsFromUpstreamToDownstream() throws Exception {
    JsonNode graph = web.getJson("bert", "/api/v1/products/sales.customer/lineage");
    Set<String> edges = new TreeSet<>();
    graph.get("edges").forEach(e -> edges.add(e.get("from").asText() + " -> " + e.get("to").asText()));
    assertTrue(edges.contains("product:sales.customer.name -> product:marketing.segments.name"), edges.toString());
    Set<String> roles = new TreeSet<>();
    graph.get("nodes").forEach(n -> roles.add(n.get("role").asText()));
    assertTrue(roles.containsAll(Set.of("self", "downstream")), roles.toString());
    // bert is no member of sales: its source tables are hidden from him, and named for ann.
    assertTrue(edges.contains("hidden:(hidden) -> product:sales.customer.phone"), edges.toString());
    assertFalse(graph.toString().contains("erp."), graph.toString());
    JsonNode annGraph = web.getJson("ann", "/api/v1/products/sales.customer/lineage");
    assertTrue(annGraph.toString().contains("source:erp.CUSTOMER.PHONE"), annGraph.toString());
    // One edge per row of catalog.lineage for the product and for what reads it: the same rows as in SQL.
    try (Connection c = web.mesh.connect(web.mesh.principal("bert").orElseThrow());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM catalog.lineage WHERE product_name = 'customer'"
            + " OR input_name = 'customer'")) {
      rs.next();
      assertEquals(rs.getLong(1), graph.get("edges").size());
    }
  }

  @Test
  void onlyPrincipalsGrantedSysSeeTheReportAndTheChangeHistory() throws Exception {
    assertFalse(web.getJson("bert", "/api/v1/session").get("sys").asBoolean());
    assertTrue(web.getJson("root", "/api/v1/session").get("sys").asBoolean());
    for (String path : List.of("/api/v1/report", "/api/v1/changes")) {
      HttpResponse<String> refused = web.get("bert", path);
      assertEquals(403, refused.statusCode(), path);
      assertEquals("42501", WebMesh.JSON.readTree(refused.body()).get("sqlState").asText());
      assertEquals(200, web.get("root", path).statusCode(), path);
    }
    assertTrue(web.getJson("root", "/api/v1/report").get("markdown").asText().contains("#"));
  }

  // ---- security ----

  @Test
  void everyAnswerCarriesTheSecurityHeaders() throws Exception {
    for (String path : List.of("/catalog/login", "/catalog/", "/api/v1/products", "/api/v1/products/sales.nothing",
        "/catalog/assets/app.js")) {
      HttpResponse<String> response = web.get("ann", path);
      String csp = response.headers().firstValue("Content-Security-Policy").orElse("");
      assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'")
          && !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), path + ": " + csp);
      assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""), path);
      assertEquals("no-referrer", response.headers().firstValue("Referrer-Policy").orElse(""), path);
      assertEquals("DENY", response.headers().firstValue("X-Frame-Options").orElse(""), path);
    }
    assertEquals("no-store", web.get("ann", "/api/v1/products").headers().firstValue("Cache-Control").orElse(""));
    assertEquals("no-store", web.get("ann", "/catalog/").headers().firstValue("Cache-Control").orElse(""));
  }

  @Test
  void pagesHaveNoInlineScriptOrStyle() throws Exception {
    for (String path : List.of("/catalog/login", "/catalog/")) {
      String html = web.get("ann", path).body();
      assertFalse(html.matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), path + " has an inline script");
      assertFalse(html.contains("<style") || html.contains("style=") || html.contains("onclick"), path);
    }
  }

  @Test
  void assetsComeFromTheClassPathWithTheirTypesAndLongCaching() throws Exception {
    HttpResponse<String> echarts = web.send(web.request("/catalog/assets/echarts/5.3.1/echarts.min.js").build());
    assertEquals(200, echarts.statusCode());
    assertTrue(echarts.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
    assertTrue(echarts.headers().firstValue("Cache-Control").orElse("").contains("max-age=31536000"));
    assertTrue(echarts.body().length() > 500_000, "the whole library, from the WebJar");
    HttpResponse<String> css = web.send(web.request("/catalog/assets/catalog.css").build());
    assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
    assertTrue(css.headers().firstValue("Cache-Control").orElse("").contains("max-age="));
    // Only the catalog's own files: nothing else on the class path.
    assertNotEquals(200, web.send(web.request("/catalog/assets/../../dev/meshkit/Mesh.class").build()).statusCode());
    assertEquals(404, web.send(web.request("/catalog/assets/mesh.schema.json").build()).statusCode());
  }

  @Test
  void errorsAreJsonSentencesWithoutStackTraces() throws Exception {
    HttpResponse<String> bad = web.postJson("ann", "/api/v1/products/sales.orders/feedback", "{not json");
    assertEquals(400, bad.statusCode());
    JsonNode error = WebMesh.JSON.readTree(bad.body());
    assertEquals("The request body is not valid JSON", error.get("error").asText());
    assertFalse(bad.body().contains("Exception") || bad.body().contains("at dev."), bad.body());
    HttpResponse<String> method = web.send(web.request("/api/v1/products").header("Authorization",
        WebMesh.basic("ann")).DELETE().build());
    assertEquals(405, method.statusCode());
    assertEquals(404, web.get("ann", "/api/v1/nothing").statusCode());
    assertEquals(404, web.get("ann", "/catalog/nothing").statusCode());
    assertEquals(405, web.get("ann", "/api/v1").statusCode(), "not the catalog's: the JDBC endpoint's answer");
  }

  static Set<String> names(JsonNode products) {
    Set<String> names = new TreeSet<>();
    products.forEach(p -> names.add(p.get("domain_name").asText() + "." + p.get("product_name").asText()));
    return names;
  }

  static List<String> columnNames(JsonNode product) {
    List<String> names = new ArrayList<>();
    product.get("columns").forEach(c -> names.add(c.get("column_name").asText()));
    return names;
  }
}
