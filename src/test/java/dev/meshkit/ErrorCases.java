package dev.meshkit;

import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Statements that fail on the values they read, over a mesh whose values are easy to find in a
 * message, and the checks every such failure must pass, embedded or remote: an SQLState of the
 * expected class; a sentence that names the product (and the source, when the source failed); and
 * no row value, no name of a source table or column, no source SQL, no Java class name or stack
 * frame, in the message or down its causes.
 *
 * <p>Two products hold the same rows: {@code sales.customer} in an H2 database, where meshkit pushes
 * the expressions every database computes alike and H2 fails (its messages quote the value and the
 * statement), and
 * {@code files.people} in a CSV folder, where the JVM evaluates them (Java's messages quote the
 * value). Source tables and columns are named {@code HIDDEN_...}; consumers never see those names.
 */
public final class ErrorCases implements AutoCloseable {

  /** The values of the rows: each one is text no message may contain. */
  public static final List<String> SECRETS = List.of("SECRET-1234", "SECRET-DATE", "SECRET-5678", "SECRET-9999",
      "8675309");

  public final Mesh mesh;
  /** The H2 database behind sales.customer and sales.gone, for tests that change it under the mesh. */
  public final String url;

  /** One statement, the SQLState class (or whole SQLState) its error carries, and what the message names. */
  public record Case(String sql, String state, List<String> names) {
    @Override
    public String toString() {
      return sql;
    }
  }

  public ErrorCases(Path dir) throws SQLException {
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    this.url = h2("errors_" + id,
        "CREATE TABLE hidden_gone(id INT, hidden_col VARCHAR(20))",
        "CREATE TABLE hidden_customer(id INT PRIMARY KEY, hidden_name VARCHAR(20), hidden_born VARCHAR(20),"
            + " hidden_zero INT, hidden_amount DECIMAL(10,2), hidden_nation INT, hidden_big BIGINT)",
        "INSERT INTO hidden_customer VALUES (1, 'SECRET-1234', 'SECRET-DATE', 0, 0.00, 1, 8675309),"
            + " (2, 'SECRET-5678', 'SECRET-9999', 0, 0.00, 2, 8675309)");
    write(dir.resolve("files-" + id + "/people.csv"), """
        id,name,born,zero,amount,nation,big
        1,SECRET-1234,SECRET-DATE,0,0.00,1,8675309
        2,SECRET-5678,SECRET-9999,0,0.00,2,8675309
        """);
    String columns = "id, hidden_name AS name, hidden_born AS born, hidden_zero AS zero, hidden_amount AS amount,"
        + " hidden_nation AS nation, hidden_big AS big";
    this.mesh = Mesh.builder().name("errors")
        .grant("everyone-reads-everything", "*")
        .principal(Principal.builder("ann").role("analyst").build())
        .principal(Principal.builder("bert").role("partner").attribute("nation", "1").build())
        .policy("partners-see-their-nation", "rowFilter",
            Map.of("products", List.of("sales.customer"), "roles", List.of("partner"), "where", "nation = :nation"))
        .domain("sales", d -> d.jdbcSource("erp", url, "sa", "")
            .product("customer", "SELECT " + columns + " FROM erp.hidden_customer")
            .product("gone", "SELECT id, hidden_col AS col FROM erp.hidden_gone"))
        .domain("files", d -> d.source("fs", "csv", Map.of("path", dir.resolve("files-" + id).toString(),
                "columns", Map.of("people", Map.of("zero", "integer", "amount", "decimal(10,2)", "big", "bigint",
                    "born", "varchar", "name", "varchar"))))
            .product("people", "SELECT * FROM fs.people"))
        .build();
  }

  /**
   * Expressions over a product's columns that fail on every row, with the SQLState class of the
   * failure: the ones every database computes alike, which H2 evaluates for sales.customer.
   */
  static final List<String[]> FAILING = List.of(
      new String[] {"SELECT CAST(big * 1000000 AS INTEGER) FROM %s", "22003"},
      new String[] {"SELECT big * big * big FROM %s", "22003"},
      new String[] {"SELECT id FROM %s WHERE big * big * big > 0", "22003"},
      new String[] {"SELECT SUM(big * big * big) FROM %s", "22003"});

  /**
   * Expressions meshkit computes itself whatever the source, since databases compute them
   * differently (casts of text, divisions), failing on every row.
   */
  static final List<String[]> FAILING_HERE = List.of(
      new String[] {"SELECT CAST(name AS INTEGER) FROM %s", "22018"},
      new String[] {"SELECT CAST(name AS DECIMAL(10,2)) FROM %s", "22018"},
      new String[] {"SELECT CAST(name AS DOUBLE) FROM %s", "22018"},
      new String[] {"SELECT CAST(name AS BOOLEAN) FROM %s", "22018"},
      new String[] {"SELECT CAST(born AS DATE) FROM %s", "22007"},
      new String[] {"SELECT CAST(born AS TIMESTAMP) FROM %s", "22007"},
      new String[] {"SELECT id / zero FROM %s", "22012"},
      new String[] {"SELECT MOD(id, zero) FROM %s", "22012"},
      new String[] {"SELECT id / amount FROM %s", "22012"},
      new String[] {"SELECT id FROM %s WHERE CAST(name AS INTEGER) > 0", "22018"},
      new String[] {"SELECT SUM(CAST(name AS INTEGER)) FROM %s", "22018"},
      new String[] {"SELECT UPPER(name) || CAST(CAST(born AS DATE) AS VARCHAR) FROM %s ORDER BY 1", "22007"});

  /** Failures of the JVM only: H2 answers these (an empty string, or an expression it does not take). */
  static final List<String[]> FAILING_IN_THE_JVM = List.of(
      new String[] {"SELECT SUBSTRING(name FROM 2 FOR zero - 1) FROM %s", "22011"},
      new String[] {"SELECT OVERLAY(name PLACING 'x' FROM zero - 3) FROM %s", "22011"},
      new String[] {"SELECT LN(zero) FROM %s", "22"});

  /** The failing statements over both products, as ann (who reads everything) runs them. */
  public static List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    for (String[] failing : FAILING) {
      cases.add(new Case(failing[0].formatted("sales.customer"), failing[1],
          List.of("source 'erp' of domain 'sales'", "data product sales.customer")));
      cases.add(new Case(failing[0].formatted("files.people"), failing[1], List.of("data product files.people")));
    }
    for (String[] failing : FAILING_HERE) {
      for (String product : List.of("sales.customer", "files.people")) {
        cases.add(new Case(failing[0].formatted(product), failing[1], List.of("data product " + product)));
      }
    }
    for (String[] failing : FAILING_IN_THE_JVM) {
      cases.add(new Case(failing[0].formatted("files.people"), failing[1], List.of("data product files.people")));
    }
    // Evaluated in the JVM over rows of both sources: the sentence names both products.
    cases.add(new Case("SELECT c.id FROM sales.customer c JOIN files.people p ON c.id = p.id"
        + " WHERE CAST(c.name || p.born AS INTEGER) = p.zero", "22018", List.of("sales.customer", "files.people")));
    return cases;
  }

  /**
   * Failures of bert, whose row filter keeps his nation's customers: a predicate that is not
   * leakproof stays above the filter and is evaluated in the JVM, on his rows only.
   */
  public static List<Case> filteredCases() {
    return List.of(
        new Case("SELECT id FROM sales.customer WHERE CAST(name AS INTEGER) > 0", "22018",
            List.of("data product sales.customer")),
        new Case("SELECT CAST(born AS DATE) FROM sales.customer", "22007", List.of("data product sales.customer")));
  }

  private static final Pattern CLASS_NAME = Pattern.compile("\\b[a-z][a-z0-9]*(\\.[a-z0-9]+)+\\.[A-Z]\\w*");
  private static final Pattern FRAME = Pattern.compile("\\bat [\\w$.]+\\(");

  /** The checks a consumer's error passes: its state, its names, and nothing it must not say. */
  public static void assertSafe(SQLException e, Case c) {
    assertNotNull(e.getSQLState(), "no SQLState: " + e.getMessage());
    assertTrue(e.getSQLState().startsWith(c.state()), c.sql() + ": SQLState " + e.getSQLState() + ": " + e.getMessage());
    for (String name : c.names()) {
      assertTrue(e.getMessage().contains(name), c.sql() + ": does not name " + name + ": " + e.getMessage());
    }
    assertNoLeak(e.getMessage());
    for (Throwable t = e.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
      assertNoLeak(String.valueOf(t));
    }
  }

  /** No row value, source name, source SQL, Java class name or stack frame in a message. */
  public static void assertNoLeak(String message) {
    for (String secret : SECRETS) {
      assertFalse(message.contains(secret), "a value in: " + message);
    }
    assertFalse(message.toUpperCase(Locale.ROOT).contains("HIDDEN"), "a source table or column in: " + message);
    for (String sql : List.of("SELECT", "FROM \"", "While executing", "sub-schema")) {
      assertFalse(message.contains(sql), "source SQL in: " + message);
    }
    assertFalse(CLASS_NAME.matcher(message).find(), "a Java class name in: " + message);
    assertFalse(FRAME.matcher(message).find() || message.contains("\tat ") || message.contains("Caused by"),
        "a stack frame in: " + message);
    assertFalse(message.matches("(?s).*\\b[A-Z]\\w*(Exception|Error)\\b.*"), "a Java exception in: " + message);
  }

  /** A failure of the consumer's statement keeps no cause, whose text is what the sentence leaves out. */
  public static void assertNoCause(SQLException e) {
    assertNull(e.getCause(), () -> "a cause: " + e.getCause());
    assertEquals(null, e.getNextException());
  }

  @Override
  public void close() {
    mesh.close();
  }
}
