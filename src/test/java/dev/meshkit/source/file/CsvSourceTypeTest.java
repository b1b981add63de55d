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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.apache.calcite.schema.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSourceTypeTest {

  @TempDir
  Path dir;

  private Source source(Object... moreSettings) {
    Object[] all = new Object[moreSettings.length + 2];
    all[0] = "path";
    all[1] = "data";
    System.arraycopy(moreSettings, 0, all, 2, moreSettings.length);
    return open(new CsvSourceType(), dir, settings(all));
  }

  private static FileTable table(Source source, String name) {
    return (FileTable) source.tables().get(name);
  }

  /** 1..n with a varchar, a date and a nullable column, for filter tests. */
  private void writeNumbers(int n) {
    List<String> lines = new ArrayList<>(List.of("i,s,d,maybe"));
    for (int i = 1; i <= n; i++) {
      lines.add(i + ",s" + (i % 10) + ",2024-01-" + String.format("%02d", i % 28 + 1) + ","
          + (i % 2 == 0 ? "" : i));
    }
    write(dir.resolve("data/numbers.csv"), lines.toArray(String[]::new));
  }

  @Test
  void infersEveryTypeAndReadsValuesBackWhateverTheJvmTimeZone() throws SQLException {
    // Surefire runs with America/New_York; the values must not shift with it.
    assertFalse(TimeZone.getDefault().getRawOffset() == 0, "test needs a non-UTC JVM time zone");
    write(dir.resolve("data/all.csv"),
        "i,b,d,x,f,dt,ts,s,code",
        "1,3000000000,12.34,1.5e3,true,2024-02-29,2024-01-02 03:04:05.678,hello,007",
        "-2,4,0.5,2,FALSE,1969-12-31,2024-01-02T23:59:59,world,12",
        ",,,,,,,,");
    try (Connection c = connect(source());
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select * from files.\"all\" order by i desc nulls last")) {
      ResultSetMetaData meta = rs.getMetaData();
      int[] expected = {Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.DOUBLE, Types.BOOLEAN,
          Types.DATE, Types.TIMESTAMP, Types.VARCHAR, Types.VARCHAR};
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], meta.getColumnType(i + 1), meta.getColumnName(i + 1));
      }
      assertEquals(15, meta.getPrecision(3));
      assertEquals(2, meta.getScale(3));
      assertEquals("code", meta.getColumnName(9));

      assertTrue(rs.next());
      assertEquals(1, rs.getObject("i"));
      assertEquals(3000000000L, rs.getObject("b"));
      assertEquals(new BigDecimal("12.34"), rs.getBigDecimal("d"));
      assertEquals(1500.0, rs.getObject("x"));
      assertEquals(true, rs.getObject("f"));
      assertEquals("2024-02-29", rs.getDate("dt").toString());
      assertEquals("2024-02-29", rs.getString("dt"));
      assertEquals("2024-01-02 03:04:05.678", rs.getTimestamp("ts").toString());
      assertEquals("hello", rs.getString("s"));
      assertEquals("007", rs.getString("code"));

      assertTrue(rs.next());
      assertEquals(new BigDecimal("0.50"), rs.getBigDecimal("d"));
      assertEquals(false, rs.getObject("f"));
      assertEquals("1969-12-31", rs.getDate("dt").toString());
      assertEquals("2024-01-02 23:59:59.0", rs.getTimestamp("ts").toString());

      assertTrue(rs.next());
      for (int i = 1; i <= 9; i++) {
        assertNull(rs.getObject(i), meta.getColumnName(i));
      }
      assertFalse(rs.next());
    }
  }

  @Test
  void datesAndTimestampsFilterOnTheirText() throws SQLException {
    write(dir.resolve("data/t.csv"), "dt,ts", "2024-03-10,2024-03-10 02:30:00", "2024-03-11,"
        + "2024-03-11 12:00:00");
    try (Connection c = connect(source())) {
      // 02:30 on 2024-03-10 does not exist in New York; as a zone-less timestamp it must.
      assertEquals(List.of(List.of("2024-03-10 02:30:00")), query(c,
          "select cast(ts as varchar) from files.t where ts = timestamp '2024-03-10 02:30:00'"));
      assertEquals(List.of(List.of("2024-03-11")),
          query(c, "select cast(dt as varchar) from files.t where dt > date '2024-03-10'"));
    }
  }

  @Test
  void declaredTypesOverrideInference() throws SQLException {
    write(dir.resolve("data/t.csv"), "i,d,code,s,p", "1,1.5,007,42,2.25", "2,2.125,010,43,3");
    Source source = source("columns", Map.of("t",
        Map.of("i", "BIGINT", "d", "decimal(10,3)", "code", "int", "s", "Varchar", "p", "decimal")));
    try (Connection c = connect(source);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select * from files.t order by i")) {
      ResultSetMetaData meta = rs.getMetaData();
      assertEquals(Types.BIGINT, meta.getColumnType(1));
      assertEquals(Types.DECIMAL, meta.getColumnType(2));
      assertEquals(10, meta.getPrecision(2));
      assertEquals(3, meta.getScale(2));
      assertEquals(Types.INTEGER, meta.getColumnType(3));
      assertEquals(Types.VARCHAR, meta.getColumnType(4));
      assertEquals(Types.DECIMAL, meta.getColumnType(5));
      assertEquals(2, meta.getScale(5));
      assertTrue(rs.next());
      assertEquals(1L, rs.getObject(1));
      assertEquals(new BigDecimal("1.500"), rs.getBigDecimal(2));
      assertEquals(7, rs.getObject(3));
      assertEquals("42", rs.getObject(4));
      assertTrue(rs.next());
      assertEquals(new BigDecimal("3.00"), rs.getBigDecimal(5));
    }
  }

  @Test
  void decimalsHoldAsManyDigitsAsTheEngine() throws SQLException {
    String wide = "12345678901234567890123456789012345678";
    write(dir.resolve("data/t.csv"), "d,f,n", wide + ",0.12345678901234567890,123456789012345678901234.5");
    Source source = source("columns", Map.of("t", Map.of("d", "decimal(38,0)", "f", "decimal(38,20)")));
    try (Connection c = connect(source);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select d, f, n, d - 1 from files.t")) {
      assertEquals(Types.DECIMAL, rs.getMetaData().getColumnType(3), "a sample of 25 digits is still exact");
      assertTrue(rs.next());
      assertEquals(new BigDecimal(wide), rs.getBigDecimal(1));
      assertEquals(new BigDecimal("0.12345678901234567890"), rs.getBigDecimal(2));
      assertEquals(new BigDecimal("123456789012345678901234.5"), rs.getBigDecimal(3));
      assertEquals(new BigDecimal(wide).subtract(BigDecimal.ONE), rs.getBigDecimal(4));
    }
  }

  @Test
  void declaredTypeErrorsNameTheCulprit() {
    write(dir.resolve("data/t.csv"), "i", "1");
    SourceConfigException unknownType = assertThrows(SourceConfigException.class,
        () -> source("columns", Map.of("t", Map.of("i", "number"))));
    assertTrue(unknownType.getMessage().contains("'number'"), unknownType.getMessage());

    SourceConfigException unknownTable = assertThrows(SourceConfigException.class,
        () -> source("columns", Map.of("nope", Map.of("i", "int"))).tables());
    assertTrue(unknownTable.getMessage().contains("table 'nope'"), unknownTable.getMessage());

    SourceConfigException unknownColumn = assertThrows(SourceConfigException.class,
        () -> source("columns", Map.of("t", Map.of("j", "int"))).tables());
    assertTrue(unknownColumn.getMessage().contains("column 'j' of table 't'"),
        unknownColumn.getMessage());
  }

  @Test
  void onlyCsvFilesDirectlyInTheFolderAreTables() {
    write(dir.resolve("data/a.csv"), "x", "1");
    write(dir.resolve("data/b.csv"), "y", "2");
    write(dir.resolve("data/notes.txt"), "z");
    write(dir.resolve("data/sub/c.csv"), "z", "3");
    write(dir.resolve("data/empty.csv"));
    assertEquals(List.of("a", "b"), List.copyOf(source().tables().keySet()));
  }

  @Test
  void scanEvaluatesPushedFiltersItself() throws SQLException {
    writeNumbers(100);
    Source source = source();
    FileTable table = table(source, "numbers");
    String[][] cases = {
        {"i > 90", "10"},
        {"90 < i", "10"},
        {"i <= 3 or i = 50", "4"},
        {"i <> 1 and i < 5", "3"},
        {"s in ('s1', 's2')", "20"},
        {"i in (1, 2, 300)", "2"},
        {"i not in (1, 2)", "98"},
        {"i between 10 and 19", "10"},
        {"maybe is null", "50"},
        {"maybe is not null and i < 10", "5"},
        {"d = date '2024-01-02'", "4"},
        {"d >= date '2024-01-27' or s = 's0'", "16"},
    };
    try (Connection c = connect(source)) {
      for (String[] test : cases) {
        long readBefore = table.rowsRead.get();
        long matchedBefore = table.rowsMatched.get();
        List<List<Object>> rows = query(c, "select i from files.numbers where " + test[0]);
        assertEquals(Integer.parseInt(test[1]), rows.size(), test[0]);
        assertEquals(100, table.rowsRead.get() - readBefore, test[0]);
        // Only rows passing the scan's own filter reached Calcite: the filter was pushed.
        assertEquals(rows.size(), table.rowsMatched.get() - matchedBefore, test[0]);
      }
    }
  }

  @Test
  void unhandledFiltersStayWithCalcite() throws SQLException {
    writeNumbers(100);
    Source source = source();
    FileTable table = table(source, "numbers");
    try (Connection c = connect(source)) {
      List<List<Object>> rows = query(c, "select i from files.numbers where i + 1 = 11 and s = 's0'");
      assertEquals(List.of(List.of(10)), rows);
      // Calcite passes the WHERE clause as one AND: the scan applied s = 's0' and left the AND
      // to Calcite, which evaluated i + 1 = 11.
      assertEquals(10, table.rowsMatched.get());
      assertTrue(query(c, "explain plan for select i from files.numbers where i + 1 = 11")
          .get(0).get(0).toString().contains("BindableTableScan"));
    }
  }

  @Test
  void projectionConvertsOnlyTheNeededColumns() throws SQLException {
    List<String> lines = new ArrayList<>(List.of("i,s"));
    for (int i = 1; i <= 1500; i++) {
      lines.add((i == 1400 ? "SECRET-VALUE" : String.valueOf(i)) + ",x" + i);
    }
    write(dir.resolve("data/t.csv"), lines.toArray(String[]::new));
    try (Connection c = connect(source())) {
      assertEquals(List.of(List.of(1500L)),
          query(c, "select count(*) from files.t where s like 'x%'"));
      SQLException e = assertThrows(SQLException.class, () -> query(c, "select sum(i) from files.t"));
      String text = messages(e);
      assertTrue(text.contains("t.csv, line 1401, column 'i': not a valid INTEGER"), text);
      assertTrue(text.contains("csv source 'sales' of domain 'shop'"), text);
      assertFalse(text.contains("SECRET"), text);
    }
  }

  @Test
  void nullValueSettingKeepsEmptyText() throws SQLException {
    write(dir.resolve("data/t.csv"), "i,s", "1,", "NA,NA", ",x");
    try (Connection c = connect(source("nullValue", "NA"))) {
      List<List<Object>> rows = query(c, "select i, s from files.t");
      assertEquals(List.of(1, ""), rows.get(0));
      assertEquals(Arrays.asList(null, null), rows.get(1));
      assertEquals(Arrays.asList(null, "x"), rows.get(2));
    }
    try (Connection c = connect(source())) {
      // By default only the empty cell is NULL; "NA" is text and makes column i VARCHAR.
      assertEquals(List.of(List.of(1L)), query(c, "select count(*) from files.t where s is null"));
    }
  }

  @Test
  void quotedFieldsKeepDelimitersNewlinesAndLineNumbers() throws SQLException {
    write(dir.resolve("data/t.csv"), "id,text", "1,\"a, b\"", "2,\"line one", "line two\"",
        "3,\"say \"\"hi\"\"\"", "oops,x");
    Source source = source("columns", Map.of("t", Map.of("id", "integer")));
    try (Connection c = connect(source)) {
      // Column id is not read, so its bad value does not matter here.
      assertEquals(List.of(List.of("a, b"), List.of("line one\nline two"), List.of("say \"hi\""),
          List.of("x")), query(c, "select text from files.t"));
      // Calcite throws what fails in ResultSet.next() as is, not as an SQLException.
      Exception e = assertThrows(Exception.class, () -> query(c, "select id from files.t"));
      // The bad id's record starts on line 6, after the two-line record.
      assertTrue(messages(e).contains("line 6, column 'id'"), messages(e));
    }
  }

  @Test
  void delimiterAndCharsetSettings() throws Exception {
    Files.createDirectories(dir.resolve("data"));
    Files.write(dir.resolve("data/t.csv"), "name;price\ncafé;1,5\n".getBytes(StandardCharsets.ISO_8859_1));
    try (Connection c = connect(source("delimiter", ";", "charset", "ISO-8859-1"))) {
      assertEquals(List.of(List.of("café", "1,5")), query(c, "select * from files.t"));
    }
    assertThrows(SourceConfigException.class, () -> source("delimiter", ";;"));
    assertThrows(SourceConfigException.class, () -> source("charset", "klingon"));
  }

  @Test
  void missingFolderIsUnavailableAndRetried() {
    Source source = source();
    SourceUnavailableException e = assertThrows(SourceUnavailableException.class, source::tables);
    assertTrue(e.getMessage().contains("csv source 'sales' of domain 'shop'"), e.getMessage());
    assertTrue(e.getMessage().contains(dir.resolve("data").toString()), e.getMessage());
    write(dir.resolve("data/t.csv"), "x", "1");
    Map<String, Table> tables = source.tables();
    assertEquals(List.of("t"), List.copyOf(tables.keySet()));
    write(dir.resolve("data/u.csv"), "x", "1");
    assertTrue(tables == source.tables(), "discovery is kept after success");
  }

  @Test
  void openTouchesNothingAndRejectsUnknownSettings() {
    // The folder does not exist: open must still succeed.
    source();
    SourceConfigException e = assertThrows(SourceConfigException.class, () -> source("sep", ";"));
    assertTrue(e.getMessage().contains("'sep'"), e.getMessage());
    assertThrows(SourceConfigException.class, () -> open(new CsvSourceType(), dir, settings()));
  }

  @Test
  void earlyCloseReleasesTheFile() throws SQLException {
    writeNumbers(5000);
    Source source = source();
    FileTable table = table(source, "numbers");
    try (Connection c = connect(source); Statement st = c.createStatement()) {
      ResultSet rs = st.executeQuery("select i from files.numbers where i > 10");
      assertTrue(rs.next());
      assertEquals(1, table.openReaders.get());
      rs.close();
      assertEquals(0, table.openReaders.get());
      assertTrue(table.rowsRead.get() < 5000, "the scan stopped early");
    }
  }

  @Test
  void rowCountIsEstimatedFromTheSample() {
    writeNumbers(20000);
    write(dir.resolve("data/small.csv"), "x", "1", "2", "3");
    Source source = source();
    double estimate = table(source, "numbers").getStatistic().getRowCount();
    assertTrue(Math.abs(estimate - 20000) < 5000, "estimate " + estimate);
    assertEquals(3.0, table(source, "small").getStatistic().getRowCount());
  }

  @Test
  void duplicateHeaderNamesMakeTheSourceUnavailable() {
    write(dir.resolve("data/t.csv"), "a,a", "1,2");
    SourceUnavailableException e = assertThrows(SourceUnavailableException.class,
        () -> source().tables());
    assertTrue(e.getMessage().contains("'a' twice"), e.getMessage());
  }
}
