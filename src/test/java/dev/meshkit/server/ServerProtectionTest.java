package dev.meshkit.server;

import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.rows;
import static dev.meshkit.MeshTesting.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.PasswordHasher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What keeps one client from taking the server: a connection limit per principal, failed logins
 * counted and logged, and the statement timeout stopping work in the JVM, not only in sources.
 */
class ServerProtectionTest {

  @TempDir
  static Path dir;
  static Mesh mesh;

  /** Two H2 databases of 3,000 rows, so that a join between them runs in the JVM. */
  @BeforeAll
  static void load() throws SQLException {
    String a = h2("protect_a", "CREATE TABLE n(i INT PRIMARY KEY, v INT)",
        "INSERT INTO n SELECT X, MOD(X, 97) FROM SYSTEM_RANGE(1, 3000)");
    String b = h2("protect_b", "CREATE TABLE m(i INT PRIMARY KEY, v INT)",
        "INSERT INTO m SELECT X, MOD(X, 89) FROM SYSTEM_RANGE(1, 3000)");
    Path descriptor = write(dir.resolve("mesh.yaml"), """
        name: protected
        domains:
          - name: a
            owner: a@example.com
            sources: [{name: db, type: jdbc, url: "%s", user: sa, password: ""}]
            products: [{name: n, description: numbers, sql: "SELECT * FROM db.n"}]
          - name: b
            owner: b@example.com
            sources: [{name: db, type: jdbc, url: "%s", user: sa, password: ""}]
            products: [{name: m, description: more numbers, sql: "SELECT * FROM db.m"}]
        principals:
          - {name: ann, password: "%s"}
          - {name: bob, password: "%s"}
        policies:
          - name: everyone-reads-everything
            grant: {products: ["*"]}
        """.formatted(a, b, PasswordHasher.hash("ann-secret".toCharArray()),
        PasswordHasher.hash("bob-secret".toCharArray())));
    mesh = Mesh.fromYaml(descriptor);
  }

  @AfterAll
  static void close() {
    mesh.close();
  }

  @Test
  void onePrincipalCannotTakeEveryConnection() throws Exception {
    try (MeshServer server = MeshServer.builder(mesh).port(0).maxConnections(4).maxConnectionsPerPrincipal(2)
        .start()) {
      List<Connection> anns = new ArrayList<>();
      try {
        anns.add(ServerMesh.connect(server, "ann", "ann-secret"));
        anns.add(ServerMesh.connect(server, "ann", "ann-secret"));
        RuntimeException refused = assertTimeoutPreemptively(Duration.ofSeconds(20),
            () -> assertThrows(RuntimeException.class, () -> ServerMesh.connect(server, "ann", "ann-secret")));
        assertTrue(refused.getMessage().contains("User 'ann' already has 2 open connections, the limit per principal"
            + " (maxConnectionsPerPrincipal); close idle connections or try again later"), refused.getMessage());
        // Another principal still gets in, and ann again once she closes one.
        try (Connection bob = ServerMesh.connect(server, "bob", "bob-secret")) {
          assertEquals(List.of("3000"), rows(bob, "SELECT COUNT(*) FROM a.n"));
        }
        anns.remove(0).close();
        anns.add(ServerMesh.connect(server, "ann", "ann-secret"));
        assertEquals(List.of("3000"), rows(anns.get(1), "SELECT COUNT(*) FROM b.m"));
      } finally {
        for (Connection c : anns) {
          c.close();
        }
      }
    }
    MeshServer.Builder builder = MeshServer.builder(mesh);
    assertEquals("maxConnectionsPerPrincipal must be at least 1: 0",
        assertThrows(IllegalArgumentException.class, () -> builder.maxConnectionsPerPrincipal(0)).getMessage());
  }

  @Test
  void failedLoginsAreCountedAndLoggedWithoutThePassword() throws Exception {
    PrintStream stderr = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (MeshServer server = MeshServer.builder(mesh).port(0).start()) {
      System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
      try {
        for (int i = 0; i < 3; i++) {
          assertThrows(RuntimeException.class, () -> ServerMesh.connect(server, "ann", "guess-1234"));
        }
        // Stock clients refuse control characters in a user name; an attacker's own does not.
        assertEquals(401, post(server, "Basic " + Base64.getEncoder().encodeToString(
            "mallory\nFAKE LINE:hunter2".getBytes(StandardCharsets.UTF_8))));
        try (Connection ann = ServerMesh.connect(server, "ann", "ann-secret")) {
          assertEquals(List.of("3000"), rows(ann, "SELECT COUNT(*) FROM a.n"));
        }
      } finally {
        System.setErr(stderr);
      }
      // Each refused attempt is one refused request; the challenge before it and successful logins add none.
      assertEquals(4, server.failedLogins());
      String text = log.toString(StandardCharsets.UTF_8);
      assertTrue(text.contains("WARN dev.meshkit.server.MeshServer - refused a login for user 'ann' from 127.0.0.1:"
          + " wrong credentials"), text);
      assertTrue(text.contains("refused a login for user 'mallory\\u000aFAKE LINE' from 127.0.0.1"), text);
      // Once a minute per user and address: three failures of ann, one line.
      assertEquals(1, text.split("for user 'ann'", -1).length - 1, text);
      assertFalse(text.contains("guess-1234") || text.contains("hunter2"), text);
    }
  }

  @Test
  void afterFiveRefusalsAUserWaitsFromThatAddressEvenWithTheRightPassword() throws Exception {
    try (MeshServer server = MeshServer.builder(mesh).port(0).start()) {
      for (int i = 0; i < FailedLogins.FREE_FAILURES; i++) {
        assertEquals(401, post(server, basic("bob", "guess-" + i)));
      }
      assertEquals(429, post(server, basic("bob", "bob-secret")));
      assertEquals(429, post(server, basic("bob", "another-guess")));
      // Checked by nobody, so counted by nobody; ann, from the same address, is not held up.
      assertEquals(FailedLogins.FREE_FAILURES, server.failedLogins());
      try (Connection ann = ServerMesh.connect(server, "ann", "ann-secret")) {
        assertEquals(List.of("3000"), rows(ann, "SELECT COUNT(*) FROM a.n"));
      }
    }
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** The HTTP status of a POST with this Authorization header. */
  private static int post(MeshServer server, String authorization) throws Exception {
    String url = server.url().replaceFirst("^jdbc:avatica:remote:url=", "").replaceFirst(";.*$", "");
    HttpURLConnection http = (HttpURLConnection) URI.create(url).toURL().openConnection();
    http.setRequestMethod("POST");
    http.setRequestProperty("Authorization", authorization);
    http.setDoOutput(true);
    http.getOutputStream().close();
    int status = http.getResponseCode();
    http.disconnect();
    return status;
  }

  @Test
  void theStatementTimeoutStopsAJoinInTheJvmWithinASecond() throws Exception {
    try (MeshServer server = MeshServer.builder(mesh).port(0).statementTimeout(Duration.ofSeconds(1)).start();
        Connection c = ServerMesh.connect(server, "ann", "ann-secret")) {
      String crossJoin = "SELECT COUNT(*) FROM a.n x, b.m y, b.m z WHERE x.v + y.v + z.v < 0";
      // Prepared first, so that the timeout measures the execution, not the planning.
      PreparedStatement prepared = c.prepareStatement(crossJoin);
      long start = System.nanoTime();
      SQLException cancelled = assertTimeoutPreemptively(Duration.ofSeconds(30),
          () -> assertThrows(SQLException.class, () -> rows(prepared.executeQuery())));
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(cancelled.getMessage().contains(
          "Statement cancelled: it ran longer than the server's statement timeout of 1 s (statementTimeout)"),
          cancelled.getMessage());
      System.out.println("[server timeout] a JVM cross join with a 1 s statement timeout failed after " + millis + " ms");
      assertTrue(millis < 3000, "took " + millis + " ms");
      assertEquals(List.of("3000"), rows(c, "SELECT COUNT(*) FROM a.n"));
    }
  }
}
