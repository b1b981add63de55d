package dev.meshkit.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Refused web logins are throttled with the JDBC endpoint's: after five of one user from one
 * address within a minute, that user's logins from there are answered 429 for a while, unchecked.
 */
class WebLoginThrottleTest {

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

  private static HttpResponse<String> login(String user, String password) throws Exception {
    return web.send(web.request("/catalog/login").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(WebMesh.JSON.createObjectNode().put("user", user)
            .put("password", password).toString())).build());
  }

  @Test
  void fiveWrongPasswordsAndTheNextLoginWaitsOnThePageTheApiAndJdbcAlike() throws Exception {
    for (int i = 0; i < 3; i++) {
      assertEquals(401, login("root", "guess-" + i).statusCode());
    }
    for (int i = 3; i < 5; i++) {
      assertEquals(401, web.send(web.request("/api/v1/products")
          .header("Authorization", WebMesh.basic("root", "guess-" + i)).build()).statusCode());
    }
    HttpResponse<String> page = login("root", WebMesh.PASSWORDS.get("root"));
    assertEquals(429, page.statusCode(), page.body());
    assertTrue(page.headers().firstValue("Set-Cookie").isEmpty());
    long retry = Long.parseLong(page.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(retry > 0 && retry <= 15, String.valueOf(retry));
    assertEquals("Too many failed logins for this user from your address: try again in " + retry + " seconds",
        WebMesh.JSON.readTree(page.body()).get("error").asText());
    assertEquals(429, web.get("root", "/api/v1/products").statusCode());
    // The JDBC endpoint shares the count.
    assertEquals(429, web.send(web.request("/").header("Authorization", WebMesh.basic("root"))
        .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode());
    // Other users from the same address sign in as before.
    assertEquals(200, login("ann", WebMesh.PASSWORDS.get("ann")).statusCode());
    assertEquals(200, web.get("bert", "/api/v1/products").statusCode());
  }
}
