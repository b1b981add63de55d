package dev.meshkit.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.MeshChange;
import dev.meshkit.MeshTesting;
import dev.meshkit.Principal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload keeps the contracts of active products: a breaking change needs a major version, a
 * compatible one a minor version (else it loads with a warning), and a product becomes active
 * only once its error-level quality checks pass on the new version.
 */
class ContractChangesTest {

  private static final Principal ANN = Principal.of("ann", "analyst");

  @TempDir
  Path dir;
  private Path file;
  private String url;

  @BeforeEach
  void database() throws SQLException {
    file = dir.resolve("mesh.yaml");
    url = MeshTesting.h2("contract_" + UUID.randomUUID().toString().replace("-", ""),
        "CREATE TABLE orders(id INT PRIMARY KEY, amount DECIMAL(10,2), note VARCHAR(20))",
        "INSERT INTO orders VALUES (1, 5.00, 'a'), (2, -1.00, NULL)");
  }

  private void write(String version, String status, String sql, String quality) {
    MeshTesting.write(file, """
        name: contracts
        principals:
          - {name: ann, roles: [analyst]}
        policies:
          - name: analysts-read-all
            grant: {products: ["*"], roles: [analyst]}
        domains:
          - name: sales
            owner: sales-team
            sources:
              - {name: db, type: jdbc, url: "%s", user: sa}
            products:
              - name: orders
                description: Orders
                version: %s
                status: %s
                sql: %s
                quality: %s
        """.formatted(url, version, status, sql, quality));
  }

  @Test
  void aBreakingChangeIsRefusedUntilItsMajorVersion() throws Exception {
    write("1.0.0", "active", "SELECT id, amount FROM db.orders", "[]");
    try (Mesh mesh = Mesh.fromYaml(file); Connection c = mesh.connect(ANN)) {
      write("1.1.0", "active", "SELECT id FROM db.orders", "[]");
      MeshChange refused = mesh.reload();
      assertFalse(refused.accepted(), refused.toString());
      String problem = String.join("\n", refused.problems());
      assertTrue(problem.contains("sales.orders") && problem.contains("amount") && problem.contains("1.0.0")
          && problem.contains("1.1.0"), problem);
      assertEquals(2, count(c, "SELECT COUNT(amount) FROM sales.orders"), "the old version serves on");

      write("2.0.0", "active", "SELECT id FROM db.orders", "[]");
      MeshChange accepted = mesh.reload();
      assertTrue(accepted.accepted(), accepted.toString());
      SQLException gone = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
          () -> count(c, "SELECT COUNT(amount) FROM sales.orders"));
      assertTrue(gone.getMessage().contains("amount"), gone.getMessage());
      assertEquals(2, mesh.changes().size());
    }
  }

  @Test
  void aCompatibleChangeWithoutAMinorVersionLoadsWithAWarning() throws Exception {
    write("1.0.0", "active", "SELECT id FROM db.orders", "[]");
    try (Mesh mesh = Mesh.fromYaml(file); Connection c = mesh.connect(ANN)) {
      write("1.0.1", "active", "SELECT id, note FROM db.orders", "[]");
      MeshChange change = mesh.reload();
      assertTrue(change.accepted(), change.toString());
      assertEquals(1, change.problems().size(), change.problems().toString());
      assertTrue(change.problems().get(0).contains("note"), change.problems().get(0));
      assertEquals(1, count(c, "SELECT COUNT(note) FROM sales.orders"));
    }
  }

  @Test
  void aProductBecomesActiveOnlyWhenItsErrorLevelChecksPass() throws Exception {
    String noNegative = "[{name: no-negative, type: sql, query: \"SELECT COUNT(*) FROM ${product} WHERE amount < 0\","
        + " mustBe: 0, severity: error}]";
    write("0.9.0", "draft", "SELECT id, amount FROM db.orders", noNegative);
    try (Mesh mesh = Mesh.fromYaml(file)) {
      write("1.0.0", "active", "SELECT id, amount FROM db.orders", noNegative);
      MeshChange refused = mesh.reload();
      assertFalse(refused.accepted(), refused.toString());
      assertTrue(String.join("\n", refused.problems()).contains("no-negative"), refused.problems().toString());

      write("1.0.0", "active", "SELECT id, amount FROM db.orders WHERE amount >= 0", noNegative);
      MeshChange accepted = mesh.reload();
      assertTrue(accepted.accepted(), accepted.toString());
    }
  }

  private static int count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
