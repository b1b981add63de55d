package dev.meshkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshkit.Mesh;
import dev.meshkit.server.MeshServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The remote client as docs/remote-client.md shows it, against a server on the example mesh. */
class RemoteClientSnippetsTest {

  private static Mesh mesh;
  private static MeshServer server;
  private static String url;

  @BeforeAll
  static void start() {
    mesh = Mesh.fromYaml(Path.of("examples/acme/mesh.yaml"));
    server = MeshServer.builder(mesh).port(0).start();
    url = "jdbc:meshkit:remote:http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() {
    server.close();
    mesh.close();
  }

  @Test
  void connectReadAndBindJavaTime() throws SQLException {
    PrintStream stdout = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    // snippet:remote-connect
    Properties login = new Properties();
    login.setProperty("user", "ann");
    login.setProperty("password", "ann-demo");
    Connection c = DriverManager.getConnection(url, login);   // url: jdbc:meshkit:remote:http://127.0.0.1:8765
    // end:remote-connect
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try (c) {
      // snippet:remote-types
      try (PreparedStatement p = c.prepareStatement(
          "SELECT order_id, order_date, amount FROM sales.orders WHERE order_date >= ? ORDER BY order_id")) {
        p.setObject(1, LocalDate.of(2026, 4, 1));
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            LocalDate date = rs.getObject("order_date", LocalDate.class);
            BigDecimal amount = rs.getObject("amount", BigDecimal.class);
            System.out.println(rs.getInt("order_id") + " " + date + " " + amount);   // 106 2026-04-02 60.00
          }
        }
      }
      // end:remote-types
      // snippet:remote-warnings
      try (Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sales.orders_v1")) {
        for (SQLWarning w = s.getWarnings(); w != null; w = w.getNextWarning()) {
          System.out.println(w.getSQLState() + " " + w.getMessage());   // 01000 data product sales.orders_v1 is deprecated...
        }
      }
      // end:remote-warnings
    } finally {
      System.setOut(stdout);
    }
    String[] lines = printed.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals("106 2026-04-02 60.00", lines[0]);
    assertEquals(2, lines.length);
    assertEquals(true, lines[1].startsWith("01000 data product sales.orders_v1 is deprecated"), lines[1]);
  }

  @Test
  void aQueryTimeoutAndACancelReachTheServer() throws Exception {
    try (Connection c = DriverManager.getConnection(url, "ann", "ann-demo")) {
      // snippet:remote-timeout
      try (Statement s = c.createStatement()) {
        s.setQueryTimeout(30);   // past 30 s the server cancels the query: SQLException, SQLState 57014
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sales.orders")) {
          rs.next();
        }
      }
      // end:remote-timeout
    }
  }
}
