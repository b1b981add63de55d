package dev.meshkit;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Shared fixtures for tests that drive a mesh through its public API and JDBC only. */
public final class MeshTesting {

  private MeshTesting() {
  }

  /**
   * Creates an in-memory H2 database that lives until the JVM exits and runs the statements in it.
   * The first connection's user becomes the admin, so it is always "sa".
   *
   * @return the URL a source declares to reach it
   */
  public static String h2(String name, String... statements) throws SQLException {
    String url = "jdbc:h2:mem:" + name;
    try (Connection c = DriverManager.getConnection(url + ";DB_CLOSE_DELAY=-1", "sa", "");
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
    return url;
  }

  public static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every row of a query, each as its values joined by ','. */
  public static List<String> rows(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rows(rs);
    }
  }

  public static List<String> rows(ResultSet rs) throws SQLException {
    List<String> rows = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      StringBuilder row = new StringBuilder();
      for (int i = 1; i <= n; i++) {
        row.append(i > 1 ? "," : "").append(rs.getString(i));
      }
      rows.add(row.toString());
    }
    return rows;
  }

  /** The 1-based line of the first line of {@code text} that contains {@code snippet}. */
  public static int line(String text, String snippet) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(snippet)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("no line contains " + snippet);
  }

  /** A message for people carries no stack frames and no exception class names. */
  public static void assertNoStackTrace(String message) {
    assertFalse(message.contains("\tat ") || message.matches("(?s).*\\bat [\\w$.]+\\([\\w$]+\\.java:\\d+\\).*"),
        "stack frames in: " + message);
    assertFalse(message.matches("(?s).*\\b[a-z]+(\\.[a-z0-9]+)+\\.[A-Z]\\w*(Exception|Error)\\b.*"),
        "exception class name in: " + message);
  }
}
