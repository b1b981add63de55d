package dev.meshkit.docs;

import static dev.meshkit.MeshTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.MeshException;
import dev.meshkit.Principal;
import dev.meshkit.server.Authenticator;
import dev.meshkit.server.MeshServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server's Java API as docs/server.md shows it, run on the example mesh where it can be. */
class ServerSnippetsTest {

  /** Stands for an application's identity provider in the docs' authenticator snippet. */
  interface IdentityProvider {
    Optional<Claims> verify(String token);
  }

  record Claims(String subject, List<String> groups) {
  }

  /** Stands for an application's user directory in the docs' authenticator snippet. */
  interface Directory {
    boolean bind(String user, char[] password);
  }

  private static Mesh mesh;

  private final IdentityProvider idp = token -> token.equals("token-of-ann")
      ? Optional.of(new Claims("ann", List.of("analyst"))) : Optional.empty();
  private final Directory directory = (user, password) -> user.equals("cora") && new String(password).equals("s3cret");

  @BeforeAll
  static void load() {
    mesh = Mesh.fromYaml(Path.of("examples/acme/mesh.yaml"));
  }

  @AfterAll
  static void close() {
    mesh.close();
  }

  /** Compiled, not run: it serves on port 8765 until the process ends. */
  static void serveUntilStopped() throws InterruptedException {
    // snippet:server-start
    try (Mesh mesh = Mesh.fromYaml(Path.of("mesh.yaml"));
         MeshServer server = MeshServer.builder(mesh)
             .port(8765)                               // 0: any free port, see server.port()
             .bindAddress("127.0.0.1")                 // the default; "0.0.0.0" serves the network
             .maxConnections(64)                       // default 64
             .maxConnectionsPerPrincipal(16)            // default 16
             .statementTimeout(Duration.ofMinutes(5))  // default 5 min
             .idleTimeout(Duration.ofMinutes(10))      // default 10 min
             .start()) {
      System.out.println(server.url());   // jdbc:avatica:remote:url=http://127.0.0.1:8765;serialization=PROTOBUF
      server.awaitTermination();          // until server.close() is called, e.g. from a shutdown hook
    }
    // end:server-start
  }

  @Test
  void aStockAvaticaClientConnects() throws SQLException {
    try (MeshServer server = MeshServer.builder(mesh).port(0).start()) {
      String url = server.url();
      // snippet:server-client
      Properties props = new Properties();
      props.setProperty("authentication", "BASIC");     // without it the client sends no credentials
      props.setProperty("avatica_user", "ann");
      props.setProperty("avatica_password", "ann-demo");
      Connection c = DriverManager.getConnection(url, props);
      // end:server-client
      try (c) {
        assertEquals(List.of("Ann Arbor,XXXXXXXXXXX1234"), rows(c, "SELECT name, phone FROM sales.customer WHERE customer_id = 1"));
      }
    }
  }

  @Test
  void authenticatorsOfYourOwn() throws SQLException {
    // snippet:server-authenticators
    // Tokens from your identity provider; clients connect with authentication=BEARER;bearer_token=...
    Authenticator tokens = Authenticator.bearer(token -> idp.verify(token)
        .map(claims -> Principal.builder(claims.subject()).roles(claims.groups()).build()));

    // Or Basic credentials against an existing user store (cached as above)
    Authenticator ldap = Authenticator.basic((user, password) ->
        directory.bind(user, password) ? mesh.principal(user) : Optional.empty());
    // end:server-authenticators
    try (MeshServer server = MeshServer.builder(mesh).authenticator(tokens).port(0).start()) {
      Properties props = new Properties();
      props.setProperty("authentication", "BEARER");
      props.setProperty("bearer_token", "token-of-ann");
      try (Connection c = DriverManager.getConnection(server.url(), props)) {
        assertEquals(List.of("5"), rows(c, "SELECT COUNT(*) FROM sales.customer"));
      }
    }
    String cora = "Basic " + Base64.getEncoder().encodeToString("cora:s3cret".getBytes(StandardCharsets.UTF_8));
    assertEquals(Optional.of(Set.of("analyst", "compliance")), ldap.authenticate(cora).map(Principal::roles));
    assertEquals(Optional.empty(), tokens.authenticate("Bearer guessed"));
  }

  @Test
  void tlsNeedsAReadableKeystore() {
    char[] keystorePassword = "changeit".toCharArray();
    MeshException e = assertThrows(MeshException.class, () -> {
      // snippet:server-tls
      MeshServer.builder(mesh).port(8443).tls(Path.of("server.p12"), keystorePassword).start();
      // server.url(): jdbc:avatica:remote:url=https://127.0.0.1:8443;serialization=PROTOBUF
      // end:server-tls
    });
    assertTrue(e.getMessage().contains("keystore server.p12 does not exist or cannot be read"), e.getMessage());
  }
}
