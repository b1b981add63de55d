package dev.meshkit.source.file;

import static dev.meshkit.source.file.FileSourceTesting.connect;
import static dev.meshkit.source.file.FileSourceTesting.messages;
import static dev.meshkit.source.file.FileSourceTesting.open;
import static dev.meshkit.source.file.FileSourceTesting.query;
import static dev.meshkit.source.file.FileSourceTesting.settings;
import static dev.meshkit.source.file.FileSourceTesting.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.source.Source;
import dev.meshkit.source.SourceConfigException;
import dev.meshkit.source.SourceUnavailableException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlSourceTypeTest {

  @TempDir
  Path dir;

  private Source source(Object... moreSettings) {
    Object[] all = new Object[moreSettings.length + 2];
    all[0] = "path";
    all[1] = "data";
    System.arraycopy(moreSettings, 0, all, 2, moreSettings.length);
    return open(new JsonlSourceType(), dir, settings(all));
  }

  @Test
  void infersTypesFromJsonValuesWithMissingKeysAndNesting() throws SQLException {
    write(dir.resolve("data/events.jsonl"),
        "{\"id\": 1, \"big\": 3000000000, \"amount\": 12.34, \"ratio\": 1e-3, \"ok\": true,"
            + " \"day\": \"2024-02-29\", \"at\": \"2024-01-02T03:04:05.678Z\", \"zip\": \"007\"}",
        "",
        "{\"id\": 2, \"tags\": [\"a\", \"b\"], \"who\": {\"name\": \"x\", \"n\": 1}, \"zip\": \"12\","
            + " \"mixed\": 1}",
        "{\"id\": 3, \"ok\": null, \"mixed\": \"one\", \"amount\": 7}");
    try (Connection c = connect(source());
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select * from files.events order by id")) {
      ResultSetMetaData meta = rs.getMetaData();
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        names.add(meta.getColumnName(i));
      }
      assertEquals(List.of("id", "big", "amount", "ratio", "ok", "day", "at", "zip", "tags", "who",
          "mixed"), names);
      int[] expected = {Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.DOUBLE, Types.BOOLEAN,
          Types.DATE, Types.TIMESTAMP, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR};
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], meta.getColumnType(i + 1), names.get(i));
      }

      assertTrue(rs.next());
      assertEquals(3000000000L, rs.getObject("big"));
      assertEquals(new BigDecimal("12.34"), rs.getBigDecimal("amount"));
      assertEquals(0.001, rs.getObject("ratio"));
      assertEquals("2024-02-29", rs.getDate("day").toString());
      assertEquals("2024-01-02 03:04:05.678", rs.getTimestamp("at").toString());
      assertEquals("007", rs.getString("zip"));
      assertNull(rs.getObject("tags"));

      assertTrue(rs.next());
      assertEquals("[\"a\",\"b\"]", rs.getString("tags"));
      assertEquals("{\"name\":\"x\",\"n\":1}", rs.getString("who"));
      assertNull(rs.getObject("amount"));
      assertEquals("1", rs.getString("mixed"));

      assertTrue(rs.next());
      assertNull(rs.getObject("ok"));
      assertEquals(new BigDecimal("7.00"), rs.getBigDecimal("amount"));
      assertEquals("one", rs.getString("mixed"));
      assertFalse(rs.next());
    }
  }

  @Test
  void filtersArePushedAndDeclaredTypesApply() throws SQLException {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 50; i++) {
      lines.add("{\"n\": \"" + i + "\", \"even\": " + (i % 2 == 0) + "}");
    }
    write(dir.resolve("data/t.jsonl"), lines.toArray(String[]::new));
    Source source = source("columns", Map.of("t", Map.of("n", "integer")));
    FileTable table = (FileTable) source.tables().get("t");
    try (Connection c = connect(source)) {
      assertEquals(List.of(List.of(48), List.of(50)),
          query(c, "select n from files.t where n > 46 and even order by n"));
      assertEquals(50, table.rowsRead.get());
      assertEquals(2, table.rowsMatched.get());
    }
  }

  @Test
  void badValuesAndBrokenLinesNameFileLineAndColumnButNotTheValue() throws SQLException {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 1200; i++) {
      lines.add(i == 1100 ? "{\"n\": \"SECRET-VALUE\"}" : "{\"n\": " + i + "}");
    }
    write(dir.resolve("data/bad.jsonl"), lines.toArray(String[]::new));
    // Past the sample, so that discovery succeeds and the scan meets it.
    lines.set(1099, "{\"n\": SECRET-VALUE}");
    write(dir.resolve("data/broken.jsonl"), lines.toArray(String[]::new));
    try (Connection c = connect(source())) {
      Exception bad = assertThrows(Exception.class, () -> query(c, "select sum(n) from files.bad"));
      String text = messages(bad);
      assertTrue(text.contains("bad.jsonl, line 1100, column 'n': not a valid INTEGER"), text);
      assertFalse(text.contains("SECRET"), text);

      Exception broken = assertThrows(Exception.class, () -> query(c, "select * from files.broken"));
      text = messages(broken);
      assertTrue(text.contains("broken.jsonl, line 1100: not valid JSON"), text);
      assertFalse(text.contains("SECRET"), text);
    }
  }

  @Test
  void aBrokenSampleMakesTheSourceUnavailable() {
    write(dir.resolve("data/t.jsonl"), "[1, 2]");
    SourceUnavailableException e = assertThrows(SourceUnavailableException.class,
        () -> source().tables());
    assertTrue(e.getMessage().contains("line 1: not a JSON object"), e.getMessage());
  }

  @Test
  void settingsAndFolderErrors() {
    assertThrows(SourceConfigException.class, () -> source("delimiter", ","));
    SourceUnavailableException e = assertThrows(SourceUnavailableException.class,
        () -> source().tables());
    assertTrue(e.getMessage().contains("jsonl source 'sales' of domain 'shop'"), e.getMessage());
    write(dir.resolve("data/a.jsonl"), "{\"x\": 1}");
    write(dir.resolve("data/sub/b.jsonl"), "{\"x\": 1}");
    write(dir.resolve("data/c.json"), "{\"x\": 1}");
    assertEquals(List.of("a"), List.copyOf(source().tables().keySet()));
  }

  @Test
  void earlyCloseReleasesTheFile() throws SQLException {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 3000; i++) {
      lines.add("{\"n\": " + i + "}");
    }
    write(dir.resolve("data/t.jsonl"), lines.toArray(String[]::new));
    Source source = source();
    FileTable table = (FileTable) source.tables().get("t");
    try (Connection c = connect(source); Statement st = c.createStatement()) {
      ResultSet rs = st.executeQuery("select n from files.t");
      assertTrue(rs.next());
      assertEquals(1, table.openReaders.get());
      rs.close();
      assertEquals(0, table.openReaders.get());
    }
    double estimate = table.getStatistic().getRowCount();
    assertTrue(Math.abs(estimate - 3000) < 450, "estimate " + estimate);
  }
}
