package dev.meshkit.server;

import static dev.meshkit.ErrorCases.assertNoLeak;
import static dev.meshkit.ErrorCases.assertSafe;
import static dev.meshkit.MeshTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.ErrorCases;
import dev.meshkit.ErrorCases.Case;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaSqlException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a stock Avatica client reads when a statement fails: the sentence and SQLState the embedded
 * connection gives, behind the client's own prefix, and no server stack trace, no Java exception,
 * no source SQL and no value.
 */
class RemoteErrorsTest {

  @TempDir
  static Path dir;
  static ErrorCases fixture;
  static MeshServer server;

  @BeforeAll
  static void start() throws SQLException {
    fixture = new ErrorCases(dir);
    Authenticator anyKnownUser = Authenticator.basic((user, password) -> fixture.mesh.principal(user));
    server = MeshServer.builder(fixture.mesh).port(0).authenticator(anyKnownUser).start();
  }

  @AfterAll
  static void stop() {
    server.close();
    fixture.close();
  }

  static List<Case> cases() {
    return ErrorCases.cases();
  }

  static Connection remote(String user) throws SQLException {
    return ServerMesh.connect(server.url(), user, "any", new Properties());
  }

  @ParameterizedTest
  @MethodSource("cases")
  void aRemoteClientReadsTheEmbeddedSentenceAndNothingMore(Case c) throws SQLException {
    SQLException embedded;
    try (Connection ann = fixture.mesh.connect(fixture.mesh.principal("ann").orElseThrow())) {
      embedded = assertThrows(SQLException.class, () -> rows(ann, c.sql()));
    }
    try (Connection ann = remote("ann")) {
      SQLException e = assertThrows(SQLException.class, () -> rows(ann, c.sql()));
      assertRemote(e, embedded, c);
      try (PreparedStatement ps = ann.prepareStatement(c.sql())) {
        assertRemote(assertThrows(SQLException.class, () -> rows(ps.executeQuery())), embedded, c);
      }
    }
  }

  @Test
  void filteredRowsFailAlikeRemotely() throws SQLException {
    for (Case c : ErrorCases.filteredCases()) {
      SQLException embedded;
      try (Connection bert = fixture.mesh.connect(fixture.mesh.principal("bert").orElseThrow())) {
        embedded = assertThrows(SQLException.class, () -> rows(bert, c.sql()));
      }
      try (Connection bert = remote("bert")) {
        assertRemote(assertThrows(SQLException.class, () -> rows(bert, c.sql())), embedded, c);
      }
    }
  }

  @Test
  void gettersAndPlannerFailuresReachTheClientAsSentences() throws SQLException {
    try (Connection ann = remote("ann"); Statement s = ann.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, name, born FROM sales.customer ORDER BY id")) {
      assertTrue(rs.next());
      // The stock client converts values itself, with messages of its own (naming its accessor classes);
      // a value that does not convert is not quoted there either.
      for (Executable getter : List.<Executable>of(() -> rs.getInt(2), () -> rs.getDate(3), () -> rs.getBigDecimal(2))) {
        SQLException e = assertThrows(SQLException.class, getter);
        for (String secret : ErrorCases.SECRETS) {
          assertFalse(e.getMessage().contains(secret), e.getMessage());
        }
      }
    }
    StringBuilder deep = new StringBuilder("id");
    for (int i = 0; i < 3000; i++) {
      deep.insert(0, "(").append(" + 1)");
    }
    String sql = "SELECT " + deep + " FROM sales.customer";
    try (Connection ann = remote("ann")) {
      SQLException e = assertThrows(SQLException.class, () -> rows(ann, sql));
      assertEquals("54001", e.getSQLState());
      assertTrue(e.getMessage().contains(": the statement is nested too deeply")
          && e.getMessage().endsWith("(SQLState 54001)"),
          e.getMessage());
      assertEquals(List.of(), ((AvaticaSqlException) e).getStackTraces());
      assertNoLeak(e.getMessage().replace(sql, ""));
    }
  }

  @Test
  void aMistakeInTheStatementComesBackWithoutTheServersStack() throws SQLException {
    try (Connection ann = remote("ann"); Statement s = ann.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM sales.nothing"));
      assertEquals("42000", e.getSQLState());
      assertEquals(List.of(), ((AvaticaSqlException) e).getStackTraces());
      assertFalse(e.getMessage().contains("Exception"), e.getMessage());
    }
  }

  /** The embedded sentence and SQLState, after the client's "Error 0 (state) : " and its echo of the statement. */
  private static void assertRemote(SQLException e, SQLException embedded, Case c) {
    AvaticaSqlException remote = assertInstanceOf(AvaticaSqlException.class, e);
    assertEquals(embedded.getSQLState(), remote.getSQLState());
    assertTrue(remote.getMessage().endsWith(embedded.getMessage()), remote.getMessage());
    assertEquals(List.of(), remote.getStackTraces(), "the server's stack trace");
    String clientSide = remote.getMessage().replace(c.sql(), "<statement>");
    assertTrue(clientSide.startsWith("Error "), clientSide);
    assertNoLeak(clientSide);
    assertSafe(new SQLException(clientSide, remote.getSQLState(), remote.getCause()), c);
    assertFalse(remote.getMessage().contains("at org.apache") || remote.getMessage().contains("Exception:"),
        remote.getMessage());
  }
}
