package dev.meshkit.planner.join;

import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.rows;
import static dev.meshkit.MeshTesting.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dependent joins answer as one database holding all the data does, and narrow what the large
 * side's source sends: {@code facts} (20,000 rows) and {@code lines} (100,000) sit in one H2 database and, as
 * {@code archive.facts}, in a CSV file; {@code items} (5,000 rows), {@code wide} (12,000) in another
 * H2 database. Keys come in one batch and in many, of every key type dependent joins take, through
 * aggregates and the joins beneath, and past the limit of keys, where the probe side runs whole.
 */
class DependentJoinTest {

  private static final String[] FACTS = {
      "CREATE TABLE facts(id INTEGER PRIMARY KEY, item INTEGER, amount DECIMAL(10,2), placed DATE, big BIGINT)",
      "INSERT INTO facts SELECT X, CASE WHEN MOD(X, 97) = 0 THEN NULL ELSE MOD(X, 2000) END,"
          + " CAST(MOD(X, 300) AS DECIMAL(10,2)) / 4, DATEADD(DAY, MOD(X, 1500), DATE '2020-01-01'),"
          + " CAST(MOD(X, 2500) AS BIGINT) FROM SYSTEM_RANGE(1, 20000)",
      "CREATE INDEX facts_item ON facts(item)",
      "CREATE TABLE lines(id INTEGER PRIMARY KEY, item INTEGER, amount DECIMAL(10,2))",
      "INSERT INTO lines SELECT X, MOD(X, 2000), CAST(MOD(X, 301) AS DECIMAL(10,2)) / 4 FROM SYSTEM_RANGE(1, 100000)",
      "CREATE INDEX lines_item ON lines(item)"};
  private static final String[] ITEMS = {
      "CREATE TABLE items(item INTEGER, kind VARCHAR(10), price DECIMAL(10,2), placed DATE)",
      "INSERT INTO items SELECT X - 1, 'k' || MOD(X - 1, 50), CAST(MOD(X, 40) AS DECIMAL(10,2)) / 2,"
          + " DATEADD(DAY, 3 * X, DATE '2020-01-01') FROM SYSTEM_RANGE(1, 5000)",
      "INSERT INTO items VALUES (NULL, 'k7', NULL, NULL)",
      "CREATE TABLE wide(item INTEGER)",
      "INSERT INTO wide SELECT X - 1 FROM SYSTEM_RANGE(1, 12000)"};

  @TempDir
  static Path dir;
  private static Mesh mesh;
  private static Connection mesh1;
  private static Connection reference;
  private static final List<String> statements = new CopyOnWriteArrayList<>();
  private static final List<Long> rowsRead = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void open() throws SQLException {
    String facts = h2("dependent_facts", FACTS);
    String items = h2("dependent_items", ITEMS);
    List<String> all = new ArrayList<>(List.of(FACTS));
    all.addAll(List.of(ITEMS));
    reference = DriverManager.getConnection(h2("dependent_reference", all.toArray(String[]::new)), "sa", "");
    write(dir.resolve("archive/facts.csv"), factsCsv());
    mesh = Mesh.builder().name("dependent")
        .policy("everyone-reads-everything", "grant", Map.of("products", List.of("*"), "explain", true))
        .domain("archive", d -> archive(d))
        .sourceListener((domain, source, sql, rows) -> {
          if (domain.equals("sales")) {
            statements.add(sql);
            rowsRead.add(rows);
          }
        })
        .domain("sales", d -> d.jdbcSource("db", facts, "sa", "").product("facts", "SELECT * FROM db.facts")
            .product("lines", "SELECT * FROM db.lines"))
        .domain("supply", d -> d.jdbcSource("db", items, "sa", "")
            .product("items", "SELECT * FROM db.items").product("wide", "SELECT * FROM db.wide"))
        .build();
    mesh1 = mesh.connect(Principal.of("ann", "analyst"));
  }

  private static void archive(Mesh.DomainBuilder domain) {
    domain.source("csv", "csv", Map.of("path", dir.resolve("archive").toString(), "columns", Map.of("facts",
        Map.of("id", "integer", "item", "integer", "amount", "decimal(10,2)", "placed", "date", "big", "bigint"))))
        .product("facts", "SELECT * FROM csv.facts");
  }

  /** The rows of {@code facts}, as the H2 statement above makes them. */
  private static String factsCsv() {
    StringBuilder csv = new StringBuilder("id,item,amount,placed,big\n");
    for (int x = 1; x <= 20_000; x++) {
      csv.append(x).append(',').append(x % 97 == 0 ? "" : String.valueOf(x % 2000)).append(',')
          .append(BigDecimal.valueOf(x % 300).divide(BigDecimal.valueOf(4)).setScale(2)).append(',')
          .append(LocalDate.of(2020, 1, 1).plusDays(x % 1500)).append(',').append(x % 2500).append('\n');
    }
    return csv.toString();
  }

  @AfterAll
  static void close() throws SQLException {
    mesh1.close();
    reference.close();
    mesh.close();
  }

  @BeforeEach
  void forget() {
    statements.clear();
    rowsRead.clear();
  }

  static Stream<String> queries() {
    return Stream.of(
        // Inner joins, keys from one batch to many (sizes 8, 64 and 512; a batch repeats its last key).
        "SELECT f.id, i.kind FROM sales.facts f JOIN supply.items i ON f.item = i.item WHERE i.kind = 'k7'",
        "SELECT f.id FROM sales.facts f JOIN supply.items i ON f.item = i.item"
            + " WHERE i.item < 1 AND i.item >= 0 AND i.kind LIKE 'k%'",
        "SELECT f.id FROM sales.facts f JOIN supply.items i ON f.item = i.item"
            + " WHERE i.item < 8 AND i.item >= 0 AND i.kind LIKE 'k%'",
        "SELECT f.id FROM sales.facts f JOIN supply.items i ON f.item = i.item"
            + " WHERE i.item < 9 AND i.item >= 0 AND i.kind LIKE 'k%'",
        "SELECT f.id FROM sales.facts f JOIN supply.items i ON f.item = i.item"
            + " WHERE i.item < 65 AND i.item >= 0 AND i.kind LIKE 'k%'",
        "SELECT f.id FROM sales.facts f JOIN supply.items i ON f.item = i.item"
            + " WHERE i.item < 513 AND i.item >= 0 AND i.kind LIKE 'k%'",
        "SELECT COUNT(*), SUM(f.amount) FROM sales.facts f JOIN supply.items i ON f.item = i.item"
            + " WHERE i.item < 1100 AND i.item >= 0 AND i.kind LIKE 'k%'",
        "SELECT f.id FROM sales.facts f JOIN supply.items i ON f.item = i.item WHERE i.kind = 'none'",
        // Semi-joins, from IN and EXISTS.
        "SELECT COUNT(*), SUM(amount) FROM sales.facts WHERE item IN (SELECT item FROM supply.items WHERE kind = 'k3')",
        "SELECT f.id FROM sales.facts f WHERE EXISTS (SELECT 1 FROM supply.items i WHERE i.item = f.item"
            + " AND i.kind IN ('k3', 'k4'))",
        // Decorrelated: the outer rows' distinct keys meet the large side, first on the right of its join.
        "SELECT i.item, i.kind FROM supply.items i WHERE i.kind = 'k7' AND EXISTS (SELECT 1 FROM sales.facts f"
            + " WHERE f.item = i.item AND f.id <> i.item * 3)",
        "SELECT i.item FROM supply.items i WHERE i.item < 40 AND NOT EXISTS (SELECT 1 FROM sales.facts f"
            + " WHERE f.item = i.item AND f.amount > i.price + 70)",
        // Correlated EXISTS and NOT EXISTS beside each other, as TPC-H Q21: a semi- and an anti-join
        // on the correlated conditions, each taking the keys of the small outer side.
        "SELECT f1.id FROM sales.facts f1 JOIN supply.items i ON f1.item = i.item WHERE i.kind = 'k7'"
            + " AND EXISTS (SELECT 1 FROM sales.facts f2 WHERE f2.item = f1.item AND f2.id <> f1.id)"
            + " AND NOT EXISTS (SELECT 1 FROM sales.facts f3 WHERE f3.item = f1.item AND f3.id <> f1.id"
            + " AND f3.amount > 74)",
        "SELECT f1.id FROM sales.facts f1 JOIN supply.items i ON f1.item = i.item WHERE i.kind = 'k7'"
            + " AND EXISTS (SELECT 1 FROM sales.lines l2 WHERE l2.item = f1.item AND l2.id <> f1.id * 5)"
            + " AND NOT EXISTS (SELECT 1 FROM sales.lines l3 WHERE l3.item = f1.item AND l3.id <> f1.id"
            + " AND l3.amount > 74.5)",
        // An outer row whose key is NULL has no match: NOT EXISTS keeps it, EXISTS drops it.
        "SELECT i.item, i.kind FROM supply.items i WHERE i.kind = 'k7' AND NOT EXISTS (SELECT 1 FROM sales.facts f"
            + " WHERE f.item = i.item AND f.id > i.price)",
        "SELECT i.item, i.kind FROM supply.items i WHERE i.kind = 'k7' AND EXISTS (SELECT 1 FROM sales.facts f"
            + " WHERE f.item = i.item AND f.amount >= i.price)",
        // A correlated condition with an OR, and one without any equality, which stays a sub-query.
        "SELECT i.item FROM supply.items i WHERE i.kind = 'k3' AND EXISTS (SELECT 1 FROM sales.facts f"
            + " WHERE f.item = i.item AND (f.id < 100 OR f.amount > i.price))",
        "SELECT i.item FROM supply.items i WHERE i.item < 20 AND EXISTS (SELECT 1 FROM sales.facts f"
            + " WHERE f.item > i.item * 90 AND f.id < 5)",
        // A left join keeps its left rows; the large right side takes the left's keys.
        "SELECT i.item, f.id FROM supply.items i LEFT JOIN sales.facts f ON f.item = i.item"
            + " WHERE i.kind = 'k5' OR i.item IS NULL",
        // A right join keeps the build side's rows without a match.
        "SELECT i.item, f.id FROM sales.facts f RIGHT JOIN supply.items i ON f.item = i.item"
            + " WHERE i.kind = 'k5' OR i.item IS NULL",
        // Through an aggregate's group key, and to both sides of a join beneath by the equality of their keys.
        "SELECT i.kind, t.n FROM (SELECT item, COUNT(*) AS n FROM sales.facts GROUP BY item) t"
            + " JOIN supply.items i ON t.item = i.item WHERE i.kind = 'k9'",
        "SELECT SUM(f.amount) FROM sales.facts f JOIN (SELECT item, AVG(amount) AS a FROM sales.facts GROUP BY item) g"
            + " ON f.item = g.item JOIN supply.items i ON i.item = f.item WHERE i.kind = 'k2' AND f.amount > g.a",
        // Dates, decimals, and an INTEGER key against a BIGINT column.
        "SELECT COUNT(*) FROM sales.facts f JOIN supply.items i ON f.placed = i.placed WHERE i.kind = 'k1'",
        "SELECT f.id, i.item FROM sales.facts f JOIN supply.items i ON f.amount = i.price WHERE i.item < 30",
        "SELECT f.id FROM sales.facts f JOIN supply.items i ON f.big = i.item WHERE i.kind = 'k11'",
        // Past the limit of keys: the probe side runs whole.
        "SELECT COUNT(*), SUM(f.amount) FROM sales.facts f JOIN supply.wide w ON f.item = w.item"
            + " WHERE w.item >= 0 AND w.item < 99999 AND w.item <> -1",
        // Under a correlation, which runs the join once per outer row.
        "SELECT i.item, (SELECT COUNT(*) FROM sales.facts f JOIN supply.items j ON f.item = j.item"
            + " WHERE j.kind = i.kind) FROM supply.items i WHERE i.item < 3",
        // A file on the probe side: its rows are filtered by the keys as they stream.
        "SELECT f.id, i.kind FROM archive.facts f JOIN supply.items i ON f.item = i.item WHERE i.kind = 'k7'",
        "SELECT COUNT(*), SUM(amount) FROM archive.facts WHERE item IN"
            + " (SELECT item FROM supply.items WHERE kind = 'k3')",
        "SELECT i.kind, t.n FROM (SELECT item, COUNT(*) AS n FROM archive.facts GROUP BY item) t"
            + " JOIN supply.items i ON t.item = i.item WHERE i.kind = 'k9'",
        "SELECT f.id, i.item FROM archive.facts f JOIN supply.items i ON f.amount = i.price WHERE i.item < 30",
        "SELECT COUNT(*) FROM archive.facts f JOIN supply.items i ON f.placed = i.placed WHERE i.kind = 'k1'",
        "SELECT f.id FROM archive.facts f JOIN supply.items i ON f.big = i.item WHERE i.kind = 'k11'",
        "SELECT COUNT(*), SUM(f.amount) FROM archive.facts f JOIN supply.wide w ON f.item = w.item"
            + " WHERE w.item >= 0 AND w.item < 99999 AND w.item <> -1");
  }

  @ParameterizedTest
  @MethodSource("queries")
  void answersAsOneDatabase(String query) throws SQLException {
    assertEquals(sorted(rows(reference, query.replace("sales.", "").replace("supply.", "").replace("archive.", ""))),
        sorted(rows(mesh1, query)), query);
  }

  @Test
  void explainShowsTheDependentSideAndItsKeys() throws SQLException {
    String plan = String.join("\n", rows(mesh1, "EXPLAIN PLAN FOR SELECT f.id, i.kind FROM sales.facts f"
        + " JOIN supply.items i ON f.item = i.item WHERE i.kind = 'k7'"));
    assertTrue(plan.contains("DependentJoin(keys=[#1], from=[ITEM]"), plan);
    assertTrue(plan.contains("DependentProbe(keys=[#1], column=[ITEM])"), plan);
    assertTrue(plan.contains("DependentBuild(keys=[#1])"), plan);
    assertTrue(plan.contains("with ITEM among the keys of dependent join #1, up to 512 a statement"), plan);
  }

  /** TPC-H Q21's shape: the outer side's keys narrow both sub-queries' reads of the large table. */
  @Test
  void existsAndNotExistsTakeTheOuterSidesKeys() throws SQLException {
    String query = "SELECT f1.id FROM sales.facts f1 JOIN supply.items i ON f1.item = i.item WHERE i.kind = 'k7'"
        + " AND EXISTS (SELECT 1 FROM sales.lines l2 WHERE l2.item = f1.item AND l2.id <> f1.id * 5)"
        + " AND NOT EXISTS (SELECT 1 FROM sales.lines l3 WHERE l3.item = f1.item AND l3.id <> f1.id"
        + " AND l3.amount > 74.5)";
    String plan = String.join("\n", rows(mesh1, "EXPLAIN PLAN FOR " + query));
    assertTrue(plan.contains("joinType=[semi]"), plan);
    assertTrue(plan.contains("joinType=[anti]"), plan);
    assertFalse(plan.contains("EnumerableAggregate"), plan);
    statements.clear();
    rowsRead.clear();
    rows(mesh1, query);
    assertTrue(statements.stream().allMatch(sql -> sql.contains("\"ITEM\" IN (?")), statements.toString());
    // 100 items of kind k7, 50 rows of the 100,000 in lines each, for each of the two sub-queries.
    assertTrue(rowsRead.stream().mapToLong(Long::longValue).sum() <= 11_000, rowsRead.toString());
  }

  @Test
  void explainShowsAFileFilteredByTheKeys() throws SQLException {
    String plan = String.join("\n", rows(mesh1, "EXPLAIN PLAN FOR SELECT f.id, i.kind FROM archive.facts f"
        + " JOIN supply.items i ON f.item = i.item WHERE i.kind = 'k7'"));
    assertTrue(plan.contains("DependentFilter(keys=[#1], column=[item])"), plan);
  }

  /** Narrowed to 40 items, the file's groups fit a row limit that all 2,000 of its groups pass. */
  @Test
  void aFileFilteredByTheKeysHoldsOnlyTheirRows() throws SQLException {
    try (Mesh limited = Mesh.builder().name("dependent_limited").grant("everyone-reads-everything", "*")
        .maxQueryRows(1_000).domain("archive", DependentJoinTest::archive)
        .domain("supply", d -> d.jdbcSource("db", "jdbc:h2:mem:dependent_items", "sa", "")
            .product("items", "SELECT * FROM db.items"))
        .build();
        Connection c = limited.connect(Principal.of("ann", "analyst"))) {
      String narrowed = "SELECT i.kind, t.n FROM (SELECT item, COUNT(*) AS n FROM archive.facts GROUP BY item) t"
          + " JOIN supply.items i ON t.item = i.item WHERE i.kind = 'k9'";
      assertEquals(sorted(rows(reference, narrowed.replace("supply.", "").replace("archive.", ""))),
          sorted(rows(c, narrowed)));
      SQLException overLimit = assertThrows(SQLException.class,
          () -> rows(c, "SELECT COUNT(*) FROM (SELECT item, COUNT(*) AS n FROM archive.facts GROUP BY item) t"));
      assertEquals("53200", overLimit.getSQLState());
    }
  }

  @Test
  void theLargeSideSendsOnlyMatchingRows() throws SQLException {
    List<String> answer = rows(mesh1, "SELECT f.id FROM sales.facts f JOIN supply.items i ON f.item = i.item"
        + " WHERE i.kind = 'k7'");
    assertEquals(1, statements.size(), statements.toString());
    assertTrue(statements.get(0).contains("\"ITEM\" IN (?"), statements.get(0));
    assertEquals(answer.size(), rowsRead.get(0));
  }

  @Test
  void manyKeysRunInBatches() throws SQLException {
    rows(mesh1, "SELECT COUNT(*) FROM sales.facts f JOIN supply.items i ON f.item = i.item"
            + " WHERE i.item < 1100"
        + " AND i.item >= 0 AND i.kind LIKE 'k%'");
    // 1,100 keys (estimated a few hundred): two batches of 512, then the last 76 in one of 512 (more than 64).
    assertEquals(3, statements.size(), statements.toString());
  }

  /** All of a table's keys are every key the other side holds: nothing to narrow. */
  @Test
  void aWholeTableOnTheBuildSideIsAPlainHashJoin() throws SQLException {
    String plan = String.join("\n", rows(mesh1, "EXPLAIN PLAN FOR SELECT COUNT(*) FROM sales.facts f"
        + " JOIN supply.items i ON f.item = i.item"));
    assertTrue(plan.contains("EnumerableHashJoin"), plan);
    assertFalse(plan.contains("Dependent"), plan);
  }

  @Test
  void noKeysRunNoStatement() throws SQLException {
    assertEquals(List.of(), rows(mesh1, "SELECT f.id FROM sales.facts f JOIN supply.items i ON f.item = i.item"
        + " WHERE i.kind = 'none'"));
    assertEquals(List.of(), statements);
  }

  @Test
  void pastTheLimitOfKeysTheProbeSideRunsWhole() throws SQLException {
    rows(mesh1, "SELECT COUNT(*) FROM sales.facts f JOIN supply.wide w ON f.item = w.item"
            + " WHERE w.item >= 0 AND w.item < 99999 AND w.item <> -1");
    assertEquals(1, statements.size(), statements.toString());
    assertFalse(statements.get(0).contains("IN (?"), statements.get(0));
    assertEquals(20_000L, rowsRead.get(0));
  }

  @ParameterizedTest
  @ValueSource(strings = {"k1", "k2", "none", "k1"})
  void aPreparedStatementTakesEachExecutionsKeys(String kind) throws SQLException {
    String query = "SELECT f.id, i.kind FROM sales.facts f JOIN supply.items i ON f.item = i.item WHERE i.kind = ?";
    assertEquals(sorted(prepared(reference, query.replace("sales.", "").replace("supply.", ""), kind)),
        sorted(prepared(mesh1, query, kind)));
  }

  private static List<String> prepared(Connection connection, String query, String kind) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(query)) {
      s.setString(1, kind);
      return rows(s.executeQuery());
    }
  }

  private static List<String> sorted(List<String> rows) {
    List<String> copy = new ArrayList<>(rows);
    copy.sort(null);
    return copy;
  }
}
