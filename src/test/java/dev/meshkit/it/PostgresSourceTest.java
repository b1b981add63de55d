package dev.meshkit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.MeshException;
import dev.meshkit.Principal;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Products over PostgreSQL tables: naming, pushdown, schema selection, types, parameters, streaming. */
@Tag("integration")
class PostgresSourceTest {

  static final String SCHEMA = "meshkit_it_pg";
  static final String ALT_SCHEMA = "meshkit_it_pg_alt";
  static final int BIG_ROWS = 200_000;

  static final SourceLog log = new SourceLog();
  static Mesh mesh;
  static Connection source;

  @BeforeAll
  static void setUp() throws SQLException {
    Servers.requirePostgres();
    source = Servers.postgres();
    Servers.execute(source,
        "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE",
        "DROP SCHEMA IF EXISTS " + ALT_SCHEMA + " CASCADE",
        "CREATE SCHEMA " + SCHEMA,
        "CREATE SCHEMA " + ALT_SCHEMA,
        "SET search_path TO " + SCHEMA,
        "CREATE TABLE customers(id integer PRIMARY KEY, name varchar(40) NOT NULL, region varchar(10),"
            + " segment text)",
        "INSERT INTO customers SELECT g, 'Customer ' || g, (ARRAY['EU','US','APAC'])[1 + g % 3],"
            + " CASE WHEN g % 4 = 0 THEN 'enterprise' ELSE 'retail' END FROM generate_series(1, 60) g",
        "CREATE TABLE orders(id integer PRIMARY KEY, customer_id integer NOT NULL, amount numeric(12,2),"
            + " ordered_on date)",
        "INSERT INTO orders SELECT g, 1 + (g * 7) % 60, round((g * 13.37) % 500, 2),"
            + " DATE '2024-01-01' + g % 90 FROM generate_series(1, 600) g",
        "CREATE TABLE \"OrderLines\"(order_id integer, line_no integer, \"Sku\" varchar(20), qty integer)",
        "INSERT INTO \"OrderLines\" SELECT o, l, 'SKU-' || (o * l) % 17, 1 + (o + l) % 5"
            + " FROM generate_series(1, 600) o, generate_series(1, 3) l WHERE l <= 1 + o % 3",
        "CREATE TABLE types(id integer PRIMARY KEY, i integer, b bigint, n12 numeric(12,2), n numeric,"
            + " d double precision, flag boolean, dt date, ts timestamp, v varchar(40), t text)",
        "INSERT INTO types VALUES"
            + " (1, 2147483647, 9007199254740993, 1234567890.12, 98765432109876543210.0123456789, 1.5e300,"
            + "  true, DATE '2024-03-10', TIMESTAMP '2024-01-15 23:45:12.5', 'héllo wörld', repeat('x', 10000)),"
            + " (2, -1, -9007199254740993, -0.01, 0.1, -0.25, false, DATE '1969-12-31',"
            + "  TIMESTAMP '2024-11-03 01:30:00', '', 'short'),"
            + " (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),"
            + " (4, 0, 0, 0, 0, 0, false, DATE '2024-03-10', TIMESTAMP '2024-03-10 02:30:00', 'gap', 'gap')",
        "CREATE TABLE accounts(id integer, label varchar(10))",
        "INSERT INTO accounts VALUES (1, 'main'), (2, 'main')",
        "CREATE TABLE " + ALT_SCHEMA + ".accounts(id integer, label varchar(10))",
        "INSERT INTO " + ALT_SCHEMA + ".accounts VALUES (1, 'alt')",
        "CREATE TABLE " + ALT_SCHEMA + ".alt_only(id integer)",
        "CREATE TABLE big(id integer, payload text)",
        "INSERT INTO big SELECT g, md5(g::text) FROM generate_series(1, " + BIG_ROWS + ") g",
        // Dividing by zero on the last row: a source that buffers the whole result fails, one that streams never gets there.
        "CREATE VIEW big_trap AS SELECT id, payload, 1 / (id - " + BIG_ROWS + ") AS trap FROM big",
        "ANALYZE");
    mesh = Mesh.builder()
        // explain: true, so EXPLAIN shows the statements the sources receive.
        .policy("everyone-reads-everything", "grant", Map.of("products", List.of("*"), "explain", true)).name("it")
        .domain("crm", d -> d
            .source("pg", "jdbc", pg(Map.of("schema", SCHEMA)))
            .source("pg_alt", "jdbc", pg(Map.of("schema", ALT_SCHEMA)))
            .product("customers", "SELECT * FROM pg.CUSTOMERS")
            .product("orders", "SELECT * FROM pg.Orders")
            .product("order_lines", "SELECT * FROM pg.\"OrderLines\"")
            .product("order_skus", "SELECT ORDER_ID, sku FROM pg.orderlines")
            .product("types", "SELECT * FROM pg.types")
            .product("accounts", "SELECT * FROM pg.accounts")
            .product("alt_accounts", "SELECT * FROM pg_alt.accounts")
            .product("big", "SELECT * FROM pg.big"))
        .domain("feed", d -> d
            .source("small_fetch", "jdbc", pg(Map.of("schema", SCHEMA, "fetchSize", 50)))
            .source("no_fetch", "jdbc", pg(Map.of("schema", SCHEMA, "fetchSize", 0)))
            .product("trap", "SELECT * FROM small_fetch.big_trap")
            .product("trap_unfetched", "SELECT * FROM no_fetch.big_trap"))
        .sourceListener(log)
        .build();
  }

  static Map<String, Object> pg(Map<String, Object> extra) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("url", Servers.PG_URL);
    settings.put("user", Servers.PG_USER);
    settings.putAll(extra);
    return settings;
  }

  @AfterAll
  static void tearDown() throws SQLException {
    if (mesh != null) {
      mesh.close();
    }
    if (source != null) {
      source.close();
    }
  }

  @BeforeEach
  void clearLog() {
    log.clear();
  }

  static Connection connect() throws SQLException {
    return mesh.connect(Principal.of("ann"));
  }

  @Test
  void unquotedIdentifiersInAnyCaseFindLowercaseTables() throws SQLException {
    List<List<Object>> expected = Rows.query(source, "SELECT name FROM customers WHERE id <= 3 ORDER BY id");
    try (Connection c = connect()) {
      assertEquals(expected, Rows.query(c, "SELECT Name FROM crm.CUSTOMERS WHERE ID <= 3 ORDER BY Id"));
      assertEquals(expected, Rows.query(c, "select name from CRM.customers where id <= 3 order by id"));
      assertEquals(expected, Rows.query(c, "SELECT \"NAME\" FROM \"Crm\".\"Customers\" WHERE id <= 3 ORDER BY id"));
    }
  }

  @Test
  void mixedCaseQuotedTableAndColumn() throws SQLException {
    List<List<Object>> expected = Rows.query(source,
        "SELECT order_id, \"Sku\" FROM \"OrderLines\" WHERE order_id = 5 ORDER BY line_no");
    assertFalse(expected.isEmpty());
    try (Connection c = connect()) {
      assertEquals(expected, Rows.query(c, "SELECT order_id, \"Sku\" FROM crm.order_lines WHERE order_id = 5 ORDER BY line_no"));
      assertEquals(expected, Rows.query(c, "SELECT Order_Id, SKU FROM crm.ORDER_LINES WHERE ORDER_ID = 5 ORDER BY LINE_NO"));
      // order_skus names the table unquoted in lower case; the source must still be sent "OrderLines".
      assertEquals(Rows.query(source, "SELECT order_id, \"Sku\" FROM \"OrderLines\" WHERE order_id = 5 ORDER BY \"Sku\""),
          Rows.query(c, "SELECT order_id, sku FROM crm.order_skus WHERE order_id = 5 ORDER BY sku"));
    }
    assertTrue(log.all().stream().allMatch(e -> e.sql().contains("\"OrderLines\"")), log.all().toString());
  }

  @Test
  void filterAndProjectionPushDown() throws SQLException {
    long eu = Rows.count(source, "SELECT count(*) FROM customers WHERE region = 'EU'");
    try (Connection c = connect()) {
      List<List<Object>> rows = Rows.query(c, "SELECT Name FROM crm.CUSTOMERS WHERE Region = 'EU'");
      assertEquals(eu, rows.size());
    }
    SourceLog.Executed e = log.single();
    assertTrue(e.sql().contains("WHERE \"region\" = 'EU'"), e.sql());
    assertFalse(e.sql().contains("segment") || e.sql().contains("*"), "projection not pushed: " + e.sql());
    assertEquals(eu, e.rows());
  }

  @Test
  void joinAndAggregatePushDownAsOneStatement() throws SQLException {
    String query = "SELECT c.region, COUNT(*) AS n, SUM(o.amount) AS total FROM %s c JOIN %s o"
        + " ON o.customer_id = c.id WHERE o.amount > 100 GROUP BY c.region ORDER BY c.region";
    List<List<Object>> expected = Rows.query(source, query.formatted("customers", "orders"));
    try (Connection c = connect()) {
      assertEquals(expected, Rows.query(c, query.formatted("crm.customers", "crm.orders")));
    }
    SourceLog.Executed e = log.single();
    for (String part : List.of("JOIN", "GROUP BY", "COUNT(*)", "SUM(", "WHERE", "ORDER BY")) {
      assertTrue(e.sql().contains(part), part + " not pushed: " + e.sql());
    }
    assertEquals(expected.size(), e.rows());
  }

  @Test
  void orderByLimitPushDown() throws SQLException {
    List<List<Object>> expected = Rows.query(source, "SELECT id, amount FROM orders ORDER BY amount DESC, id LIMIT 5");
    try (Connection c = connect()) {
      assertEquals(expected, Rows.query(c, "SELECT id, amount FROM crm.orders ORDER BY amount DESC, id LIMIT 5"));
    }
    SourceLog.Executed e = log.single();
    assertTrue(e.sql().contains("ORDER BY"), e.sql());
    assertTrue(e.sql().contains("FETCH NEXT 5 ROWS ONLY") || e.sql().contains("LIMIT 5"), e.sql());
    assertEquals(5, e.rows());
  }

  @Test
  void joinOfMixedCaseTablePushesDown() throws SQLException {
    String query = "SELECT o.id, SUM(l.qty) FROM %s o JOIN %s l ON l.order_id = o.id"
        + " WHERE o.customer_id = 8 GROUP BY o.id ORDER BY o.id";
    List<List<Object>> expected = Rows.query(source, query.formatted("orders", "\"OrderLines\""));
    assertFalse(expected.isEmpty());
    try (Connection c = connect()) {
      assertEquals(expected, Rows.query(c, query.formatted("crm.orders", "crm.order_lines")));
    }
    SourceLog.Executed e = log.single();
    assertTrue(e.sql().contains("JOIN") && e.sql().contains("\"OrderLines\""), e.sql());
    assertEquals(expected.size(), e.rows());
  }

  @Test
  void schemaSettingPicksTheTable() throws SQLException {
    try (Connection c = connect()) {
      assertEquals(Rows.query(source, "SELECT id, label FROM accounts ORDER BY id"),
          Rows.query(c, "SELECT id, label FROM crm.accounts ORDER BY id"));
      assertEquals(Rows.query(source, "SELECT id, label FROM " + ALT_SCHEMA + ".accounts ORDER BY id"),
          Rows.query(c, "SELECT id, label FROM crm.alt_accounts ORDER BY id"));
    }
    assertTrue(log.single("crm", "pg").sql().contains("\"" + SCHEMA + "\".\"accounts\""), log.all().toString());
    assertTrue(log.single("crm", "pg_alt").sql().contains("\"" + ALT_SCHEMA + "\".\"accounts\""), log.all().toString());
  }

  @Test
  void schemaSettingHidesOtherSchemas() {
    MeshException e = assertThrows(MeshException.class, () -> Mesh.builder().grant("everyone-reads-everything", "*").name("narrow")
        .domain("crm", d -> d.source("pg", "jdbc", pg(Map.of("schema", SCHEMA)))
            .product("nope", "SELECT * FROM pg.alt_only"))
        .build().close());
    assertTrue(e.getMessage().toLowerCase().contains("alt_only"), e.getMessage());
  }

  @Test
  void typesRoundTrip() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet mesh = s.executeQuery("SELECT id, i, b, n12, n, d, flag, dt, ts, v, t FROM crm.types ORDER BY id");
        Statement direct = source.createStatement();
        ResultSet pg = direct.executeQuery("SELECT id, i, b, n12, n, d, flag, dt, ts, v, t FROM types ORDER BY id")) {
      while (pg.next()) {
        assertTrue(mesh.next());
        int id = pg.getInt(1);
        assertEquals(id, mesh.getInt(1));
        assertEquals(pg.getObject(2), mesh.getObject(2) == null ? null : mesh.getInt(2), "integer, row " + id);
        assertEquals(pg.getObject(3), mesh.getObject(3) == null ? null : mesh.getLong(3), "bigint, row " + id);
        assertEquals(pg.getBigDecimal(4), mesh.getBigDecimal(4), "numeric(12,2), row " + id);
        assertDecimal(pg.getBigDecimal(5), mesh.getBigDecimal(5), "numeric, row " + id);
        assertEquals(pg.getObject(6), mesh.getObject(6) == null ? null : mesh.getDouble(6), "double, row " + id);
        assertEquals(pg.getObject(7), mesh.getObject(7), "boolean, row " + id);
        assertEquals(pg.getDate(8), mesh.getDate(8), "date, row " + id);
        assertEquals(pg.getString(10), mesh.getString(10), "varchar, row " + id);
        assertEquals(pg.getString(11), mesh.getString(11), "text, row " + id);
        if (id == 1) {
          assertEquals(LocalDate.of(2024, 3, 10), mesh.getDate(8).toLocalDate());
          assertEquals("2024-03-10", mesh.getString(8));
          assertEquals(LocalDateTime.of(2024, 1, 15, 23, 45, 12, 500_000_000), mesh.getTimestamp(9).toLocalDateTime());
          assertEquals(pg.getTimestamp(9), mesh.getTimestamp(9));
          assertEquals(10_000, mesh.getString(11).length());
        } else if (id == 2) {
          assertEquals(LocalDate.of(1969, 12, 31), mesh.getDate(8).toLocalDate());
          // 01:30 on 2024-11-03 happens twice in New York; a TIMESTAMP has no zone and keeps the wall clock.
          assertEquals("2024-11-03 01:30:00", mesh.getString(9));
          assertEquals(pg.getTimestamp(9), mesh.getTimestamp(9));
        } else if (id == 3) {
          assertEquals(null, mesh.getTimestamp(9));
        }
      }
      assertFalse(mesh.next());
    }
  }

  /**
   * 02:30 on 2024-03-10 does not exist in New York, yet a TIMESTAMP has no zone and must keep it.
   * Calcite's JDBC adapter reads timestamps through {@code ResultSet.getTimestamp(int)}, in the JVM
   * zone, and shifts them by that zone's offset; no instant maps to a wall-clock time inside the
   * gap, so no value a source wrapper could return reads back as 02:30. Kept to show the limit and
   * to pass once Calcite reads TIMESTAMP as LocalDateTime.
   */
  @Test
  @Disabled("Calcite limitation: its JDBC adapter reads TIMESTAMP in the JVM zone, where 02:30 on 2024-03-10"
      + " (New York's DST gap) has no instant, so it reads back as 03:30; not fixable below Calcite")
  void timestampInDaylightSavingGapKeepsWallClock() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT ts FROM crm.types WHERE id = 4")) {
      assertTrue(rs.next());
      assertEquals("2024-03-10 02:30:00", rs.getString(1));
    }
  }

  private static void assertDecimal(BigDecimal expected, BigDecimal actual, String what) {
    if (expected == null || actual == null) {
      assertEquals(expected, actual, what);
    } else {
      assertEquals(0, expected.compareTo(actual), what + ": expected " + expected + " but was " + actual);
    }
  }

  @Test
  void dateFilterPushesDownAndMatches() throws SQLException {
    List<List<Object>> expected = Rows.query(source, "SELECT id FROM types WHERE dt = DATE '2024-03-10' ORDER BY id");
    assertFalse(expected.isEmpty());
    try (Connection c = connect()) {
      assertEquals(expected, Rows.query(c, "SELECT id FROM crm.types WHERE dt = DATE '2024-03-10' ORDER BY id"));
    }
    SourceLog.Executed e = log.single();
    assertTrue(e.sql().contains("DATE '2024-03-10'"), e.sql());
    assertEquals(expected.size(), e.rows());
  }

  @Test
  void preparedStatementParameters() throws SQLException {
    try (Connection c = connect();
        PreparedStatement ps = c.prepareStatement(
            "SELECT id, name FROM crm.customers WHERE region = ? AND id > ? ORDER BY id")) {
      for (Object[] args : new Object[][] {{"EU", 10}, {"US", 50}}) {
        log.clear();
        ps.setString(1, (String) args[0]);
        ps.setInt(2, (Integer) args[1]);
        List<List<Object>> expected = Rows.query(source, "SELECT id, name FROM customers WHERE region = '"
            + args[0] + "' AND id > " + args[1] + " ORDER BY id");
        try (ResultSet rs = ps.executeQuery()) {
          assertEquals(expected, Rows.read(rs));
        }
        SourceLog.Executed e = log.single();
        assertTrue(e.sql().contains("WHERE"), "parameters not pushed: " + e.sql());
        assertEquals(expected.size(), e.rows(), e.sql());
      }
    }
  }

  @Test
  void explainShowsSourceStatement() throws SQLException {
    try (Connection c = connect();
        ResultSet rs = c.createStatement().executeQuery(
            "EXPLAIN PLAN FOR SELECT name FROM crm.customers WHERE region = 'EU'")) {
      assertTrue(rs.next());
      String plan = rs.getString(1);
      assertTrue(plan.contains("Source statements:"), plan);
      assertTrue(plan.contains("crm.pg: SELECT \"name\" FROM \"" + SCHEMA + "\".\"customers\" WHERE \"region\" = 'EU'"),
          plan);
    }
    assertTrue(log.all().isEmpty(), "EXPLAIN must not run anything: " + log.all());
  }

  @Test
  void fetchSizeStreamsFromPostgres() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM feed.trap")) {
      for (int i = 0; i < 10; i++) {
        assertTrue(rs.next());
      }
    }
    SourceLog.Executed e = log.single("feed", "small_fetch");
    assertTrue(e.rows() < BIG_ROWS, "read " + e.rows() + " rows");
  }

  @Test
  void withoutFetchSizePostgresBuffersEverything() throws SQLException {
    // The control for fetchSizeStreamsFromPostgres: the same read, buffered, reaches the trap row.
    SQLException e = assertThrows(SQLException.class, () -> {
      try (Connection c = connect(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT * FROM feed.trap_unfetched")) {
        rs.next();
      }
    });
    assertTrue(String.valueOf(rootMessage(e)).contains("division by zero"), rootMessage(e));
  }

  static String rootMessage(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
