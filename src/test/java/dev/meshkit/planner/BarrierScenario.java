package dev.meshkit.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.meshkit.Mesh;
import dev.meshkit.MeshTesting;
import dev.meshkit.Principal;
import dev.meshkit.SourceListener;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Products that each remove the same rows in their own way (a WHERE, an anti-join, NOT EXISTS,
 * GROUP BY with HAVING, DISTINCT over a join, a limit, EXCEPT, products built on products), and
 * consumer queries whose predicates fail only on those rows: a division by zero, a cast of text to
 * a number, a CASE with a failing branch, SQRT or LN out of their domain, EXP or BIGINT overflow.
 * Each query runs twice, through the same products: over tables that hold the removed rows and
 * over tables that do not. A principal granted only the products must get the same answer from
 * both, without an error, and no message may hold a removed value.
 *
 * <p>Visible rows: customers 1 to 3 (region EU, numeric notes, open orders totalling under 1000).
 * Removed rows: customers 8 'Yolanda' and 9 'Xavier' (region XX, VIP, notes 'HIDDEN-NOTE-…', one
 * closed order of 5000 each), so {@code 100 / (9 - id)}, {@code CAST(note AS INTEGER)} and
 * {@code LN(9 - id)} fail only on them.
 */
public final class BarrierScenario implements AutoCloseable {

  /** Text that only the removed rows hold; no message may contain it. */
  public static final List<String> HIDDEN_VALUES = List.of("HIDDEN-NOTE", "Xavier", "Yolanda", "5000");

  /** The kinds of failure a source raises; each test uses those its sources raise. */
  public enum Failure { CAST, DIVISION, CASE, SQRT, LN, EXP, BIGINT }

  /** A predicate of one kind that fails only on removed rows. */
  public record Failing(Failure kind, String sql) {
  }

  /** A product: its SQL, the column that identifies its rows, all its columns, and its failing predicates. */
  public record Product(String name, String sql, String id, String columns, long removedId, List<Failing> failing) {
    String qualified() {
      return "s." + name;
    }
  }

  /**
   * One consumer query, by whom, with its parameters (null for a plain statement), and the product
   * whose every row it must return (null when the answer is whatever the product without the
   * removed rows gives).
   */
  public record Case(String name, Principal who, String sql, List<Object> params, Product all) {
    @Override
    public String toString() {
      return who.name() + ": " + name;
    }
  }

  /** Granted every product, no row filter. */
  public static final Principal ANN = Principal.of("ann");
  /** Under a row filter that may fail, on two products. */
  public static final Principal RITA = Principal.builder("rita").role("restricted").build();

  private static final List<Failing> CUSTOMER_FAILURES = List.of(
      new Failing(Failure.CAST, "CAST(note AS INTEGER) > 0"),
      new Failing(Failure.DIVISION, "100 / (9 - id) > 0"),
      new Failing(Failure.CASE, "CASE WHEN name = 'Xavier' THEN 1 / (id - id) ELSE 1 END = 1"),
      new Failing(Failure.SQRT, "SQRT(8.5 - id) > 0"),
      new Failing(Failure.LN, "LN(9 - id) >= 0"),
      new Failing(Failure.EXP, "EXP(id * 100) > 0"),
      new Failing(Failure.BIGINT, "CAST(id AS BIGINT) * CAST(1152921504606846976 AS BIGINT) > 0"));

  private static final String CUSTOMER_COLUMNS = "id, name, note";

  /** Products over the database source {@code db} of domain {@code s}. */
  public static List<Product> databaseProducts() {
    return List.of(
        customers("eu", "SELECT id, name, note FROM db.customer WHERE region = 'EU'"),
        customers("regulars", "SELECT c.id, c.name, c.note FROM db.customer c LEFT JOIN db.vip v ON v.id = c.id"
            + " WHERE v.id IS NULL"),
        customers("regulars_ne", "SELECT id, name, note FROM db.customer c"
            + " WHERE NOT EXISTS (SELECT 1 FROM db.vip v WHERE v.id = c.id)"),
        customers("buyers", "SELECT DISTINCT c.id, c.name, c.note FROM db.customer c"
            + " JOIN db.orders o ON o.customer_id = c.id WHERE o.status = 'open'"),
        customers("first_three", "SELECT id, name, note FROM db.customer ORDER BY id FETCH FIRST 3 ROWS ONLY"),
        customers("not_vip", "SELECT id, name, note FROM db.customer"
            + " EXCEPT SELECT c.id, c.name, c.note FROM db.customer c JOIN db.vip v ON v.id = c.id"),
        // Products built on products: the outer product's own conditions are consumers of the inner one.
        customers("eu_regulars", "SELECT id, name, note FROM s.regulars WHERE id < 100"),
        customers("checked", "SELECT id, name, note FROM s.eu WHERE CAST(note AS INTEGER) > 0"),
        customers("renamed", "SELECT id, name, note, id AS customer FROM s.buyers"),
        // A column the product computes after its anti-join: compared by a consumer, it is still a cast.
        new Product("numbered_regulars", "SELECT c.id, c.name, c.note, CAST(c.note AS INTEGER) AS num"
            + " FROM db.customer c LEFT JOIN db.vip v ON v.id = c.id WHERE v.id IS NULL", "id",
            "id, name, note, num", 9, Stream.concat(Stream.of(new Failing(Failure.CAST, "num > 0")),
                CUSTOMER_FAILURES.stream()).toList()),
        new Product("totals", "SELECT customer_id, SUM(amount) AS total, COUNT(*) AS n FROM db.orders"
            + " GROUP BY customer_id HAVING SUM(amount) < 1000", "customer_id", "customer_id, total, n", 9, List.of(
                new Failing(Failure.DIVISION, "100 / (5000 - total) > 0"),
                new Failing(Failure.DIVISION, "100 / (9 - customer_id) > 0"),
                new Failing(Failure.CASE, "CASE WHEN total = 5000 THEN 1 / (n - n) ELSE 1 END = 1"),
                new Failing(Failure.SQRT, "SQRT(4999.5 - total) > 0"),
                new Failing(Failure.LN, "LN(5000 - total) > 0"),
                new Failing(Failure.EXP, "EXP(total) > 0"),
                new Failing(Failure.BIGINT, "CAST(customer_id AS BIGINT) * CAST(1152921504606846976 AS BIGINT) > 0"))),
        // The product's own expressions fail on the rows its WHERE removes: a consumer's
        // comparison of them must not run beside that WHERE either.
        new Product("ratios", "SELECT id, customer_id, 100 / (amount - 5000) AS ratio, EXP(amount) AS growth"
            + " FROM db.orders WHERE status = 'open'", "id", "id, customer_id, ratio, growth", 109, List.of(
                new Failing(Failure.DIVISION, "ratio < 0"),
                new Failing(Failure.EXP, "growth > 0"),
                new Failing(Failure.DIVISION, "100 / (109 - id) > 0"),
                new Failing(Failure.CAST, "CAST(CASE WHEN customer_id > 7 THEN 'x' ELSE '1' END AS INTEGER) > 0"))));
  }

  /** Adds the database products and {@code regions}, a product that removes nothing, over source {@code db}. */
  public static void databaseProducts(Mesh.DomainBuilder domain) {
    for (Product p : databaseProducts()) {
      domain.product(p.name(), p.sql());
    }
    domain.product("regions", "SELECT * FROM db.regions");
  }

  private static Product customers(String name, String sql) {
    return new Product(name, sql, "id", CUSTOMER_COLUMNS, 9, CUSTOMER_FAILURES);
  }

  /** The tables, with or without the rows every product removes, in SQL that H2, PostgreSQL and MariaDB all run. */
  public static List<String> tables(boolean removedRows) {
    List<String> sql = new ArrayList<>(List.of(
        "CREATE TABLE customer(id INT PRIMARY KEY, name VARCHAR(20), note VARCHAR(40), region VARCHAR(5))",
        "CREATE TABLE vip(id INT PRIMARY KEY)",
        "CREATE TABLE orders(id INT PRIMARY KEY, customer_id INT, amount DECIMAL(10,2), status VARCHAR(10))",
        "CREATE TABLE regions(code VARCHAR(5), label VARCHAR(20), lvl INT)",
        "INSERT INTO customer VALUES (1, 'Ann', '11', 'EU'), (2, 'Bob', '22', 'EU'), (3, 'Cy', '33', 'EU')",
        "INSERT INTO orders VALUES (101, 1, 10.00, 'open'), (102, 1, 20.00, 'open'), (103, 2, 30.00, 'open'),"
            + " (104, 3, 40.00, 'open')",
        "INSERT INTO regions VALUES ('EU', 'Europe', 0), ('XX', 'Elsewhere', 0)"));
    if (removedRows) {
      sql.addAll(List.of(
          "INSERT INTO customer VALUES (8, 'Yolanda', 'HIDDEN-NOTE-8', 'XX'), (9, 'Xavier', 'HIDDEN-NOTE-9', 'XX')",
          "INSERT INTO vip VALUES (8), (9)",
          "INSERT INTO orders VALUES (108, 8, 5000.00, 'closed'), (109, 9, 5000.00, 'closed')"));
    }
    return sql;
  }

  /**
   * The policies: everyone reads every product; rita's row filters on two products hold a cast
   * that fails on the rows those products remove, so they too must run after the product.
   */
  public static void policies(Mesh.Builder mesh) {
    mesh.grant("everyone-reads-everything", "*")
        .policy("restricted-small-notes", "rowFilter", Map.of("products", List.of("s.regulars", "s.eu_regulars"),
            "roles", List.of("restricted"), "where", "CAST(note AS INTEGER) < 30"))
        .policy("restricted-small-totals", "rowFilter", Map.of("products", List.of("s.totals"),
            "roles", List.of("restricted"), "where", "100 / (5000 - total) > 0 AND customer_id < 3"));
  }

  /**
   * Every consumer query shape, each with one failing predicate (taking the product's predicates
   * in turn), and the plain WHERE with each predicate of the given kinds.
   */
  public static Stream<Case> cases(List<Product> products, Set<Failure> kinds) {
    List<Case> cases = new ArrayList<>();
    int turn = 0;
    for (Product p : products) {
      List<Failing> failing = p.failing().stream().filter(f -> kinds.contains(f.kind())).toList();
      if (failing.isEmpty()) {
        continue;
      }
      for (Failing f : failing) {
        cases.add(new Case(p.name() + " WHERE " + f.sql(), ANN, fill(
            "SELECT {id} FROM {p} WHERE {f} ORDER BY 1", p, f), null, p));
      }
      for (String[] shape : SHAPES) {
        Failing f = failing.get(turn++ % failing.size());
        cases.add(new Case(p.name() + " " + shape[0] + ": " + f.sql(), ANN, fill(shape[1], p, f), null, null));
      }
      if (kinds.contains(Failure.DIVISION)) {
        cases.add(new Case(p.name() + " prepared division by a parameter", ANN,
            fill("SELECT {id} FROM {p} WHERE 100 / (CAST(? AS INTEGER) - {id}) > 0 ORDER BY 1", p, null), List.of(p.removedId()), p));
      }
    }
    Set<String> filtered = Set.of("regulars", "eu_regulars", "totals");
    for (Product p : products.stream().filter(x -> filtered.contains(x.name())).toList()) {
      String product = p.name();
      cases.add(new Case(product + " under a row filter that may fail", RITA,
          fill("SELECT {id} FROM {p} ORDER BY 1", p, null), null, null));
      for (Failing f : p.failing().stream().filter(f -> kinds.contains(f.kind())).toList()) {
        cases.add(new Case(product + " under a row filter that may fail, WHERE " + f.sql(), RITA,
            fill("SELECT {id} FROM {p} WHERE {id} > 0 AND {f} ORDER BY 1", p, f), null, null));
      }
    }
    return cases.stream();
  }

  /** Consumer query shapes: name, then SQL with {p}, {id}, {cols} and {f}. */
  private static final String[][] SHAPES = {
      {"beside a leakproof conjunct", "SELECT {id} FROM {p} WHERE {id} > 0 AND {f} ORDER BY 1"},
      {"inside OR", "SELECT {id} FROM {p} WHERE {id} < 0 OR {f} ORDER BY 1"},
      {"join condition", "SELECT p.{id}, r.label FROM s.regions r JOIN {p} p ON r.code = 'EU' AND {f} ORDER BY 1"},
      {"join condition over both sides", "SELECT p.{id} FROM s.regions r JOIN {p} p"
          + " ON CASE WHEN r.label = 'Europe' THEN {f} ELSE FALSE END ORDER BY 1"},
      {"left join condition", "SELECT r.code, p.{id} FROM s.regions r LEFT JOIN {p} p ON {f} ORDER BY 1, 2"},
      {"HAVING on grouping columns", "SELECT {id} FROM {p} GROUP BY {cols} HAVING {f} ORDER BY 1"},
      {"HAVING on an aggregate", "SELECT COUNT(*) FROM {p} HAVING MIN(CASE WHEN {f} THEN 1 ELSE 0 END) = 1"},
      {"IN subquery", "SELECT v.x FROM (VALUES (1), (2), (3), (8), (9), (101), (109)) AS v(x)"
          + " WHERE v.x IN (SELECT {id} FROM {p} WHERE {f}) ORDER BY 1"},
      {"NOT IN subquery", "SELECT v.x FROM (VALUES (1), (2), (3), (8), (9), (101), (109)) AS v(x)"
          + " WHERE v.x NOT IN (SELECT {id} FROM {p} WHERE {f}) ORDER BY 1"},
      {"correlated EXISTS", "SELECT v.x FROM (VALUES (1), (2), (3), (8), (9), (101), (109)) AS v(x)"
          + " WHERE EXISTS (SELECT 1 FROM {p} p WHERE p.{id} = v.x AND {f}) ORDER BY 1"},
      {"correlated scalar subquery", "SELECT v.x, (SELECT COUNT(*) FROM {p} p WHERE p.{id} = v.x AND {f})"
          + " FROM (VALUES (1), (2), (3), (8), (9), (101), (109)) AS v(x) ORDER BY 1"},
      {"scalar subquery", "SELECT (SELECT COUNT(*) FROM {p} WHERE {f})"},
      {"UNION", "SELECT {id} FROM {p} WHERE {f} UNION SELECT 0 FROM s.regions ORDER BY 1"},
      {"EXCEPT", "SELECT {id} FROM {p} EXCEPT SELECT {id} FROM {p} WHERE NOT ({f}) ORDER BY 1"},
      {"CTE", "WITH c AS (SELECT * FROM {p} WHERE {f}) SELECT COUNT(*) FROM c"},
      {"select list", "SELECT {id}, CASE WHEN {f} THEN 'y' ELSE 'n' END FROM {p} ORDER BY 1"},
      {"aggregate argument", "SELECT COUNT(*), SUM(CASE WHEN {f} THEN 1 ELSE 0 END) FROM {p}"},
      {"ORDER BY", "SELECT {id} FROM {p} ORDER BY CASE WHEN {f} THEN 0 ELSE 1 END, 1"},
      {"window", "SELECT {id}, ROW_NUMBER() OVER (ORDER BY {id}) FROM {p} WHERE {f} ORDER BY 1"},
      {"limit", "SELECT {id} FROM {p} WHERE {f} ORDER BY 1 FETCH FIRST 2 ROWS ONLY"},
  };

  private static String fill(String shape, Product p, Failing f) {
    return shape.replace("{p}", p.qualified()).replace("{id}", p.id()).replace("{cols}", p.columns())
        .replace("{f}", f == null ? "" : f.sql());
  }

  private final Mesh withRemovedRows;
  private final Mesh withoutRemovedRows;

  /**
   * Two meshes with the same products and policies: each function adds domain {@code s} with its
   * sources and products, over tables with and without the removed rows.
   */
  public BarrierScenario(Consumer<Mesh.Builder> withRows, Consumer<Mesh.Builder> withoutRows, SourceListener listener) {
    this.withRemovedRows = mesh(withRows, listener);
    this.withoutRemovedRows = mesh(withoutRows, null);
  }

  private static Mesh mesh(Consumer<Mesh.Builder> declare, SourceListener listener) {
    Mesh.Builder builder = Mesh.builder().name("barrier");
    policies(builder);
    declare.accept(builder);
    if (listener != null) {
      builder.sourceListener(listener);
    }
    return builder.build();
  }

  public Mesh mesh() {
    return withRemovedRows;
  }

  /**
   * Runs the case over both meshes: no error, no removed value in any message, the same rows;
   * for the cases marked so, exactly the product's rows (the predicate holds on every visible row).
   */
  public void check(Case c) throws SQLException {
    List<String> expected = run(withoutRemovedRows, c);
    List<String> actual;
    try {
      actual = run(withRemovedRows, c);
    } catch (SQLException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        assertNoHiddenValue(String.valueOf(t.getMessage()));
      }
      fail("fails only because of rows the product removes: " + e.getMessage() + "\n" + c.sql(), e);
      return;
    }
    assertEquals(expected, actual, c.sql());
    if (c.all() != null) {
      assertEquals(run(withoutRemovedRows, new Case("all", c.who(), "SELECT " + c.all().id() + " FROM "
          + c.all().qualified() + " ORDER BY 1", null, null)), actual, "the predicate holds on every visible row");
    }
  }

  /**
   * Runs a case that fails whatever the rows (a constant that cannot be evaluated): both meshes
   * fail alike, with an SQLState and no removed value.
   */
  public void checkFailsAlike(Case c) {
    SQLException expected = assertThrows(SQLException.class, () -> run(withoutRemovedRows, c), c.sql());
    SQLException actual = assertThrows(SQLException.class, () -> run(withRemovedRows, c), c.sql());
    assertEquals(expected.getMessage(), actual.getMessage());
    assertEquals(expected.getSQLState(), actual.getSQLState());
    assertNotNull(actual.getSQLState(), actual.getMessage());
    assertNoHiddenValue(actual.getMessage());
  }

  public static void assertNoHiddenValue(String text) {
    for (String value : HIDDEN_VALUES) {
      assertFalse(text.contains(value), "removed value " + value + " in: " + text);
    }
  }

  private static List<String> run(Mesh mesh, Case c) throws SQLException {
    try (Connection connection = mesh.connect(c.who())) {
      if (c.params() == null) {
        return MeshTesting.rows(connection, c.sql());
      }
      try (PreparedStatement ps = connection.prepareStatement(c.sql())) {
        for (int i = 0; i < c.params().size(); i++) {
          ps.setObject(i + 1, c.params().get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          return MeshTesting.rows(rs);
        }
      }
    }
  }

  @Override
  public void close() {
    withRemovedRows.close();
    withoutRemovedRows.close();
  }
}
