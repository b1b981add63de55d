package dev.meshkit.policy;

import static dev.meshkit.MeshTesting.rows;
import static dev.meshkit.policy.GovernedMesh.ANN;
import static dev.meshkit.policy.GovernedMesh.APAC_SECRET_NOTE;
import static dev.meshkit.policy.GovernedMesh.BOB;
import static dev.meshkit.policy.GovernedMesh.CARL;
import static dev.meshkit.policy.GovernedMesh.CORA;
import static dev.meshkit.policy.GovernedMesh.DAVE;
import static dev.meshkit.policy.GovernedMesh.ERIN;
import static dev.meshkit.policy.GovernedMesh.HAL;
import static dev.meshkit.policy.GovernedMesh.MALLORY;
import static dev.meshkit.policy.GovernedMesh.MIA;
import static dev.meshkit.policy.GovernedMesh.NORA;
import static dev.meshkit.policy.GovernedMesh.RAW_EMAILS;
import static dev.meshkit.policy.GovernedMesh.RAW_PHONES;
import static dev.meshkit.policy.GovernedMesh.SALARIES;
import static dev.meshkit.policy.GovernedMesh.US_SECRET_NOTE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Principal;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Attempts to get around governance: every path by which SQL reaches a product (issue 3,
 * "Enforcement"), by principals with different roles, attributes and policies. Each attempt states
 * exactly what it must see: the rows, or a denial with SQLState 42501 naming the product and the
 * deciding policy, and never a protected value in any message.
 */
class BypassTest {

  @TempDir
  static Path dir;
  static GovernedMesh governed;

  @BeforeAll
  static void load() throws SQLException {
    governed = new GovernedMesh(dir);
  }

  @AfterAll
  static void close() {
    governed.close();
  }

  // --- masked values as an analyst sees them -------------------------------------------------

  static String last4(String raw) {
    return "X".repeat(raw.length() - 4) + raw.substring(raw.length() - 4);
  }

  /** The hash mask's value: HMAC-SHA256 under the mesh's key, computed here with the JDK alone. */
  static String hashed(String raw) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(GovernedMesh.HASH_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(raw.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Schemas every principal sees, whatever the policies: Calcite's and the mesh's catalog. */
  static final List<String> MESH_SCHEMAS = List.of("metadata", "catalog");

  static final String PHONE1 = last4(RAW_PHONES.get(0));
  static final String PHONE2 = last4(RAW_PHONES.get(1));
  static final String PHONE3 = last4(RAW_PHONES.get(2));
  static final String EMAIL1 = hashed(RAW_EMAILS.get(0));
  static final String EMAIL2 = hashed(RAW_EMAILS.get(1));
  static final String EMAIL3 = hashed(RAW_EMAILS.get(2));

  /** Everything a message must never hold: raw pii, salaries, and notes of rows filtered from ann. */
  static final List<String> PROTECTED = Stream.of(RAW_PHONES, RAW_EMAILS, SALARIES,
      List.of(US_SECRET_NOTE, APAC_SECRET_NOTE)).flatMap(List::stream).toList();

  // --- expectations ---------------------------------------------------------------------------

  sealed interface Expect permits Rows, Denied, ReadOnly, NotFound, FailsWithoutLeak, Explains {}

  /** Exactly these rows, in this order (every such query orders its result). */
  record Rows(List<String> rows) implements Expect {}

  /** SQLState 42501 naming the product and the deciding policy (null: "no policy grants it"). */
  record Denied(String product, String policy) implements Expect {}

  record ReadOnly() implements Expect {}

  /** The name resolves to nothing: not an access denial, and nothing in the message. */
  record NotFound() implements Expect {}

  /** An error is acceptable here, but its message must hold no protected value. */
  record FailsWithoutLeak() implements Expect {}

  /** EXPLAIN runs and its text holds no protected value. */
  record Explains() implements Expect {}

  /** One attempt: who, what SQL, and (for a prepared statement) its parameters. */
  record Attempt(String name, Principal who, String sql, List<Object> params, Expect expect) {
    @Override
    public String toString() {
      return who.name() + ": " + name;
    }
  }

  static Attempt q(String name, Principal who, String sql, Expect expect) {
    return new Attempt(name, who, sql, null, expect);
  }

  static Attempt p(String name, Principal who, String sql, List<Object> params, Expect expect) {
    return new Attempt(name, who, sql, params, expect);
  }

  static Rows rowsOf(String... rows) {
    return new Rows(List.of(rows));
  }

  static Denied denied(String product, String policy) {
    return new Denied(product, policy);
  }

  static final Expect NONE = new Rows(List.of());

  /** Emails of customers 1..3 ordered as their hashes sort, as "id,hash". */
  static String[] byHash() {
    List<String[]> rows = new ArrayList<>(List.of(new String[] {"1", EMAIL1}, new String[] {"2", EMAIL2},
        new String[] {"3", EMAIL3}));
    rows.sort(Comparator.comparing(r -> r[1]));
    return rows.stream().map(r -> r[0] + "," + r[1]).toArray(String[]::new);
  }

  static Stream<Attempt> attempts() {
    String raw1 = RAW_PHONES.get(0);
    String email1 = RAW_EMAILS.get(0);
    return Stream.of(
        // ===== grants, denies, default deny =====
        q("default deny: no roles, no grant", DAVE, "SELECT * FROM sales.orders", denied("sales.orders", null)),
        q("a domain grant cannot widen: hr grants dave, no global grant does", DAVE,
            "SELECT * FROM hr.salaries", denied("hr.salaries", null)),
        q("deny beats grant: hr-readers grants contractors, contractors-no-hr denies", CARL,
            "SELECT * FROM hr.salaries", denied("hr.salaries", "contractors-no-hr")),
        q("deny beats grant, name in other case and quoted", CARL,
            "SELECT * FROM \"hr\".\"salaries\"", denied("hr.salaries", "contractors-no-hr")),
        q("domain deny narrows the global grant", CARL, "SELECT id FROM sales.customers",
            denied("sales.customers", "sales-no-customers-for-contractors")),
        q("domain allow-list narrows the global grant", HAL, "SELECT * FROM hr.salaries",
            denied("hr.salaries", "hr-compliance-only")),
        q("analyst has no grant on hr", ANN, "SELECT employee FROM hr.salaries", denied("hr.salaries", null)),
        q("compliance reads hr through global and domain grant", CORA,
            "SELECT employee, salary FROM hr.salaries ORDER BY employee", rowsOf("ann,91234.56", "bob,87654.32")),
        // ===== denied product on every path =====
        q("denied product in a join", ANN,
            "SELECT o.id FROM sales.orders o JOIN hr.salaries s ON s.employee = o.handler", denied("hr.salaries", null)),
        q("denied product joined with a readable one", CARL,
            "SELECT o.id, c.phone FROM sales.orders o JOIN sales.customers c ON c.id = o.customer_id",
            denied("sales.customers", "sales-no-customers-for-contractors")),
        q("denied product in an IN subquery", ANN,
            "SELECT id FROM sales.orders WHERE handler IN (SELECT employee FROM hr.salaries)", denied("hr.salaries", null)),
        q("denied product in a correlated EXISTS", CARL,
            "SELECT id FROM sales.orders o WHERE EXISTS (SELECT 1 FROM hr.salaries s WHERE s.employee = o.handler)",
            denied("hr.salaries", "contractors-no-hr")),
        q("denied product in a scalar subquery", CARL,
            "SELECT id, (SELECT MAX(salary) FROM hr.salaries) FROM sales.orders", denied("hr.salaries", "contractors-no-hr")),
        q("denied product in a CTE", CARL,
            "WITH s AS (SELECT * FROM hr.salaries) SELECT COUNT(*) FROM s", denied("hr.salaries", "contractors-no-hr")),
        q("denied product in a UNION", CARL,
            "SELECT handler FROM sales.orders UNION SELECT employee FROM hr.salaries", denied("hr.salaries", "contractors-no-hr")),
        q("denied product in EXCEPT, counting only", CARL,
            "SELECT COUNT(*) FROM (SELECT employee FROM hr.salaries EXCEPT SELECT handler FROM sales.orders)",
            denied("hr.salaries", "contractors-no-hr")),
        p("denied product in a prepared statement", CARL, "SELECT salary FROM hr.salaries WHERE employee = ?",
            List.of("ann"), denied("hr.salaries", "contractors-no-hr")),
        q("denied product in EXPLAIN", CARL, "EXPLAIN PLAN FOR SELECT * FROM hr.salaries",
            denied("hr.salaries", "contractors-no-hr")),
        q("default-denied product in EXPLAIN", DAVE, "EXPLAIN PLAN FOR SELECT * FROM sales.customers",
            denied("sales.customers", null)),
        // ===== row filters =====
        q("row filter binds the region", ANN, "SELECT id FROM sales.orders ORDER BY id", rowsOf("10", "11", "14")),
        q("row filter binds another region", BOB, "SELECT id FROM sales.orders ORDER BY id", rowsOf("12", "13")),
        q("a principal lacking the filter attribute sees no rows", NORA, "SELECT id FROM sales.orders", NONE),
        q("an attribute holding SQL is bound as a literal, not spliced", MALLORY,
            "SELECT id FROM sales.orders ORDER BY id", rowsOf("16")),
        q(":user binds the principal's name", CARL, "SELECT id FROM sales.orders ORDER BY id", rowsOf("10", "12")),
        q("exceptRoles lifts the filter for compliance", CORA, "SELECT id FROM sales.orders ORDER BY id",
            rowsOf("10", "11", "12", "13", "14", "15", "16")),
        q("asking for another region directly", ANN, "SELECT id FROM sales.orders WHERE region = 'US'", NONE),
        q("OR TRUE in the consumer predicate", ANN, "SELECT id FROM sales.orders WHERE region = 'US' OR 1 = 1 ORDER BY id",
            rowsOf("10", "11", "14")),
        q("aggregates count only visible rows", ANN, "SELECT COUNT(*), SUM(amount) FROM sales.orders",
            rowsOf("3,1700.00")),
        q("window over the whole product", ANN, "SELECT id, COUNT(*) OVER () FROM sales.orders ORDER BY id",
            rowsOf("10,3", "11,3", "14,3")),
        q("upper-case names", ANN, "SELECT ID FROM SALES.ORDERS ORDER BY ID", rowsOf("10", "11", "14")),
        q("self-join", ANN,
            "SELECT a.id, b.id FROM sales.orders a JOIN sales.orders b ON a.customer_id = b.customer_id AND a.id < b.id"
                + " ORDER BY a.id, b.id", rowsOf("10,11")),
        q("self-join through a cross join and WHERE", BOB,
            "SELECT COUNT(*) FROM sales.orders a, sales.orders b", rowsOf("4")),
        q("join with customers", ANN,
            "SELECT o.id, c.name, c.phone FROM sales.orders o JOIN sales.customers c ON c.id = o.customer_id ORDER BY o.id",
            rowsOf("10,Alice," + PHONE1, "11,Alice," + PHONE1, "14,Chloe," + PHONE3)),
        q("outer join keeps customers, not other regions' orders", ANN,
            "SELECT c.id, COUNT(o.id) FROM sales.customers c LEFT JOIN sales.orders o ON o.customer_id = c.id"
                + " GROUP BY c.id ORDER BY c.id", rowsOf("1,2", "2,0", "3,1")),
        q("IN subquery", ANN,
            "SELECT id FROM sales.customers WHERE id IN (SELECT customer_id FROM sales.orders) ORDER BY id", rowsOf("1", "3")),
        q("correlated EXISTS looking for another region", ANN,
            "SELECT c.id FROM sales.customers c WHERE EXISTS"
                + " (SELECT 1 FROM sales.orders o WHERE o.customer_id = c.id AND o.region = 'US')", NONE),
        q("correlated NOT EXISTS", ANN,
            "SELECT c.id FROM sales.customers c WHERE NOT EXISTS"
                + " (SELECT 1 FROM sales.orders o WHERE o.customer_id = c.id) ORDER BY c.id", rowsOf("2")),
        q("correlated scalar subquery", BOB,
            "SELECT c.id, (SELECT COUNT(*) FROM sales.orders o WHERE o.customer_id = c.id) FROM sales.customers c"
                + " ORDER BY c.id", rowsOf("1,0", "2,2", "3,0")),
        q("uncorrelated scalar subquery", ERIN, "SELECT (SELECT SUM(amount) FROM sales.orders)", rowsOf("20.00")),
        q("CTE", ANN, "WITH o AS (SELECT * FROM sales.orders) SELECT region, COUNT(*) FROM o GROUP BY region",
            rowsOf("EU,3")),
        q("CTE used twice", BOB,
            "WITH o AS (SELECT id, amount FROM sales.orders) SELECT a.id FROM o a JOIN o b ON a.amount < b.amount",
            rowsOf("12")),
        q("UNION of a product and a product built on it", ANN,
            "SELECT id FROM sales.orders UNION SELECT id FROM sales.big_orders ORDER BY id", rowsOf("10", "11", "13", "14")),
        q("UNION ALL", NORA, "SELECT region FROM sales.orders UNION ALL SELECT region FROM sales.orders", NONE),
        q("INTERSECT", ANN, "SELECT id FROM sales.big_orders INTERSECT SELECT id FROM sales.orders", rowsOf("11")),
        q("EXCEPT", ANN, "SELECT id FROM sales.big_orders EXCEPT SELECT id FROM sales.orders", rowsOf("13")),
        // ===== products built on products =====
        q("big_orders is filtered by its own policy, not by orders'", ANN,
            "SELECT id FROM sales.big_orders ORDER BY id", rowsOf("11", "13")),
        q("orders' :user filter does not reach big_orders", CARL,
            "SELECT id FROM sales.big_orders ORDER BY id", rowsOf("11", "13", "14")),
        q("big_orders' filter is lifted for compliance", CORA,
            "SELECT id FROM sales.big_orders ORDER BY id", rowsOf("11", "13", "14")),
        q("big_orders without the orders attribute", NORA, "SELECT id FROM sales.big_orders ORDER BY id",
            rowsOf("11", "13")),
        // ===== leakproof: no consumer expression runs on a filtered-out row =====
        q("division by zero only on a filtered-out row (WHERE)", ANN,
            "SELECT id FROM sales.orders WHERE 100000 / (amount - 75) > 0 ORDER BY id", rowsOf("11", "14")),
        q("failing cast only on filtered-out rows (WHERE)", ANN,
            "SELECT id FROM sales.orders WHERE CAST(note AS INTEGER) >= 1 ORDER BY id", rowsOf("10", "11", "14")),
        q("failing cast beside a leakproof conjunct", ANN,
            "SELECT id FROM sales.orders WHERE amount > 40 AND CAST(note AS INTEGER) = 2 ORDER BY id", rowsOf("11")),
        q("failing cast inside OR", ANN,
            "SELECT id FROM sales.orders WHERE id = 10 OR CAST(note AS INTEGER) = 3 ORDER BY id", rowsOf("10", "14")),
        q("division by zero only on a filtered-out row (select list)", ANN,
            "SELECT id, CASE WHEN 100000 / (amount - 75) > 0 THEN 'pos' ELSE 'neg' END FROM sales.orders ORDER BY id",
            rowsOf("10,neg", "11,pos", "14,pos")),
        q("division by zero only on a filtered-out row (join condition)", ANN,
            "SELECT o.id FROM sales.orders o JOIN sales.customers c ON c.id = o.customer_id AND 100000 / (o.amount - 75) > 0"
                + " ORDER BY o.id", rowsOf("11", "14")),
        q("failing cast only on filtered-out rows (IN subquery)", ANN,
            "SELECT id FROM sales.customers WHERE id IN (SELECT customer_id FROM sales.orders WHERE CAST(note AS INTEGER) > 0)"
                + " ORDER BY id", rowsOf("1", "3")),
        q("division by zero only on a filtered-out row (HAVING)", ANN,
            "SELECT customer_id FROM sales.orders GROUP BY customer_id HAVING MIN(100000 / (amount - 75)) > 0",
            rowsOf("3")),
        q("division by zero only on a filtered-out row (CTE)", ANN,
            "WITH o AS (SELECT id FROM sales.orders WHERE 100000 / (amount - 75) > 0) SELECT COUNT(*) FROM o",
            rowsOf("2")),
        q("division by zero only on a row big_orders' policy removes", ANN,
            "SELECT id FROM sales.big_orders WHERE 100000 / (amount - 1500) < 1 ORDER BY id", rowsOf("11", "13")),
        // ===== masks =====
        q("masked columns", ANN, "SELECT id, phone, email FROM sales.customers ORDER BY id",
            rowsOf("1," + PHONE1 + "," + EMAIL1, "2," + PHONE2 + "," + EMAIL2, "3," + PHONE3 + "," + EMAIL3)),
        q("exceptRoles lifts masks for compliance", CORA, "SELECT id, phone, email FROM sales.customers ORDER BY id",
            rowsOf("1," + raw1 + "," + email1, "2," + RAW_PHONES.get(1) + "," + RAW_EMAILS.get(1),
                "3," + RAW_PHONES.get(2) + "," + RAW_EMAILS.get(2))),
        q("compliance can match the raw phone", CORA,
            "SELECT id FROM sales.customers WHERE phone = '" + raw1 + "'", rowsOf("1")),
        q("WHERE phone = raw value", ANN, "SELECT id FROM sales.customers WHERE phone = '" + raw1 + "'", NONE),
        q("WHERE email = raw value", BOB, "SELECT id FROM sales.customers WHERE email = '" + email1 + "'", NONE),
        q("WHERE phone = masked value matches", ANN, "SELECT id FROM sales.customers WHERE phone = '" + PHONE1 + "'",
            rowsOf("1")),
        q("LIKE on the raw prefix of a masked phone", ANN, "SELECT id FROM sales.customers WHERE phone LIKE '+44%'", NONE),
        q("LIKE on the raw domain of a hashed email", ANN,
            "SELECT id FROM sales.customers WHERE email LIKE '%@example.eu'", NONE),
        q("LIKE on the part last4 shows", ANN, "SELECT id FROM sales.customers WHERE phone LIKE '%0101'", rowsOf("1")),
        q("range on a masked phone", ANN, "SELECT id FROM sales.customers WHERE phone BETWEEN '+' AND '+5'", NONE),
        q("GROUP BY a masked column", ANN, "SELECT phone, COUNT(*) FROM sales.customers GROUP BY phone ORDER BY phone",
            rowsOf(PHONE2 + ",1", PHONE3 + ",1", PHONE1 + ",1")),
        q("ORDER BY a hashed column sorts by the hash", ANN, "SELECT id, email FROM sales.customers ORDER BY email",
            rowsOf(byHash())),
        q("MIN and MAX of masked columns", ANN, "SELECT MIN(phone), MAX(phone), MIN(email) FROM sales.customers",
            rowsOf(PHONE2 + "," + PHONE1 + "," + Stream.of(EMAIL1, EMAIL2, EMAIL3).sorted().findFirst().get())),
        q("SUBSTRING of a masked phone", ANN, "SELECT SUBSTRING(phone FROM 1 FOR 3) FROM sales.customers WHERE id = 1",
            rowsOf("XXX")),
        q("masked column through a CTE and a UNION", ANN,
            "WITH p AS (SELECT phone AS v FROM sales.customers UNION SELECT email FROM sales.customers)"
                + " SELECT COUNT(*) FROM p WHERE v IN ('" + raw1 + "', '" + email1 + "')", rowsOf("0")),
        q("join on a masked column with raw values", ANN,
            "SELECT c.id FROM sales.customers c JOIN (VALUES ('" + raw1 + "'), ('" + email1 + "')) AS v(x)"
                + " ON c.phone = v.x OR c.email = v.x", NONE),
        q("self-join on a masked column", ANN,
            "SELECT a.id, b.id FROM sales.customers a JOIN sales.customers b ON a.phone = b.phone ORDER BY a.id",
            rowsOf("1,1", "2,2", "3,3")),
        q("correlated EXISTS matching a raw email", ANN,
            "SELECT COUNT(*) FROM sales.customers c WHERE EXISTS"
                + " (SELECT 1 FROM (VALUES ('" + email1 + "')) AS v(e) WHERE v.e = c.email)", rowsOf("0")),
        q("masked column in a scalar subquery", ANN,
            "SELECT (SELECT phone FROM sales.customers WHERE id = 1)", rowsOf(PHONE1)),
        q("CAST of a masked phone fails without the raw value", ANN,
            "SELECT CAST(phone AS INTEGER) FROM sales.customers", new FailsWithoutLeak()),
        q("CAST of a masked phone in WHERE fails without the raw value", BOB,
            "SELECT id FROM sales.customers WHERE CAST(phone AS BIGINT) > 0", new FailsWithoutLeak()),
        // ===== masks over a file source, run in the JVM =====
        q("file source: hashed phone", ANN, "SELECT id, phone FROM sales.contacts ORDER BY id",
            rowsOf("1," + hashed(raw1), "2," + hashed(RAW_PHONES.get(1)), "3," + hashed(RAW_PHONES.get(2)))),
        q("file source: WHERE phone = raw value", ANN, "SELECT id FROM sales.contacts WHERE phone = '" + raw1 + "'",
            NONE),
        q("file source: compliance sees the raw phone", CORA, "SELECT phone FROM sales.contacts WHERE id = 1",
            rowsOf(raw1)),
        // ===== prepared statements =====
        p("prepared: raw phone as a parameter", ANN, "SELECT id FROM sales.customers WHERE phone = ?", List.of(raw1), NONE),
        p("prepared: masked phone as a parameter", ANN, "SELECT id FROM sales.customers WHERE phone = ?",
            List.of(PHONE1), rowsOf("1")),
        p("prepared: LIKE pattern on a hashed email", ANN, "SELECT id FROM sales.customers WHERE email LIKE ?",
            List.of("%example.eu"), NONE),
        p("prepared: another region as a parameter", ANN, "SELECT id FROM sales.orders WHERE region = ?",
            List.of("US"), NONE),
        p("prepared: SQL in a parameter", ANN, "SELECT id FROM sales.orders WHERE region = ? ORDER BY id",
            List.of("EU' OR 'x' = 'x"), NONE),
        p("prepared: <> own region", ANN, "SELECT id FROM sales.orders WHERE region <> ? ORDER BY id",
            List.of("EU"), NONE),
        p("prepared: division by zero on a filtered-out row via a parameter", ANN,
            "SELECT id FROM sales.orders WHERE 100000 / (amount - CAST(? AS DECIMAL(10, 2))) > 0 ORDER BY id", List.of(new BigDecimal("75")),
            rowsOf("11", "14")),
        p("prepared: the same text for another principal", BOB,
            "SELECT id FROM sales.orders WHERE amount > ? ORDER BY id", List.of(new BigDecimal("0")), rowsOf("12", "13")),
        // ===== EXPLAIN =====
        q("EXPLAIN of masked columns", ANN, "EXPLAIN PLAN FOR SELECT id, phone, email FROM sales.customers",
            new Explains()),
        q("EXPLAIN of filtered rows", ANN, "EXPLAIN PLAN FOR SELECT * FROM sales.orders WHERE amount > 0",
            new Explains()),
        // ===== read-only =====
        q("INSERT", ANN, "INSERT INTO sales.orders VALUES (99, 1, 1.00, 'US', 'ann', 'x')", new ReadOnly()),
        q("UPDATE", ANN, "UPDATE sales.orders SET region = 'EU'", new ReadOnly()),
        q("DELETE", CORA, "DELETE FROM sales.orders", new ReadOnly()),
        q("MERGE", ANN, "MERGE INTO sales.orders t USING sales.big_orders s ON t.id = s.id"
            + " WHEN MATCHED THEN UPDATE SET region = 'EU'", new ReadOnly()),
        q("CREATE TABLE", ANN, "CREATE TABLE sales.copy AS SELECT * FROM sales.orders", new ReadOnly()),
        q("DROP TABLE", CORA, "DROP TABLE sales.orders", new ReadOnly()),
        q("ALTER TABLE", CORA, "ALTER TABLE sales.customers DROP COLUMN phone", new ReadOnly()),
        // ===== names outside the mesh =====
        q("unknown product", ANN, "SELECT * FROM sales.nope", new NotFound()),
        q("a source table by its source name", ANN, "SELECT * FROM crm.customers", new NotFound()),
        q("a source table qualified by its domain", CORA, "SELECT * FROM sales.crm.customers", new NotFound()),
        q("hr's source table", CORA, "SELECT * FROM payroll.salaries", new NotFound()),
        q("the internal runtime schema", ANN, "SELECT * FROM \"$meshkit$runtime\".\"sales.crm\".\"CUSTOMERS\"",
            new NotFound()),
        q("the internal runtime schema with the database schema", CORA,
            "SELECT * FROM \"$meshkit$runtime\".\"sales.crm\".\"PUBLIC\".\"CUSTOMERS\"", new NotFound()),
        q("the engine's metadata schema", ANN, "SELECT * FROM \"metadata\".\"TABLES\"", new NotFound()));
  }

  /**
   * In a separate thread with a timeout: a statement whose planning never ends (see the file-source
   * attempts) must fail its own case, not hang the suite.
   */
  @ParameterizedTest(name = "{index}: {0}")
  @MethodSource("attempts")
  @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void attempt(Attempt attempt) throws SQLException {
    try (Connection c = governed.mesh.connect(attempt.who())) {
      Expect expect = attempt.expect();
      if (expect instanceof Rows expected) {
        assertEquals(expected.rows(), run(c, attempt), attempt.sql());
      } else if (expect instanceof Explains) {
        String plan = String.join("\n", run(c, attempt));
        assertFalse(plan.isBlank());
        assertNoProtectedValue(plan);
      } else if (expect instanceof Denied denied) {
        SQLException e = assertThrows(SQLException.class, () -> run(c, attempt), attempt.sql());
        assertEquals("42501", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains(denied.product()), e.getMessage());
        assertTrue(e.getMessage().contains(denied.policy() == null ? "no policy grants it" : "'" + denied.policy() + "'"),
            e.getMessage());
        assertNoProtectedValue(e.getMessage());
      } else if (expect instanceof ReadOnly) {
        SQLException e = assertThrows(SQLException.class, () -> run(c, attempt), attempt.sql());
        assertEquals("42501", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        assertNoProtectedValue(e.getMessage());
      } else if (expect instanceof NotFound) {
        SQLException e = assertThrows(SQLException.class, () -> run(c, attempt), attempt.sql());
        assertNotEquals("42501", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains("not found"), e.getMessage());
        assertNoProtectedValue(e.getMessage());
      } else if (expect instanceof FailsWithoutLeak) {
        SQLException e = assertThrows(SQLException.class, () -> run(c, attempt), attempt.sql());
        assertNoProtectedValue(e.getMessage());
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
          assertNoProtectedValue(String.valueOf(t.getMessage()));
        }
      }
    }
  }

  private static List<String> run(Connection c, Attempt attempt) throws SQLException {
    if (attempt.params() == null) {
      try (Statement s = c.createStatement()) {
        if (!s.execute(attempt.sql())) {
          return List.of("updated " + s.getUpdateCount());
        }
        try (ResultSet rs = s.getResultSet()) {
          return rows(rs);
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement(attempt.sql())) {
      for (int i = 0; i < attempt.params().size(); i++) {
        ps.setObject(i + 1, attempt.params().get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rows(rs);
      }
    }
  }

  static void assertNoProtectedValue(String text) {
    for (String value : PROTECTED) {
      assertFalse(text.contains(value), "protected value " + value + " in: " + text);
    }
  }

  @Test
  void thereAreAtLeastFortyAttempts() {
    assertTrue(attempts().count() >= 40, "attempts: " + attempts().count());
    assertEquals(attempts().count(), attempts().map(Attempt::toString).distinct().count(), "attempt names are distinct");
  }

  // --- prepared statements: one statement, parameters changed between executions ---------------

  @Test
  void preparedStatementReexecutedWithRawThenMaskedValues() throws SQLException {
    try (Connection c = governed.mesh.connect(ANN);
        PreparedStatement ps = c.prepareStatement("SELECT id FROM sales.customers WHERE phone = ? OR email = ?")) {
      for (int i = 0; i < 3; i++) {
        ps.setString(1, RAW_PHONES.get(i));
        ps.setString(2, RAW_EMAILS.get(i));
        try (ResultSet rs = ps.executeQuery()) {
          assertEquals(List.of(), rows(rs));
        }
      }
      ps.setString(1, PHONE2);
      ps.setString(2, EMAIL3);
      try (ResultSet rs = ps.executeQuery()) {
        assertEquals(List.of("2", "3"), rows(rs).stream().sorted().toList());
      }
    }
  }

  // --- DatabaseMetaData ------------------------------------------------------------------------

  static Stream<Arguments> readableTables() {
    return Stream.of(
        Arguments.of(ANN, List.of("sales.big_orders", "sales.contacts", "sales.customers", "sales.orders")),
        Arguments.of(NORA, List.of("sales.big_orders", "sales.contacts", "sales.customers", "sales.orders")),
        Arguments.of(CARL, List.of("sales.big_orders", "sales.contacts", "sales.orders")),
        Arguments.of(CORA, List.of("hr.salaries", "sales.big_orders", "sales.contacts", "sales.customers", "sales.orders")),
        // hal reads no product, but his sys.* grant lets him read the audit and the history of changes.
        Arguments.of(HAL, List.of("sys.audit", "sys.mesh_changes")),
        Arguments.of(DAVE, List.of()));
  }

  @ParameterizedTest(name = "getTables lists only what {0} may read")
  @MethodSource("readableTables")
  void getTablesListsOnlyReadableProducts(Principal who, List<String> expected) throws SQLException {
    try (Connection c = governed.mesh.connect(who)) {
      DatabaseMetaData md = c.getMetaData();
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = md.getTables(null, null, "%", null)) {
        while (rs.next()) {
          String schema = rs.getString("TABLE_SCHEM");
          if (!MESH_SCHEMAS.contains(schema)) {
            tables.add(schema + "." + rs.getString("TABLE_NAME"));
          }
        }
      }
      assertEquals(expected, tables.stream().sorted().toList());
      List<String> schemas = new ArrayList<>();
      try (ResultSet rs = md.getSchemas()) {
        while (rs.next()) {
          String schema = rs.getString("TABLE_SCHEM");
          if (!MESH_SCHEMAS.contains(schema)) {
            schemas.add(schema);
          }
        }
      }
      assertEquals(expected.stream().map(t -> t.substring(0, t.indexOf('.'))).distinct().sorted().toList(),
          schemas.stream().sorted().toList(), "schemas");
    }
  }

  @ParameterizedTest(name = "getColumns for {0}")
  @MethodSource("readableTables")
  void getColumnsListsOnlyReadableProducts(Principal who, List<String> expected) throws SQLException {
    try (Connection c = governed.mesh.connect(who);
        ResultSet rs = c.getMetaData().getColumns(null, null, "%", "%")) {
      TreeSet<String> tables = new TreeSet<>();
      List<String> columns = new ArrayList<>();
      while (rs.next()) {
        String schema = rs.getString("TABLE_SCHEM");
        if (!MESH_SCHEMAS.contains(schema)) {
          tables.add(schema + "." + rs.getString("TABLE_NAME"));
          columns.add(schema + "." + rs.getString("TABLE_NAME") + "." + rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
        }
      }
      assertEquals(expected, List.copyOf(tables));
      if (!expected.contains("hr.salaries")) {
        assertTrue(columns.stream().noneMatch(col -> col.startsWith("hr.") || col.contains("salary")), columns.toString());
      }
    }
  }

  @Test
  void hrIsInvisibleToAContractorEvenByName() throws SQLException {
    try (Connection c = governed.mesh.connect(CARL)) {
      DatabaseMetaData md = c.getMetaData();
      try (ResultSet rs = md.getTables(null, "hr", "salaries", null)) {
        assertFalse(rs.next());
      }
      try (ResultSet rs = md.getColumns(null, "hr", "salaries", "%")) {
        assertFalse(rs.next());
      }
      try (ResultSet rs = md.getSchemas(null, "hr")) {
        assertFalse(rs.next());
      }
    }
  }

  @Test
  void metadataShowsTheMaskedTypeNotTheRawOne() throws SQLException {
    // A hashed email is 64 hex characters whatever the raw column's length.
    try (Connection c = governed.mesh.connect(ANN);
        ResultSet rs = c.createStatement().executeQuery("SELECT phone, email FROM sales.customers WHERE id = 1")) {
      assertTrue(rs.next());
      assertEquals(PHONE1, rs.getString(1));
      assertEquals(EMAIL1, rs.getString(2));
    }
  }

  // --- EXPLAIN ----------------------------------------------------------------------------------

  /** A member sees the row filter in the plan; ann, a consumer, sees neither it nor any data. */
  @Test
  void explainShowsThePolicyToMembersButNoData() throws SQLException {
    String sql = "EXPLAIN PLAN FOR SELECT c.id, c.phone FROM sales.customers c"
        + " JOIN sales.orders o ON o.customer_id = c.id WHERE CAST(o.note AS INTEGER) > 0";
    try (Connection c = governed.mesh.connect(MIA)) {
      String plan = String.join("\n", rows(c, sql));
      assertNoProtectedValue(plan);
      assertTrue(plan.contains("'EU'"), plan);
    }
    try (Connection c = governed.mesh.connect(ANN)) {
      String plan = String.join("\n", rows(c, sql));
      assertNoProtectedValue(plan);
      assertFalse(plan.contains("'EU'"), plan);
      assertTrue(plan.contains("ProductScan(product=[sales.customers])"), plan);
    }
  }

  // --- pushdown -------------------------------------------------------------------------------

  private static List<String> sourceSqlOf(Principal who, String sql, List<String> expectedRows) throws SQLException {
    governed.sourceSql.clear();
    try (Connection c = governed.mesh.connect(who)) {
      assertEquals(expectedRows, rows(c, sql));
    }
    List<String> sent = List.copyOf(governed.sourceSql);
    assertFalse(sent.isEmpty(), "no statement reached a source");
    return sent;
  }

  @Test
  void rowFilterIsPushedIntoTheSourceWithTheBoundLiteral() throws SQLException {
    List<String> sent = sourceSqlOf(ANN, "SELECT id FROM sales.orders ORDER BY id", List.of("10", "11", "14"));
    assertEquals(1, sent.size(), sent.toString());
    assertTrue(sent.get(0).matches("(?s).*WHERE.*\"REGION\" = 'EU'.*"), sent.get(0));
    // The attribute holding SQL is one literal in the source SQL, quotes doubled.
    List<String> mallory = sourceSqlOf(MALLORY, "SELECT id FROM sales.orders", List.of("16"));
    assertTrue(mallory.get(0).contains("'EU'' OR ''x'' = ''x'"), mallory.get(0));
    // :user binds the principal's name.
    List<String> carl = sourceSqlOf(CARL, "SELECT id FROM sales.orders ORDER BY id", List.of("10", "12"));
    assertTrue(carl.get(0).contains("\"HANDLER\" = 'carl'"), carl.get(0));
  }

  @Test
  void leakproofConsumerPredicateGoesDownBesideTheFilter() throws SQLException {
    List<String> sent = sourceSqlOf(ANN, "SELECT id FROM sales.orders WHERE amount > 100 ORDER BY id",
        List.of("11", "14"));
    assertEquals(1, sent.size(), sent.toString());
    assertTrue(sent.get(0).contains("'EU'") && sent.get(0).contains("> 100"), sent.get(0));
  }

  @Test
  void nonLeakproofDivisionStaysOutOfTheSource() throws SQLException {
    List<String> sent = sourceSqlOf(ANN, "SELECT id FROM sales.orders WHERE amount > 40 AND 100000 / (amount - 75) > 0"
        + " ORDER BY id", List.of("11", "14"));
    String all = String.join("\n", sent);
    assertTrue(all.contains("'EU'"), all);
    assertTrue(all.contains("> 40"), "the leakproof conjunct goes down: " + all);
    assertFalse(all.contains("/") || all.contains("100000"), "the division must not run in the source: " + all);
  }

  @Test
  void aggregateOfArithmeticRunsInTheSourceAfterTheFilter() throws SQLException {
    // SUM's argument is computed only for rows the WHERE clause kept, so it may go down with it.
    List<String> sent = sourceSqlOf(ANN, "SELECT SUM(amount * 2) FROM sales.orders", List.of("3400.00"));
    String all = String.join("\n", sent).toUpperCase(Locale.ROOT);
    assertTrue(all.contains("'EU'") && all.contains("SUM(") && all.contains("* 2"), all);
  }

  @Test
  void nonLeakproofCastStaysOutOfTheSource() throws SQLException {
    List<String> sent = sourceSqlOf(ANN, "SELECT id FROM sales.orders WHERE CAST(note AS INTEGER) = 1",
        List.of("10"));
    String all = String.join("\n", sent);
    assertTrue(all.contains("'EU'"), all);
    assertFalse(all.toUpperCase(Locale.ROOT).contains("CAST"), "the cast must not run in the source: " + all);
  }

  @Test
  void nonLeakproofJoinStaysAboveTheFilter() throws SQLException {
    List<String> sent = sourceSqlOf(ANN, "SELECT o.id FROM sales.orders o JOIN sales.customers c"
        + " ON c.id = o.customer_id AND 100000 / (o.amount - 75) > 0 ORDER BY o.id", List.of("11", "14"));
    String all = String.join("\n", sent);
    assertTrue(all.contains("'EU'"), all);
    assertFalse(all.contains("100000"), "the division must not run in the source: " + all);
  }
}
