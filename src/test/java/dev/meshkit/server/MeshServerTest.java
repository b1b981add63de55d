package dev.meshkit.server;

import static dev.meshkit.MeshTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.AuditEvent;
import dev.meshkit.Principal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server through a stock Avatica client over loopback: the same answers as embedded, for the right user only. */
class MeshServerTest {

  private static final List<String> QUERIES = List.of(
      "SELECT customer_id, name, nation_id, phone FROM sales.customer ORDER BY customer_id",
      "SELECT COUNT(*), SUM(amount) FROM sales.orders WHERE customer_id = 2",
      "SELECT c.name, COUNT(*) AS n FROM sales.customer c JOIN sales.orders o ON o.customer_id = c.customer_id"
          + " GROUP BY c.name ORDER BY c.name");

  @TempDir
  static Path dir;
  static ServerMesh fixture;
  static MeshServer server;

  @BeforeAll
  static void start() throws Exception {
    fixture = new ServerMesh(dir);
    server = MeshServer.builder(fixture.mesh).port(0).start();
  }

  @AfterAll
  static void stop() {
    server.close();
    fixture.close();
  }

  @Test
  void urlIsTheAvaticaProtobufUrlOfTheChosenPort() {
    assertTrue(server.port() > 0);
    assertEquals("jdbc:avatica:remote:url=http://127.0.0.1:" + server.port() + ";serialization=PROTOBUF", server.url());
  }

  @Test
  void policiesHoldRemotelyExactlyAsEmbedded() throws Exception {
    for (String user : List.of("ann", "cora", "bert")) {
      try (Connection remote = ServerMesh.connect(server, user, ServerMesh.PASSWORDS.get(user));
          Connection embedded = fixture.mesh.connect(fixture.principal(user))) {
        for (String sql : QUERIES) {
          if (user.equals("bert") && sql.contains("orders")) {
            SQLException denied = assertThrows(SQLException.class, () -> rows(remote, sql));
            assertTrue(denied.getMessage().contains("sales.orders"), denied.getMessage());
            continue;
          }
          assertEquals(rows(embedded, sql), rows(remote, sql), user + ": " + sql);
        }
      }
    }
    // The policies really differ between the three, so equal answers mean they were applied remotely.
    try (Connection ann = ServerMesh.connect(server, "ann", "ann-secret");
        Connection cora = ServerMesh.connect(server, "cora", "cora-secret");
        Connection bert = ServerMesh.connect(server, "bert", "bert-secret")) {
      String sql = QUERIES.get(0);
      assertTrue(rows(cora, sql).contains("2,Bodo,2,+49 170 200 202"));
      assertFalse(rows(ann, sql).toString().contains("+49 170 200 202"));
      assertEquals(5, rows(ann, sql).size());
      assertEquals(2, rows(bert, sql).size());
    }
  }

  @Test
  void auditEventsNameTheAuthenticatedPrincipal() throws Exception {
    String marker = "SELECT name FROM sales.customer WHERE customer_id = 3";
    try (Connection bert = ServerMesh.connect(server, "bert", "bert-secret")) {
      assertEquals(List.of("Cleo"), rows(bert, marker));
    }
    AuditEvent event = fixture.mesh.auditEvents().stream().filter(e -> marker.equals(e.sql()))
        .reduce((a, b) -> b).orElseThrow();
    assertEquals("bert", event.principal());
    assertEquals(1, event.rowsReturned());
  }

  @Test
  void clientPropertiesCannotChangeIdentityOrConfigureTheEngine() throws Exception {
    Properties sneaky = new Properties();
    sneaky.setProperty("user", "cora");
    sneaky.setProperty("password", "cora-secret");
    sneaky.setProperty("model", "inline:{version: '1.0', schemas: []}");
    sneaky.setProperty("schemaFactory", "org.apache.calcite.adapter.jdbc.JdbcSchema$Factory");
    sneaky.setProperty("schema", "sales");
    sneaky.setProperty("fun", "oracle");
    try (Connection c = ServerMesh.connect(server.url(), "bert", "bert-secret", sneaky);
        Connection embeddedBert = fixture.mesh.connect(fixture.principal("bert"))) {
      List<String> seen = rows(c, QUERIES.get(0));
      assertEquals(rows(embeddedBert, QUERIES.get(0)), seen);
      assertEquals(2, seen.size());
      assertFalse(seen.toString().contains("+49 170 200 202"), "cora's unmasked phones: " + seen);
      SQLException denied = assertThrows(SQLException.class, () -> rows(c, QUERIES.get(1)));
      assertTrue(denied.getMessage().contains("sales.orders"), denied.getMessage());
    }
  }

  @Test
  void wrongOrMissingCredentialsGetHttp401() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String base = server.url().replaceAll(".*url=([^;]+);.*", "$1");
    HttpRequest anonymous = HttpRequest.newBuilder(URI.create(base)).POST(HttpRequest.BodyPublishers.ofByteArray(new byte[0])).build();
    HttpResponse<String> noCredentials = http.send(anonymous, HttpResponse.BodyHandlers.ofString());
    assertEquals(401, noCredentials.statusCode());
    assertTrue(noCredentials.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
    for (String[] credentials : List.of(new String[] {"ann", "wrong"}, new String[] {"nobody", "ann-secret"},
        new String[] {"dave", ""}, new String[] {"ann", "cora-secret"})) {
      String basic = Base64.getEncoder().encodeToString((credentials[0] + ":" + credentials[1]).getBytes(StandardCharsets.UTF_8));
      HttpRequest request = HttpRequest.newBuilder(URI.create(base)).header("Authorization", "Basic " + basic)
          .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[0])).build();
      assertEquals(401, http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode(), credentials[0]);
    }
    // The stock client reports the status as it is, in an unchecked exception of its own.
    RuntimeException refused = assertThrows(RuntimeException.class, () -> ServerMesh.connect(server, "ann", "wrong"));
    assertEquals("Failed to execute HTTP Request, got HTTP/401", refused.getMessage());
  }

  @Test
  void onlyPostIsServed() throws Exception {
    String base = server.url().replaceAll(".*url=([^;]+);.*", "$1");
    HttpResponse<String> get = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(405, get.statusCode());
  }

  @Test
  void sixteenConcurrentClientsAsDifferentPrincipalsGetTheirOwnAnswers() throws Exception {
    // Sixteen principals through a token authenticator: four nations, so four different row filters.
    List<Principal> principals = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      principals.add(Principal.builder("partner" + i).role("partner").attribute("nation", String.valueOf(i % 4 + 1)).build());
    }
    Authenticator tokens = Authenticator.bearer(token -> principals.stream()
        .filter(p -> token.equals("token-" + p.name())).findFirst());
    String sql = QUERIES.get(0);
    try (MeshServer tokenServer = MeshServer.builder(fixture.mesh).port(0).authenticator(tokens).start()) {
      List<List<String>> expected = new ArrayList<>();
      for (Principal p : principals) {
        try (Connection embedded = fixture.mesh.connect(p)) {
          expected.add(rows(embedded, sql));
        }
      }
      java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(16);
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(16);
      try {
        List<java.util.concurrent.Future<List<List<String>>>> results = new ArrayList<>();
        for (Principal p : principals) {
          results.add(pool.submit(() -> {
            Properties props = new Properties();
            props.setProperty("authentication", "BEARER");
            props.setProperty("bearer_token", "token-" + p.name());
            List<List<String>> seen = new ArrayList<>();
            try (Connection c = java.sql.DriverManager.getConnection(tokenServer.url(), props)) {
              barrier.await();
              for (int round = 0; round < 5; round++) {
                seen.add(rows(c, sql));
              }
            }
            return seen;
          }));
        }
        for (int i = 0; i < 16; i++) {
          for (List<String> answer : results.get(i).get()) {
            assertEquals(expected.get(i), answer, principals.get(i).name());
          }
        }
      } finally {
        pool.shutdownNow();
      }
      assertNotEquals(expected.get(0), expected.get(1));
      assertTrue(expected.stream().allMatch(r -> !r.toString().contains("+49 170 200 202")));
    }
  }
}
