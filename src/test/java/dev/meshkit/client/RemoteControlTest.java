package dev.meshkit.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Avatica's protocol cannot carry, through the server's control endpoint: the server statement's
 * warnings, {@code cancel()} from another thread and {@code setQueryTimeout}, each ending a running
 * query on the server with 57014 as embedded; and only for the user who opened the connection.
 */
class RemoteControlTest {

  /** Generous for a loaded two-core machine; what was measured is printed. */
  static final long STOP_MILLIS = 1000;

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
  void warningsAreTheServerStatementsAsEmbedded() throws Exception {
    String sql = "SELECT id FROM t.types_v1";
    try (Connection remote = fixture.remote(); Connection embedded = fixture.embedded();
        Statement r = remote.createStatement(); Statement e = embedded.createStatement()) {
      assertNull(r.getWarnings());
      try (ResultSet rrs = r.executeQuery(sql); ResultSet ers = e.executeQuery(sql)) {
        List<String> expected = chain(e.getWarnings());
        assertEquals(1, expected.size(), "a deprecated product warns");
        assertTrue(expected.get(0).contains("t.types_v1"), expected.get(0));
        assertEquals(expected, chain(r.getWarnings()));
        assertEquals(chain(ers.getWarnings()), chain(rrs.getWarnings()));
      }
      r.clearWarnings();
      assertNull(r.getWarnings());
      r.executeQuery("SELECT id FROM t.types").close();
      assertNull(r.getWarnings(), "a product that is not deprecated does not warn");
      r.executeQuery(sql).close();
      assertEquals(1, chain(r.getWarnings()).size(), "the next execution warns again");
    }
    try (Connection remote = fixture.remote(); Connection embedded = fixture.embedded();
        PreparedStatement r = remote.prepareStatement(sql); PreparedStatement e = embedded.prepareStatement(sql)) {
      assertEquals(chain(e.getWarnings()), chain(r.getWarnings()), "warned when prepared");
      assertEquals(1, chain(r.getWarnings()).size());
    }
  }

  /** Each warning as "state: message". */
  private static List<String> chain(SQLWarning first) {
    List<String> chain = new ArrayList<>();
    for (SQLWarning w = first; w != null; w = w.getNextWarning()) {
      chain.add(w.getSQLState() + ": " + w.getMessage());
    }
    return chain;
  }

  @Test
  void cancelFromAnotherThreadStopsTheQueryOnTheServer() throws Exception {
    try (Connection c = fixture.remote(); PreparedStatement p = c.prepareStatement(ClientMesh.LONG_QUERY);
        Statement s = c.createStatement()) {
      for (Statement statement : List.of(p, s)) {
        long millis = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> cancelAfter(statement, 700));
        System.out.println("remote cancel: the executing thread failed " + millis + " ms after cancel()");
        assertTrue(millis < STOP_MILLIS, "stopped " + millis + " ms after the cancel");
      }
      // The statements run again, and a cancel with nothing running does nothing.
      s.cancel();
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM a.n")) {
        rs.next();
        assertEquals(ClientMesh.ROWS, rs.getInt(1));
      }
      s.close();
      assertEquals("HY010", assertThrows(SQLException.class, s::cancel).getSQLState());
    }
  }

  /** Runs the long query on {@code statement}, cancels it after {@code afterMillis}; how long the error took. */
  private static long cancelAfter(Statement statement, long afterMillis) throws Exception {
    ScheduledExecutorService canceller = Executors.newSingleThreadScheduledExecutor();
    try {
      AtomicLong cancelledAt = new AtomicLong();
      canceller.schedule(() -> {
        cancelledAt.set(System.nanoTime());
        statement.cancel();
        return null;
      }, afterMillis, TimeUnit.MILLISECONDS);
      SQLException error = assertThrows(SQLException.class, () -> {
        try (ResultSet rs = statement instanceof PreparedStatement p ? p.executeQuery()
            : statement.executeQuery(ClientMesh.LONG_QUERY)) {
          rs.next();
        }
      });
      long millis = (System.nanoTime() - cancelledAt.get()) / 1_000_000;
      assertEquals("57014", error.getSQLState(), error::getMessage);
      assertEquals("the statement was cancelled (Statement.cancel) (SQLState 57014)", error.getMessage());
      return millis;
    } finally {
      canceller.shutdownNow();
    }
  }

  @Test
  void aQueryTimeoutEndsALongerQueryWith57014AfterItsSeconds() throws Exception {
    try (Connection c = fixture.remote(); Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      assertEquals(1, s.getQueryTimeout());
      long start = System.nanoTime();
      SQLException timedOut = assertTimeoutPreemptively(Duration.ofSeconds(60),
          () -> assertThrows(SQLException.class, () -> s.executeQuery(ClientMesh.LONG_QUERY).next()));
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.println("remote query timeout of 1 s: failed after " + millis + " ms");
      assertEquals("57014", timedOut.getSQLState());
      assertEquals("the statement ran past its query timeout of 1 s (Statement.setQueryTimeout) and was cancelled"
          + " (SQLState 57014)", timedOut.getMessage());
      assertTrue(millis >= 1000 && millis < 1000 + STOP_MILLIS, "timed out after " + millis + " ms");
      s.setQueryTimeout(0);
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM b.m")) {
        rs.next();
        assertEquals(ClientMesh.ROWS, rs.getInt(1));
      }
      SQLException negative = assertThrows(SQLException.class, () -> s.setQueryTimeout(-1));
      assertEquals("22023", negative.getSQLState());
    }
  }

  @Test
  void onlyTheConnectionsOwnerMayUseTheControlEndpoint() throws Exception {
    try (Connection ann = fixture.remote(); Statement running = ann.createStatement()) {
      String connection = ann.unwrap(AvaticaConnection.class).id;
      int statement = running.unwrap(AvaticaStatement.class).getId();
      PrintStream stderr = System.err;
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      HttpResponse<String> refused;
      System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
      try {
        refused = control("bert", ClientMesh.BERT_PASSWORD, "op=cancel&connection=" + connection
            + "&statement=" + statement);
      } finally {
        System.setErr(stderr);
      }
      assertEquals(403, refused.statusCode());
      assertEquals("state=28000&message=" + java.net.URLEncoder.encode("Connection " + connection
          + " belongs to another user; a connection can only be used by the user who opened it",
          StandardCharsets.UTF_8), refused.body().strip());
      assertTrue(log.toString(StandardCharsets.UTF_8).contains("refused 'bert' the use of connection " + connection),
          log.toString(StandardCharsets.UTF_8));

      assertEquals(200, control("ann", ClientMesh.PASSWORD, "op=timeout&seconds=3&connection=" + connection
          + "&statement=" + statement).statusCode());
      assertEquals(3 * 1000, readTimeout(running));
      HttpResponse<String> unknown = control("ann", ClientMesh.PASSWORD, "op=cancel&connection=" + connection
          + "&statement=99999");
      assertEquals(404, unknown.statusCode());
      assertTrue(unknown.body().contains("state=HY010"), unknown.body());
      assertTrue(unknown.body().contains(java.net.URLEncoder.encode("Statement 99999 is not open on connection "
          + connection, StandardCharsets.UTF_8)), unknown.body());
      assertEquals(404, control("ann", ClientMesh.PASSWORD, "op=cancel&connection=nope&statement=1").statusCode());
      assertEquals(400, control("ann", ClientMesh.PASSWORD, "op=explode&connection=" + connection
          + "&statement=" + statement).statusCode());
      assertEquals(401, control("ann", "wrong", "op=cancel&connection=" + connection + "&statement=" + statement)
          .statusCode());
    }
  }

  /** The server statement's timeout, as the query that times out tells it: the time the execution lasted. */
  private static long readTimeout(Statement statement) throws Exception {
    long start = System.nanoTime();
    SQLException timedOut = assertThrows(SQLException.class, () -> statement.executeQuery(ClientMesh.LONG_QUERY).next());
    assertEquals("57014", timedOut.getSQLState());
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertNotNull(timedOut.getMessage());
    assertTrue(timedOut.getMessage().contains("query timeout of 3 s"), timedOut.getMessage());
    return millis / 1000 * 1000;
  }

  private static HttpResponse<String> control(String user, String password, String form) throws Exception {
    String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    URI uri = URI.create("http://127.0.0.1:" + fixture.server.port() + "/meshkit/statement");
    HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Basic " + basic)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }
}
