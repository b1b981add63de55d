package dev.meshkit.server;

import static dev.meshkit.MeshTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.MeshException;
import dev.meshkit.Principal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS, a custom authenticator, and the builder's checks. */
class ServerSetupTest {

  @TempDir
  static Path dir;
  static ServerMesh fixture;

  @BeforeAll
  static void load() throws Exception {
    fixture = new ServerMesh(dir);
  }

  @AfterAll
  static void close() {
    fixture.close();
  }

  @Test
  void servesHttpsWithAPkcs12Keystore() throws Exception {
    Path keystore = dir.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "meshkit", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0,
        new String(keytool.getInputStream().readAllBytes()));
    try (MeshServer server = MeshServer.builder(fixture.mesh).port(0).tls(keystore, "changeit".toCharArray()).start()) {
      assertTrue(server.url().startsWith("jdbc:avatica:remote:url=https://127.0.0.1:"), server.url());
      Properties trust = new Properties();
      trust.setProperty("truststore", keystore.toString());
      trust.setProperty("truststore_password", "changeit");
      try (Connection c = ServerMesh.connect(server.url(), "bert", "bert-secret", trust)) {
        assertEquals(List.of("2"), rows(c, "SELECT COUNT(*) FROM sales.customer"));
      }
      // A client that does not trust the certificate gets no answer.
      assertThrows(Exception.class, () -> ServerMesh.connect(server, "bert", "bert-secret"));
    }
    MeshException wrongPassword = assertThrows(MeshException.class,
        () -> MeshServer.builder(fixture.mesh).port(0).tls(keystore, "wrong".toCharArray()).start());
    assertTrue(wrongPassword.getMessage().startsWith("MeshServer cannot read keystore " + keystore), wrongPassword.getMessage());
    MeshException missing = assertThrows(MeshException.class,
        () -> MeshServer.builder(fixture.mesh).tls(dir.resolve("none.p12"), "x".toCharArray()).start());
    assertEquals("MeshServer keystore " + dir.resolve("none.p12") + " does not exist or cannot be read", missing.getMessage());
  }

  @Test
  void aTokenAuthenticatorDecidesWhoConnects() throws Exception {
    Principal auditor = Principal.builder("auditor-7").role("analyst").role("compliance").build();
    Authenticator tokens = Authenticator.bearer(token -> token.equals("s3cr3t-token") ? Optional.of(auditor) : Optional.empty());
    try (MeshServer server = MeshServer.builder(fixture.mesh).port(0).authenticator(tokens).start()) {
      Properties props = new Properties();
      props.setProperty("authentication", "BEARER");
      props.setProperty("bearer_token", "s3cr3t-token");
      try (Connection c = DriverManager.getConnection(server.url(), props)) {
        assertEquals(List.of("+49 170 200 202"), rows(c, "SELECT phone FROM sales.customer WHERE customer_id = 2"));
      }
      assertEquals("auditor-7", fixture.mesh.auditEvents().get(fixture.mesh.auditEvents().size() - 1).principal());
      props.setProperty("bearer_token", "guessed");
      RuntimeException refused = assertThrows(RuntimeException.class, () -> DriverManager.getConnection(server.url(), props));
      assertEquals("Failed to execute HTTP Request, got HTTP/401", refused.getMessage());
      // Basic credentials mean nothing to a token server.
      assertThrows(RuntimeException.class, () -> ServerMesh.connect(server, "ann", "ann-secret"));
    }
  }

  @Test
  void theBuilderRejectsBadSettingsAtOnce() {
    MeshServer.Builder b = MeshServer.builder(fixture.mesh);
    assertEquals("port must be between 0 and 65535: 70000",
        assertThrows(IllegalArgumentException.class, () -> b.port(70000)).getMessage());
    assertEquals("maxConnections must be at least 1: 0",
        assertThrows(IllegalArgumentException.class, () -> b.maxConnections(0)).getMessage());
    assertEquals("statementTimeout must be at least 1 second: PT0.5S",
        assertThrows(IllegalArgumentException.class, () -> b.statementTimeout(Duration.ofMillis(500))).getMessage());
    assertEquals("idleTimeout must be positive: PT0S",
        assertThrows(IllegalArgumentException.class, () -> b.idleTimeout(Duration.ZERO)).getMessage());
    assertEquals("bindAddress is blank", assertThrows(IllegalArgumentException.class, () -> b.bindAddress(" ")).getMessage());
    assertThrows(NullPointerException.class, () -> b.authenticator(null));
    IllegalStateException idle = assertThrows(IllegalStateException.class,
        () -> MeshServer.builder(fixture.mesh).idleTimeout(Duration.ofSeconds(30)).statementTimeout(Duration.ofMinutes(1)).start());
    assertEquals("idleTimeout (30 s) is shorter than statementTimeout (1 min): a connection could expire while its"
        + " statement runs; raise idleTimeout or lower statementTimeout", idle.getMessage());
  }

  @Test
  void aTakenPortIsASentence() {
    try (MeshServer first = MeshServer.builder(fixture.mesh).port(0).start()) {
      MeshException e = assertThrows(MeshException.class,
          () -> MeshServer.builder(fixture.mesh).port(first.port()).start());
      assertTrue(e.getMessage().startsWith("MeshServer cannot listen on 127.0.0.1:" + first.port() + ": "), e.getMessage());
      assertTrue(e.getMessage().endsWith("(is another server on that port? choose another with port(...), or 0 for any free port)"),
          e.getMessage());
    }
  }
}
