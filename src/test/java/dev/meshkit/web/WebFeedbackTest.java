package dev.meshkit.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Feedback through the API, its protection against cross-site requests, and the products' history charts' data. */
class WebFeedbackTest {

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

  @Test
  void aRatingPostedComesBackInTheListAndInTheProduct() throws Exception {
    HttpResponse<String> posted = web.postJson("bert", "/api/v1/products/sales.customer/feedback",
        "{\"rating\": 4, \"comment\": \"Complete and fresh\"}");
    assertEquals(201, posted.statusCode(), posted.body());
    JsonNode rating = WebMesh.JSON.readTree(posted.body());
    assertEquals("rating", rating.get("kind").asText());
    assertEquals(4, rating.get("rating").asInt());

    JsonNode list = web.getJson("bert", "/api/v1/products/sales.customer/feedback");
    assertEquals(1, list.size(), list.toString());
    assertEquals("Complete and fresh", list.get(0).get("comment").asText());
    assertEquals(rating.get("id").asLong(), list.get(0).get("id").asLong());
    JsonNode product = web.getJson("bert", "/api/v1/products/sales.customer");
    assertEquals(4.0, product.get("rating_avg").asDouble());
    assertEquals(1, product.get("rating_count").asInt());
  }

  @Test
  void aCommentWithMarkupIsKeptAndAnsweredAsTextInJson() throws Exception {
    String payload = "<script>alert(1)</script><img src=x onerror=alert(2)>";
    HttpResponse<String> posted = web.postJson("ann", "/api/v1/products/sales.orders/feedback",
        WebMesh.JSON.createObjectNode().put("rating", 2).put("comment", payload).toString());
    assertEquals(201, posted.statusCode(), posted.body());
    HttpResponse<String> list = web.get("ann", "/api/v1/products/sales.orders/feedback");
    assertTrue(list.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    assertEquals("nosniff", list.headers().firstValue("X-Content-Type-Options").orElse(""));
    assertEquals(payload, WebMesh.JSON.readTree(list.body()).get(0).get("comment").asText());
    // The page script puts comments in with textContent only: markup never becomes elements.
    String app = web.send(web.request("/catalog/assets/app.js").build()).body();
    assertFalse(app.contains("innerHTML") || app.contains("outerHTML") || app.contains("insertAdjacentHTML")
        || app.contains("document.write"), "app.js must build the page from text nodes");
  }

  @Test
  void problemsAreReportedAndResolvedByTheDomainsMembersOnly() throws Exception {
    HttpResponse<String> reported = web.postJson("bert", "/api/v1/products/sales.orders/feedback",
        "{\"kind\": \"problem\", \"comment\": \"Yesterday's orders are missing\"}");
    assertEquals(201, reported.statusCode(), reported.body());
    long id = WebMesh.JSON.readTree(reported.body()).get("id").asLong();
    assertEquals("open", WebMesh.JSON.readTree(reported.body()).get("status").asText());

    HttpResponse<String> byBert = web.postJson("bert", "/api/v1/feedback/" + id + "/resolve", "{}");
    assertEquals(403, byBert.statusCode(), byBert.body());
    HttpResponse<String> byAnn = web.postJson("ann", "/api/v1/feedback/" + id + "/resolve", "{}");
    assertEquals(200, byAnn.statusCode(), byAnn.body());
    JsonNode resolved = WebMesh.JSON.readTree(byAnn.body());
    assertEquals("resolved", resolved.get("status").asText());
    assertEquals("ann", resolved.get("resolved_by").asText());
  }

  @Test
  void wrongFeedbackIsRefusedWithASentence() throws Exception {
    HttpResponse<String> six = web.postJson("bert", "/api/v1/products/sales.orders/feedback", "{\"rating\": 6}");
    assertEquals(400, six.statusCode());
    assertTrue(WebMesh.JSON.readTree(six.body()).get("error").asText().contains("1"), six.body());
    HttpResponse<String> text = web.postJson("bert", "/api/v1/products/sales.orders/feedback", "{\"rating\": \"4\"}");
    assertEquals(400, text.statusCode());
    HttpResponse<String> draft = web.postJson("bert", "/api/v1/products/sales.plan/feedback", "{\"rating\": 1}");
    HttpResponse<String> none = web.postJson("bert", "/api/v1/products/sales.nope/feedback", "{\"rating\": 1}");
    assertEquals(404, draft.statusCode());
    assertEquals(none.body().replace("nope", "plan"), draft.body());
  }

  @Test
  void postsWithTheSessionCookieNeedTheCsrfTokenJsonAndThisOrigin() throws Exception {
    WebMesh.Session session = web.login("bert");
    String path = "/api/v1/products/sales.orders_old/feedback";
    String body = "{\"rating\": 3}";
    HttpResponse<String> noToken = web.send(web.request(path).header("Cookie", session.cookie())
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    assertEquals(403, noToken.statusCode());
    assertTrue(noToken.body().contains("CSRF"), noToken.body());
    HttpResponse<String> wrongToken = web.send(web.request(path).header("Cookie", session.cookie())
        .header("X-CSRF-Token", session.csrf() + "x")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    assertEquals(403, wrongToken.statusCode());
    HttpResponse<String> form = web.send(web.request(path).header("Cookie", session.cookie())
        .header("X-CSRF-Token", session.csrf()).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("rating=3")).build());
    assertEquals(415, form.statusCode());
    HttpResponse<String> otherOrigin = web.send(web.request(path).header("Cookie", session.cookie())
        .header("X-CSRF-Token", session.csrf()).header("Origin", "https://evil.example")
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    assertEquals(403, otherOrigin.statusCode());
    assertEquals(0, feedbackCount(), "nothing refused was stored");
    HttpResponse<String> basic = web.postJson("bert", path, body);
    assertEquals(201, basic.statusCode(), "Basic credentials need no CSRF token: " + basic.body());

    HttpResponse<String> ok = web.send(web.request(path).header("Cookie", session.cookie())
        .header("X-CSRF-Token", session.csrf()).header("Origin", web.base)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    assertEquals(201, ok.statusCode(), ok.body());
  }

  /** Feedback on orders_old, which only this test gives. */
  private static long feedbackCount() throws Exception {
    try (Connection c = web.mesh.connect(web.mesh.principal("root").orElseThrow());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM catalog.feedback WHERE product_name = 'orders_old'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void qualityAndUsageHistoriesAreTheCatalogTablesRows() throws Exception {
    web.mesh.quality().run("sales.orders");
    web.mesh.quality().run("sales.orders");
    try (Connection c = web.mesh.connect(web.mesh.principal("bert").orElseThrow());
        Statement s = c.createStatement()) {
      s.executeQuery("SELECT COUNT(*) FROM sales.orders").close();
    }
    JsonNode quality = web.getJson("bert", "/api/v1/products/sales.orders/quality");
    assertEquals(2, quality.get("history").size(), quality.toString());
    assertEquals("passed", quality.get("current").get(0).get("status").asText());
    JsonNode usage = web.getJson("bert", "/api/v1/products/sales.orders/usage");
    assertEquals(1, usage.get("history").size(), usage.toString());
    assertTrue(usage.get("history").get(0).get("queries").asLong() >= 1);
  }
}
