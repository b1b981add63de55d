package dev.meshkit.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document at /api/v1/openapi.json stays true: it documents every route, and every documented path answers. */
class OpenApiTest {

  @TempDir
  static Path dir;
  static WebMesh web;
  static JsonNode openapi;

  @BeforeAll
  static void start() throws Exception {
    web = new WebMesh(dir);
    HttpResponse<String> response = web.send(web.request("/api/v1/openapi.json").build());
    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    openapi = WebMesh.JSON.readTree(response.body());
  }

  @AfterAll
  static void stop() {
    web.close();
  }

  @Test
  void itIsAnOpenApi3DocumentOfExactlyTheRoutesTheCatalogAnswers() {
    assertTrue(openapi.get("openapi").asText().startsWith("3."));
    assertEquals(new TreeSet<>(WebCatalog.ROUTES), documented());
  }

  @Test
  void everyDocumentedOperationAnswersAsTheDocumentSays() throws Exception {
    for (String operation : documented()) {
      String method = operation.substring(0, operation.indexOf(' '));
      String path = operation.substring(operation.indexOf(' ') + 1)
          .replace("{product}", "sales.orders").replace("{id}", "999999");
      HttpRequest.Builder request = web.request(path).header("Authorization", WebMesh.basic("root"));
      if (method.equals("POST")) {
        String body = path.endsWith("/feedback") ? "{\"rating\": 5}"
            : path.endsWith("/login") ? "{\"user\":\"root\",\"password\":\"root-secret\"}" : "{}";
        request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
      }
      HttpResponse<String> response = web.send(request.build());
      Set<String> statuses = new TreeSet<>();
      openapi.get("paths").get(operation.substring(operation.indexOf(' ') + 1)).get(method.toLowerCase())
          .get("responses").fieldNames().forEachRemaining(statuses::add);
      assertTrue(statuses.contains(String.valueOf(response.statusCode())),
          operation + " answered " + response.statusCode() + ", documented " + statuses + ": " + response.body());
      assertNotEquals(405, response.statusCode(), operation);
    }
  }

  private static Set<String> documented() {
    Set<String> routes = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = openapi.get("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      path.getValue().fieldNames().forEachRemaining(method -> routes.add(method.toUpperCase() + " " + path.getKey()));
    }
    return routes;
  }
}
