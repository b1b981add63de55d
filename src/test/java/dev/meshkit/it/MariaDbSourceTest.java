package dev.meshkit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Products over MariaDB tables: naming, pushdown, catalog selection, types, parameters. */
@Tag("integration")
class MariaDbSourceTest {

  /** How a statement for MariaDB compares text by code point. */
  static final String CODE_POINTS = "CONVERT(%s USING UTF8MB4) COLLATE UTF8MB4_NOPAD_BIN";

  static final String DB = "meshkit_it_maria";
  static final String ALT_DB = "meshkit_it_maria_alt";

  static final SourceLog log = new SourceLog();
  static Mesh mesh;
  static Connection source;

  @BeforeAll
  static void setUp() throws SQLException {
    Servers.requireMariaDb();
    source = Servers.mariadb();
    Servers.execute(source,
        "DROP DATABASE IF EXISTS " + DB,
        "DROP DATABASE IF EXISTS " + ALT_DB,
        "CREATE DATABASE " + DB,
        "CREATE DATABASE " + ALT_DB,
        "USE " + DB,
        "CREATE TABLE customers(id int PRIMARY KEY, name varchar(40) NOT NULL, region varchar(10), segment text)",
        "CREATE TABLE orders(id int PRIMARY KEY, customer_id int NOT NULL, amount decimal(12,2), ordered_on date)",
        "CREATE TABLE `OrderLines`(order_id int, line_no int, `Sku` varchar(20), qty int)",
        "CREATE TABLE types(id int PRIMARY KEY, i int, b bigint, n12 decimal(12,2), d double, flag boolean,"
            + " dt date, ts datetime(3), v varchar(40), t text)",
        "CREATE TABLE accounts(id int, label varchar(10))",
        "INSERT INTO accounts VALUES (1, 'main'), (2, 'main')",
        "CREATE TABLE " + ALT_DB + ".accounts(id int, label varchar(10))",
        "INSERT INTO " + ALT_DB + ".accounts VALUES (1, 'alt')",
        "INSERT INTO types VALUES"
            + " (1, 2147483647, 9007199254740993, 1234567890.12, 1.5e300, true, '2024-03-10',"
            + "  '2024-01-15 23:45:12.500', 'héllo wörld', REPEAT('x', 10000)),"
            + " (2, -1, -9007199254740993, -0.01, -0.25, false, '1969-12-31', '2024-11-03 01:30:00', '', 'short'),"
            + " (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
    // MariaDB has no generate_series; the rows come from a sequence engine table.
    Servers.execute(source,
        "INSERT INTO customers SELECT seq, CONCAT('Customer ', seq), ELT(1 + seq % 3, 'EU', 'US', 'APAC'),"
            + " IF(seq % 4 = 0, 'enterprise', 'retail') FROM seq_1_to_60",
        "INSERT INTO orders SELECT seq, 1 + (seq * 7) % 60, ROUND((seq * 13.37) % 500, 2),"
            + " DATE '2024-01-01' + INTERVAL (seq % 90) DAY FROM seq_1_to_600",
        "INSERT INTO `OrderLines` SELECT o.seq, l.seq, CONCAT('SKU-', (o.seq * l.seq) % 17), 1 + (o.seq + l.seq) % 5"
            + " FROM seq_1_to_600 o JOIN seq_1_to_3 l ON l.seq <= 1 + o.seq % 3",
        "ANALYZE TABLE customers, orders, `OrderLines`");
    mesh = Mesh.builder()
        // explain: true, so EXPLAIN shows the statements the sources receive.
        .policy("everyone-reads-everything", "grant", Map.of("products", List.of("*"), "explain", true)).name("it")
        .domain("shop", d -> d
            .source("maria", "jdbc", maria(DB))
            .source("maria_alt", "jdbc", maria(ALT_DB))
            .product("customers", "SELECT * FROM maria.CUSTOMERS")
            .product("orders", "SELECT * FROM maria.Orders")
            .product("order_lines", "SELECT * FROM maria.\"OrderLines\"")
            .product("types", "SELECT * FROM maria.types")
            .product("accounts", "SELECT * FROM maria.accounts")
            .product("alt_accounts", "SELECT * FROM maria_alt.accounts"))
        .sourceListener(log)
        .build();
  }

  /** The URL names database test; the catalog setting alone decides which database the source exposes. */
  static Map<String, Object> maria(String catalog) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("url", Servers.MARIADB_URL);
    settings.put("user", Servers.MARIADB_USER);
    settings.put("catalog", catalog);
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
  void unquotedIdentifiersInAnyCase() throws SQLException {
    List<List<Object>> expected = Rows.query(source, "SELECT name FROM customers WHERE id <= 3 ORDER BY id");
    try (Connection c = connect()) {
      assertEquals(expected, Rows.query(c, "SELECT Name FROM shop.CUSTOMERS WHERE ID <= 3 ORDER BY Id"));
      assertEquals(expected, Rows.query(c, "select NAME from SHOP.customers where id <= 3 order by ID"));
    }
  }

  @Test
  void mixedCaseTable() throws SQLException {
    List<List<Object>> expected =
        Rows.query(source, "SELECT order_id, `Sku` FROM `OrderLines` WHERE order_id = 5 ORDER BY line_no");
    assertFalse(expected.isEmpty());
    try (Connection c = connect()) {
      assertEquals(expected, Rows.query(c, "SELECT Order_Id, SKU FROM shop.ORDER_LINES WHERE order_id = 5 ORDER BY LINE_NO"));
    }
    assertTrue(log.single().sql().contains("`OrderLines`"), log.single().sql());
  }

  /** MariaDB refuses an OFFSET without a LIMIT: it receives the largest LIMIT with it. */
  @Test
  void offsetWithoutLimit() throws SQLException {
    List<List<Object>> expected = Rows.query(source, "SELECT id FROM customers ORDER BY id LIMIT 1000 OFFSET 2");
    assertFalse(expected.isEmpty());
    try (Connection c = connect()) {
      assertEquals(expected, Rows.query(c, "SELECT id FROM shop.customers ORDER BY id OFFSET 2"));
    }
    assertTrue(log.single().sql().contains("LIMIT 18446744073709551615"), log.single().sql());
  }

  @Test
  void filterAndProjectionPushDown() throws SQLException {
    long eu = Rows.count(source, "SELECT count(*) FROM customers WHERE region = 'EU'");
    try (Connection c = connect()) {
      assertEquals(eu, Rows.query(c, "SELECT Name FROM shop.CUSTOMERS WHERE Region = 'EU'").size());
    }
    SourceLog.Executed e = log.single();
    // Compared by code point too: MariaDB's collation ignores case and trailing spaces.
    assertTrue(e.sql().contains("WHERE `region` = 'EU' AND " + CODE_POINTS.formatted("`region`") + " = "
        + CODE_POINTS.formatted("'EU'")), e.sql());
    assertFalse(e.sql().contains("segment") || e.sql().contains("*"), "projection not pushed: " + e.sql());
    assertEquals(eu, e.rows());
  }

  @Test
  void joinAggregateOrderLimitPushDownAsOneStatement() throws SQLException {
    String query = "SELECT c.region, COUNT(*) AS n, SUM(o.amount) AS total FROM %s c JOIN %s o"
        + " ON o.customer_id = c.id WHERE o.amount > 100 GROUP BY c.region ORDER BY total DESC LIMIT 2";
    List<List<Object>> expected = Rows.query(source, query.formatted("customers", "orders"));
    try (Connection c = connect()) {
      assertEquals(expected, Rows.query(c, query.formatted("shop.customers", "shop.orders")));
    }
    SourceLog.Executed e = log.single();
    for (String part : List.of("JOIN", "GROUP BY", "COUNT(*)", "SUM(", "WHERE", "ORDER BY", "LIMIT 2")) {
      assertTrue(e.sql().contains(part), part + " not pushed: " + e.sql());
    }
    assertEquals(expected.size(), e.rows());
  }

  @Test
  void catalogSettingPicksTheDatabase() throws SQLException {
    try (Connection c = connect()) {
      assertEquals(Rows.query(source, "SELECT id, label FROM " + DB + ".accounts ORDER BY id"),
          Rows.query(c, "SELECT id, label FROM shop.accounts ORDER BY id"));
      assertEquals(Rows.query(source, "SELECT id, label FROM " + ALT_DB + ".accounts ORDER BY id"),
          Rows.query(c, "SELECT id, label FROM shop.alt_accounts ORDER BY id"));
    }
    assertTrue(log.single("shop", "maria").sql().contains("`" + DB + "`.`accounts`"), log.all().toString());
    assertTrue(log.single("shop", "maria_alt").sql().contains("`" + ALT_DB + "`.`accounts`"), log.all().toString());
  }

  @Test
  void typesRoundTrip() throws SQLException {
    String columns = "id, i, b, n12, d, flag, dt, ts, v, t";
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet mesh = s.executeQuery("SELECT " + columns + " FROM shop.types ORDER BY id");
        Statement direct = source.createStatement();
        ResultSet db = direct.executeQuery("SELECT " + columns + " FROM types ORDER BY id")) {
      while (db.next()) {
        assertTrue(mesh.next());
        int id = db.getInt(1);
        assertEquals(id, mesh.getInt(1));
        assertEquals(db.getObject(2), mesh.getObject(2) == null ? null : mesh.getInt(2), "int, row " + id);
        assertEquals(db.getObject(3), mesh.getObject(3) == null ? null : mesh.getLong(3), "bigint, row " + id);
        assertEquals(db.getBigDecimal(4), mesh.getBigDecimal(4), "decimal(12,2), row " + id);
        assertEquals(db.getObject(5), mesh.getObject(5) == null ? null : mesh.getDouble(5), "double, row " + id);
        assertEquals(db.getObject(6) == null ? null : db.getBoolean(6),
            mesh.getObject(6) == null ? null : mesh.getBoolean(6), "boolean, row " + id);
        assertEquals(db.getDate(7), mesh.getDate(7), "date, row " + id);
        assertEquals(db.getTimestamp(8), mesh.getTimestamp(8), "datetime, row " + id);
        assertEquals(db.getString(9), mesh.getString(9), "varchar, row " + id);
        assertEquals(db.getString(10), mesh.getString(10), "text, row " + id);
        if (id == 1) {
          assertEquals(LocalDate.of(2024, 3, 10), mesh.getDate(7).toLocalDate());
          assertEquals(LocalDateTime.of(2024, 1, 15, 23, 45, 12, 500_000_000), mesh.getTimestamp(8).toLocalDateTime());
        } else if (id == 2) {
          assertEquals("1969-12-31", mesh.getString(7));
          assertEquals("2024-11-03 01:30:00", mesh.getString(8));
        }
      }
      assertFalse(mesh.next());
    }
  }

  @Test
  void preparedStatementParameters() throws SQLException {
    try (Connection c = connect();
        PreparedStatement ps = c.prepareStatement(
            "SELECT id, amount FROM shop.orders WHERE customer_id = ? AND amount > ? ORDER BY id")) {
      for (Object[] args : new Object[][] {{8, 50}, {13, 250}}) {
        log.clear();
        ps.setInt(1, (Integer) args[0]);
        ps.setBigDecimal(2, new BigDecimal(args[1].toString()));
        List<List<Object>> expected = Rows.query(source, "SELECT id, amount FROM orders WHERE customer_id = "
            + args[0] + " AND amount > " + args[1] + " ORDER BY id");
        assertFalse(expected.isEmpty());
        try (ResultSet rs = ps.executeQuery()) {
          assertEquals(expected, Rows.read(rs));
        }
        SourceLog.Executed e = log.single();
        assertTrue(e.sql().contains("WHERE") && e.sql().contains("?"), "parameters not pushed: " + e.sql());
        assertEquals(expected.size(), e.rows(), e.sql());
      }
    }
  }

  @Test
  void explainShowsSourceStatement() throws SQLException {
    try (Connection c = connect();
        ResultSet rs = c.createStatement().executeQuery(
            "EXPLAIN PLAN FOR SELECT name FROM shop.customers WHERE region = 'EU'")) {
      assertTrue(rs.next());
      String plan = rs.getString(1);
      assertTrue(plan.contains("Source statements:"), plan);
      assertTrue(plan.contains("shop.maria: SELECT `name` FROM `" + DB + "`.`customers` WHERE `region` = 'EU'"
          + " AND " + CODE_POINTS.formatted("`region`") + " = " + CODE_POINTS.formatted("'EU'")), plan);
    }
  }
}
