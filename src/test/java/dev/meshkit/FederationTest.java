package dev.meshkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FederationTest {

  static Mesh mesh;
  static final List<String> sourceSql = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void setUp() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:fed_sales;DB_CLOSE_DELAY=-1", "sa", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE customer(id INT PRIMARY KEY, name VARCHAR(50), region VARCHAR(10))");
      s.execute("CREATE TABLE orders(id INT PRIMARY KEY, customer_id INT, amount DECIMAL(10,2))");
      s.execute("INSERT INTO customer VALUES (1,'Ann','EU'),(2,'Bob','US'),(3,'Cy','EU')");
      s.execute("INSERT INTO orders VALUES (10,1,5.00),(11,1,7.50),(12,2,1.25),(13,3,100.00)");
    }
    mesh = Mesh.builder().name("acme")
        .domain("sales", d -> d.owner("sales@acme").jdbcSource("erp", "jdbc:h2:mem:fed_sales", "sa", "")
            .product("orders", "One row per order", "SELECT * FROM erp.orders")
            .product("customer", "SELECT * FROM erp.customer")
            .product("big_orders", "SELECT * FROM sales.orders WHERE amount > 5"))
        .sourceListener((domain, source, sql, rows) -> sourceSql.add(domain + "." + source + " " + rows + " " + sql))
        .build();
  }

  @AfterAll
  static void tearDown() {
    mesh.close();
  }

  @Test
  void joinsPushDownIntoOneStatement() throws Exception {
    sourceSql.clear();
    try (Connection c = mesh.connect(Principal.of("ann"));
        ResultSet rs = c.createStatement().executeQuery(
            "SELECT c.name, SUM(o.amount) AS total FROM sales.customer c JOIN sales.orders o ON o.customer_id = c.id "
                + "WHERE c.region = 'EU' GROUP BY c.name ORDER BY c.name")) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString(1) + "=" + rs.getBigDecimal(2));
      }
      assertEquals(List.of("Ann=12.50", "Cy=100.00"), rows);
    }
    System.out.println(sourceSql);
    assertEquals(1, sourceSql.size());
    assertTrue(sourceSql.get(0).contains("JOIN"), sourceSql.get(0));
  }

  @Test
  void explain() throws Exception {
    try (Connection c = mesh.connect(Principal.of("ann"));
        ResultSet rs = c.createStatement().executeQuery(
            "EXPLAIN PLAN FOR SELECT * FROM sales.big_orders WHERE customer_id = 1")) {
      rs.next();
      System.out.println(rs.getString(1));
    }
  }
}
