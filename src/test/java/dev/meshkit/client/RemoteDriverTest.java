package dev.meshkit.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.MeshTesting;
import dev.meshkit.jdbc.MeshDriver;
import dev.meshkit.server.Authenticator;
import dev.meshkit.server.MeshServer;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote driver as tools use it: found by DriverManager for its URL, logging in with the standard
 * {@code user} and {@code password} (or a token), refusing wrong credentials with a sentence and 28000,
 * and answering metadata, type map and errors as the embedded driver does.
 */
class RemoteDriverTest {

  @TempDir
  static Path dir;
  static ClientMesh fixture;

  @BeforeAll
  static void start() throws Exception {
    fixture = new ClientMesh(dir);
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  @Test
  void driverManagerFindsTheRemoteDriverAndTheEmbeddedOneLeavesItsUrlsAlone() throws Exception {
    assertInstanceOf(RemoteDriver.class, DriverManager.getDriver(fixture.url));
    MeshDriver embedded = new MeshDriver();
    assertFalse(embedded.acceptsURL(fixture.url));
    assertNull(embedded.connect(fixture.url, new Properties()));
    assertTrue(embedded.acceptsURL("jdbc:meshkit:examples/acme/mesh.yaml"));
    assertFalse(new RemoteDriver().acceptsURL("jdbc:meshkit:examples/acme/mesh.yaml"));
  }

  @Test
  void userAndPasswordLogInFromPropertiesArgumentsOrTheUrl() throws Exception {
    try (Connection c = fixture.remote()) {
      assertEquals(List.of("42"), MeshTesting.rows(c, "SELECT i FROM t.types WHERE id = 1"));
    }
    try (Connection c = DriverManager.getConnection(fixture.url, "ann", ClientMesh.PASSWORD)) {
      assertEquals("ann", c.getMetaData().getUserName());
    }
    String inUrl = fixture.url + "/;user=ann;password=" + ClientMesh.PASSWORD + ";fetch_size=2";
    try (Connection c = DriverManager.getConnection(inUrl)) {
      assertEquals(ClientMesh.ROWS, MeshTesting.rows(c, "SELECT i FROM a.n").size());
      assertEquals(inUrl, c.getMetaData().getURL());
    }
  }

  @Test
  void wrongOrMissingCredentialsAreRefusedWithASentenceAnd28000() throws Exception {
    long before = fixture.server.failedLogins();
    SQLException wrong = assertThrows(SQLException.class, () -> fixture.remote("ann", "not-her-password"));
    assertEquals("28000", wrong.getSQLState());
    assertEquals("the meshkit server refused the login of user 'ann': wrong user name, password or token",
        wrong.getMessage());
    assertEquals(before + 1, fixture.server.failedLogins());
    SQLException unknown = assertThrows(SQLException.class, () -> fixture.remote("nobody", "x"));
    assertEquals("28000", unknown.getSQLState());
    SQLException none = assertThrows(SQLException.class, () -> DriverManager.getConnection(fixture.url));
    assertEquals("28000", none.getSQLState());
    assertEquals("the meshkit server requires a login: set the connection properties user and password (or token)",
        none.getMessage());
    SQLException noPassword = assertThrows(SQLException.class, () -> {
      Properties user = new Properties();
      user.setProperty("user", "ann");
      DriverManager.getConnection(fixture.url, user);
    });
    assertEquals("user 'ann' needs a password: set the connection property password", noPassword.getMessage());
  }

  @Test
  void badUrlsAndADownServerAreSentencesWith08001() throws Exception {
    SQLException setting = assertThrows(SQLException.class,
        () -> DriverManager.getConnection(fixture.url + ";serialization=JSON", "ann", ClientMesh.PASSWORD));
    assertEquals("08001", setting.getSQLState());
    assertTrue(setting.getMessage().startsWith("unknown setting 'serialization' in the URL"), setting.getMessage());
    SQLException scheme = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:meshkit:remote:127.0.0.1:8765", "ann", "x"));
    assertEquals("08001", scheme.getSQLState());
    int free;
    try (ServerSocket socket = new ServerSocket(0)) {
      free = socket.getLocalPort();
    }
    SQLException down = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:meshkit:remote:http://127.0.0.1:" + free, "ann", "x"));
    assertEquals("08001", down.getSQLState());
    assertEquals("cannot reach the meshkit server at http://127.0.0.1:" + free + ": connection refused (is it running,"
        + " and are host and port right?)", down.getMessage());
  }

  @Test
  void identifierCaseFlagsAreTheEmbeddedDriversAndUrlAndTypeMapAreATools() throws Exception {
    try (Connection remote = fixture.remote(); Connection embedded = fixture.embedded()) {
      DatabaseMetaData r = remote.getMetaData();
      DatabaseMetaData e = embedded.getMetaData();
      assertEquals(e.storesUpperCaseIdentifiers(), r.storesUpperCaseIdentifiers());
      assertEquals(e.storesLowerCaseIdentifiers(), r.storesLowerCaseIdentifiers());
      assertEquals(e.storesMixedCaseIdentifiers(), r.storesMixedCaseIdentifiers());
      assertEquals(e.supportsMixedCaseIdentifiers(), r.supportsMixedCaseIdentifiers());
      assertEquals(e.storesUpperCaseQuotedIdentifiers(), r.storesUpperCaseQuotedIdentifiers());
      assertEquals(e.storesLowerCaseQuotedIdentifiers(), r.storesLowerCaseQuotedIdentifiers());
      assertEquals(e.storesMixedCaseQuotedIdentifiers(), r.storesMixedCaseQuotedIdentifiers());
      assertEquals(e.supportsMixedCaseQuotedIdentifiers(), r.supportsMixedCaseQuotedIdentifiers());
      assertEquals(e.getIdentifierQuoteString(), r.getIdentifierQuoteString());
      assertEquals(fixture.url, r.getURL());
      assertSame(remote, r.getConnection());
      assertEquals(Map.of(), remote.getTypeMap());
      remote.setTypeMap(Map.of());
      assertEquals("0A000", assertThrows(SQLException.class,
          () -> remote.setTypeMap(Map.of("point", Object.class))).getSQLState());
      try (ResultSet tables = r.getTables(null, null, null, null)) {
        assertTrue(tables.next());
        assertNull(tables.getStatement());
      }
    }
  }

  @Test
  void statementsResultSetsAndConnectionsLeadBackToTheApplicationsObjects() throws Exception {
    try (Connection c = fixture.remote(); Statement s = c.createStatement();
        PreparedStatement p = c.prepareStatement("SELECT i FROM t.types WHERE id = ?")) {
      assertSame(c, s.getConnection());
      assertSame(c, p.getConnection());
      try (ResultSet rs = s.executeQuery("SELECT i FROM t.types")) {
        assertSame(s, rs.getStatement());
        assertSame(rs, s.getResultSet());
      }
      p.setInt(1, 1);
      try (ResultSet rs = p.executeQuery()) {
        assertSame(p, rs.getStatement());
      }
    }
  }

  @Test
  void errorsAreTheEmbeddedSentencesWithoutTheClientsEchoOfTheStatement() throws Exception {
    for (String sql : List.of("SELECT * FROM t.nothing", "SELECT nope FROM t.types", "SELEC 1")) {
      try (Connection remote = fixture.remote(); Connection embedded = fixture.embedded()) {
        SQLException local = assertThrows(SQLException.class, () -> MeshTesting.rows(embedded, sql));
        SQLException executed = assertThrows(SQLException.class, () -> MeshTesting.rows(remote, sql));
        assertEquals(local.getMessage(), executed.getMessage(), sql);
        assertEquals(local.getSQLState(), executed.getSQLState(), sql);
        SQLException prepared = assertThrows(SQLException.class, () -> remote.prepareStatement(sql));
        assertEquals(local.getMessage(), prepared.getMessage(), sql);
        assertEquals(local.getSQLState(), prepared.getSQLState(), sql);
      }
    }
  }

  @Test
  void aBearerTokenLogsInWhereTheServerTakesTokens() throws Exception {
    Authenticator tokens = Authenticator.bearer(token -> token.equals("s3cr3t-token")
        ? fixture.mesh.principal("ann") : Optional.empty());
    try (MeshServer server = MeshServer.builder(fixture.mesh).port(0).authenticator(tokens).start()) {
      String url = "jdbc:meshkit:remote:http://127.0.0.1:" + server.port();
      Properties token = new Properties();
      token.setProperty("token", "s3cr3t-token");
      try (Connection c = DriverManager.getConnection(url, token); Statement s = c.createStatement()) {
        assertEquals(List.of("42"), MeshTesting.rows(c, "SELECT i FROM t.types WHERE id = 1"));
        s.setQueryTimeout(5);   // the control endpoint takes the token too
      }
      SQLException wrong = assertThrows(SQLException.class, () -> DriverManager.getConnection(url + ";token=nope"));
      assertEquals("28000", wrong.getSQLState());
    }
  }
}
