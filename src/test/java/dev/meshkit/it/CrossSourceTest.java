package dev.meshkit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One query over PostgreSQL (lowercase names), MariaDB (lowercase names) and H2 (uppercase names):
 * each source must receive its own filter and projection and return only the matching rows.
 */
@Tag("integration")
class CrossSourceTest {

  static final String PG_SCHEMA = "meshkit_it_x";
  static final String MARIA_DB = "meshkit_it_x";
  static final String H2_URL = "jdbc:h2:mem:meshkit_it_x;DB_CLOSE_DELAY=-1";

  static final SourceLog log = new SourceLog();
  static Mesh mesh;
  static Connection pg;
  static Connection maria;
  static Connection h2;

  @BeforeAll
  static void setUp() throws SQLException {
    Servers.requirePostgres();
    Servers.requireMariaDb();
    pg = Servers.postgres();
    Servers.execute(pg,
        "DROP SCHEMA IF EXISTS " + PG_SCHEMA + " CASCADE",
        "CREATE SCHEMA " + PG_SCHEMA,
        "CREATE TABLE " + PG_SCHEMA + ".customers(id integer PRIMARY KEY, name varchar(40), region varchar(10),"
            + " segment text)",
        "INSERT INTO " + PG_SCHEMA + ".customers SELECT g, 'Customer ' || g, (ARRAY['EU','US','APAC'])[1 + g % 3],"
            + " 'segment ' || g FROM generate_series(1, 90) g",
        "ANALYZE " + PG_SCHEMA + ".customers");
    maria = Servers.mariadb();
    Servers.execute(maria,
        "DROP DATABASE IF EXISTS " + MARIA_DB,
        "CREATE DATABASE " + MARIA_DB,
        "CREATE TABLE " + MARIA_DB + ".orders(id int PRIMARY KEY, customer_id int, sku varchar(10), qty int,"
            + " note varchar(100))",
        "INSERT INTO " + MARIA_DB + ".orders SELECT seq, 1 + (seq * 11) % 89, CONCAT('S', seq % 12), 1 + seq % 7,"
            + " CONCAT('note ', seq) FROM seq_1_to_900");
    h2 = DriverManager.getConnection(H2_URL, "sa", "");
    Servers.execute(h2,
        "DROP TABLE IF EXISTS products",
        "CREATE TABLE products(sku varchar(10) PRIMARY KEY, title varchar(40), category varchar(10), price decimal(8,2))",
        "INSERT INTO products SELECT 'S' || x, 'Product ' || x, CASE WHEN MOD(x, 3) = 0 THEN 'tools' ELSE 'toys' END,"
            + " x * 1.5 FROM system_range(0, 11)");
    mesh = Mesh.builder()
        // explain: true, so EXPLAIN shows the statements the sources receive.
        .policy("everyone-reads-everything", "grant", Map.of("products", List.of("*"), "explain", true)).name("it")
        .domain("crm", d -> d
            .source("pg", "jdbc", Map.of("url", Servers.PG_URL, "user", Servers.PG_USER, "schema", PG_SCHEMA))
            .product("customers", "SELECT * FROM pg.Customers"))
        .domain("shop", d -> d
            .source("maria", "jdbc", Map.of("url", Servers.MARIADB_URL, "user", Servers.MARIADB_USER,
                "catalog", MARIA_DB))
            .product("orders", "SELECT * FROM maria.ORDERS"))
        .domain("inventory", d -> d
            .source("h2", "jdbc", Map.of("url", H2_URL, "user", "sa", "password", ""))
            .product("products", "SELECT * FROM h2.products"))
        .sourceListener(log)
        .build();
  }

  @AfterAll
  static void tearDown() throws SQLException {
    if (mesh != null) {
      mesh.close();
    }
    for (Connection c : new Connection[] {pg, maria, h2}) {
      if (c != null) {
        c.close();
      }
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
  void anyCaseNamesOnEverySource() throws SQLException {
    try (Connection c = connect()) {
      assertEquals(Rows.query(h2, "SELECT TITLE FROM PRODUCTS WHERE SKU = 'S3'"),
          Rows.query(c, "SELECT Title FROM Inventory.PRODUCTS WHERE sku = 'S3'"));
      assertEquals(Rows.query(pg, "SELECT name FROM " + PG_SCHEMA + ".customers WHERE id = 7"),
          Rows.query(c, "SELECT NAME FROM CRM.Customers WHERE Id = 7"));
      assertEquals(Rows.query(maria, "SELECT qty FROM " + MARIA_DB + ".orders WHERE id = 7"),
          Rows.query(c, "SELECT QTY FROM shop.orders WHERE ID = 7"));
    }
  }

  @Test
  void eachSourceGetsItsOwnFilterAndProjection() throws SQLException {
    String query = "SELECT c.name, p.title, o.qty FROM crm.customers c"
        + " JOIN shop.orders o ON o.customer_id = c.id JOIN inventory.products p ON p.sku = o.sku"
        + " WHERE c.region = 'EU' AND o.qty > 3 AND p.category = 'tools'";
    List<List<Object>> actual;
    try (Connection c = connect()) {
      actual = Rows.query(c, query);
    }
    List<List<Object>> expected = joinedInJava();
    assertFalse(expected.isEmpty());
    assertEquals(sorted(expected), sorted(actual));

    SourceLog.Executed customers = log.single("crm", "pg");
    assertTrue(customers.sql().contains("WHERE \"region\" = 'EU'"), customers.sql());
    assertFalse(customers.sql().contains("segment") || customers.sql().contains("*"), customers.sql());
    assertEquals(Rows.count(pg, "SELECT count(*) FROM " + PG_SCHEMA + ".customers WHERE region = 'EU'"),
        customers.rows());

    SourceLog.Executed orders = log.single("shop", "maria");
    assertTrue(orders.sql().contains("WHERE `qty` > 3"), orders.sql());
    assertFalse(orders.sql().contains("note") || orders.sql().contains("*"), orders.sql());
    assertEquals(Rows.count(maria, "SELECT count(*) FROM " + MARIA_DB + ".orders WHERE qty > 3"), orders.rows());

    SourceLog.Executed products = log.single("inventory", "h2");
    assertTrue(products.sql().contains("WHERE \"CATEGORY\" = 'tools'"), products.sql());
    assertFalse(products.sql().contains("PRICE") || products.sql().contains("*"), products.sql());
    assertEquals(Rows.count(h2, "SELECT count(*) FROM PRODUCTS WHERE CATEGORY = 'tools'"), products.rows());
  }

  @Test
  void preparedStatementAcrossSources() throws SQLException {
    try (Connection c = connect();
        PreparedStatement ps = c.prepareStatement("SELECT c.name, o.id FROM crm.customers c"
            + " JOIN shop.orders o ON o.customer_id = c.id WHERE c.id = ? AND o.qty >= ?")) {
      ps.setInt(1, 8);
      ps.setInt(2, 4);
      List<List<Object>> actual;
      try (ResultSet rs = ps.executeQuery()) {
        actual = Rows.read(rs);
      }
      String name = (String) Rows.query(pg, "SELECT name FROM " + PG_SCHEMA + ".customers WHERE id = 8").get(0).get(0);
      List<List<Object>> expected = new ArrayList<>();
      for (List<Object> id : Rows.query(maria, "SELECT id FROM " + MARIA_DB + ".orders WHERE customer_id = 8 AND qty >= 4")) {
        expected.add(List.of(name, id.get(0)));
      }
      assertFalse(expected.isEmpty());
      assertEquals(sorted(expected), sorted(actual));
    }
    assertTrue(log.single("crm", "pg").sql().contains("WHERE"), log.all().toString());
    assertEquals(1, log.single("crm", "pg").rows());
  }

  @Test
  void explainListsEverySourceStatement() throws SQLException {
    try (Connection c = connect();
        ResultSet rs = c.createStatement().executeQuery("EXPLAIN PLAN FOR SELECT c.name, p.title FROM crm.customers c"
            + " JOIN shop.orders o ON o.customer_id = c.id JOIN inventory.products p ON p.sku = o.sku"
            + " WHERE c.region = 'EU' AND p.category = 'tools'")) {
      assertTrue(rs.next());
      String plan = rs.getString(1);
      assertTrue(plan.contains("Source statements:"), plan);
      assertTrue(plan.contains("crm.pg: SELECT"), plan);
      assertTrue(plan.contains("shop.maria: SELECT"), plan);
      assertTrue(plan.contains("inventory.h2: SELECT"), plan);
      assertTrue(plan.contains("\"" + PG_SCHEMA + "\".\"customers\" WHERE \"region\" = 'EU'"), plan);
      assertTrue(plan.contains("WHERE \"CATEGORY\" = 'tools'"), plan);
    }
  }

  /** The federated answer computed independently: each whole table read directly, joined here. */
  private static List<List<Object>> joinedInJava() throws SQLException {
    List<List<Object>> customers = Rows.query(pg, "SELECT id, name, region FROM " + PG_SCHEMA + ".customers");
    List<List<Object>> orders = Rows.query(maria, "SELECT customer_id, sku, qty FROM " + MARIA_DB + ".orders");
    List<List<Object>> products = Rows.query(h2, "SELECT SKU, TITLE, CATEGORY FROM PRODUCTS");
    List<List<Object>> rows = new ArrayList<>();
    for (List<Object> c : customers) {
      for (List<Object> o : orders) {
        for (List<Object> p : products) {
          if (Objects.equals(o.get(0), c.get(0)) && Objects.equals(p.get(0), o.get(1))
              && "EU".equals(c.get(2)) && (Long) o.get(2) > 3 && "tools".equals(p.get(2))) {
            rows.add(List.of(c.get(1), p.get(1), o.get(2)));
          }
        }
      }
    }
    return rows;
  }

  private static List<List<Object>> sorted(List<List<Object>> rows) {
    List<List<Object>> copy = new ArrayList<>(rows);
    copy.sort(Comparator.comparing(Object::toString));
    return copy;
  }
}
