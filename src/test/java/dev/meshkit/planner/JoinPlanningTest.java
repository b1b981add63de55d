package dev.meshkit.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How joins are planned: a database's tables are joined inside it, whatever order the query names them in. */
class JoinPlanningTest {

  @TempDir
  static Path dir;

  static Mesh mesh;
  static final List<String> executed = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void setUp() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:h2:mem:join_planning;DB_CLOSE_DELAY=-1", "sa", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE customer(id INT PRIMARY KEY, name VARCHAR(50), country VARCHAR(2))");
      s.execute("CREATE TABLE orders(id INT PRIMARY KEY, customer_id INT, amount DECIMAL(10,2))");
      s.execute("INSERT INTO customer VALUES (1,'Ann','FR'),(2,'Bob','US'),(3,'Cy','FR'),(4,'Di','JP')");
      s.execute("INSERT INTO orders VALUES (10,1,5.00),(11,1,7.50),(12,2,1.25),(13,3,100.00),(14,4,9.99)");
    }
    Path files = Files.createDirectories(dir.resolve("ref"));
    Files.writeString(files.resolve("country.csv"), "code,label\nFR,France\nUS,United States\nJP,Japan\n");
    mesh = Mesh.builder()
        // explain: true, so EXPLAIN shows the statements the sources receive.
        .policy("everyone-reads-everything", "grant", Map.of("products", List.of("*"), "explain", true)).name("acme")
        .domain("sales", d -> d.jdbcSource("erp", "jdbc:h2:mem:join_planning", "sa", "")
            .product("orders", "SELECT * FROM erp.orders")
            .product("customer", "SELECT * FROM erp.customer"))
        .domain("reference", d -> d.source("files", "csv", Map.of("path", files.toString()))
            .product("country", "SELECT * FROM files.country"))
        .sourceListener((domain, source, sql, rows) -> executed.add(sql))
        .build();
  }

  @AfterAll
  static void tearDown() {
    mesh.close();
  }

  @BeforeEach
  void clear() {
    executed.clear();
  }

  @Test
  void tablesOfOneSourceAreJoinedInsideItEvenWhenTheQueryInterleavesAnotherSource() throws Exception {
    // The query lists the file table between the two database tables; a left-deep plan in that
    // order would fetch both database tables whole and join them here.
    String sql = "SELECT k.label, SUM(o.amount) AS total "
        + "FROM sales.orders o, reference.country k, sales.customer c "
        + "WHERE o.customer_id = c.id AND c.country = k.code AND o.amount > 2 "
        + "GROUP BY k.label ORDER BY k.label";
    assertEquals(List.of("France=112.50", "Japan=9.99"), rows(sql));
    assertEquals(1, executed.size(), "one statement for the database: " + String.join(" ||| ", executed));
    String statement = executed.get(0).toUpperCase();
    assertTrue(statement.contains("JOIN") && statement.contains("ORDERS") && statement.contains("CUSTOMER"), statement);
    assertTrue(statement.contains("> 2"), "the filter goes with it: " + statement);
  }

  @Test
  void aggregateSortAndLimitOfOneSourceRunInside() throws Exception {
    String sql = "SELECT c.name, SUM(o.amount) AS total FROM sales.customer c JOIN sales.orders o "
        + "ON o.customer_id = c.id GROUP BY c.name ORDER BY total DESC FETCH FIRST 2 ROWS ONLY";
    assertEquals(List.of("Cy=100.00", "Ann=12.50"), rows(sql));
    assertEquals(1, executed.size(), executed.toString());
    String statement = executed.get(0).toUpperCase();
    assertTrue(statement.contains("GROUP BY") && statement.contains("ORDER BY")
        && (statement.contains("FETCH NEXT 2") || statement.contains("LIMIT 2")), statement);
  }

  @Test
  void aNestedLoopRunsTheStatementOfItsRightInputOnce() throws Exception {
    // Without an equality the join is a nested loop, which reads its right input again for each left row.
    for (String join : List.of("JOIN", "LEFT JOIN")) {
      executed.clear();
      String sql = "SELECT k.label, o.amount FROM reference.country k " + join + " sales.orders o"
          + " ON o.amount > CASE k.code WHEN 'FR' THEN 5 ELSE 50 END ORDER BY 1, 2";
      assertEquals(List.of("France=7.50", "France=9.99", "France=100.00", "Japan=100.00", "United States=100.00"),
          rows(sql));
      assertEquals(1, executed.size(), executed.toString());
    }
  }

  @Test
  void explainShowsWhatEachSourceReceives() throws Exception {
    try (Connection c = mesh.connect(Principal.of("ann"));
        ResultSet rs = c.createStatement().executeQuery(
            "EXPLAIN PLAN FOR SELECT o.id, k.label FROM sales.orders o JOIN sales.customer c ON o.customer_id = c.id "
                + "JOIN reference.country k ON k.code = c.country WHERE o.amount > 50")) {
      assertTrue(rs.next());
      String plan = rs.getString(1);
      assertTrue(plan.contains("Source statements:"), plan);
      assertTrue(plan.contains("sales.erp: SELECT"), plan);
      assertTrue(plan.contains("BindableTableScan(table=[[files, country]]"), plan);
    }
    assertTrue(executed.isEmpty(), "EXPLAIN executes nothing: " + executed);
  }

  private static List<String> rows(String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = mesh.connect(Principal.of("ann"));
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1) + "=" + rs.getBigDecimal(2));
      }
    }
    return rows;
  }
}
