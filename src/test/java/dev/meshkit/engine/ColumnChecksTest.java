package dev.meshkit.engine;

import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.line;
import static dev.meshkit.MeshTesting.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.GovernanceFinding;
import dev.meshkit.Mesh;
import dev.meshkit.MeshException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a product declares about columns must name columns it has, and a reference a column its
 * product has: found once the products validate, with file and line, fatal in strict mode.
 */
class ColumnChecksTest {

  @TempDir
  Path dir;

  static String url;

  @BeforeAll
  static void database() throws SQLException {
    url = h2("declared_columns", "CREATE TABLE ORDERS(ID INT, CUSTOMER_ID INT, AMOUNT INT)",
        "CREATE TABLE CUSTOMERS(ID INT, NAME VARCHAR(10))");
  }

  private String yaml(String strict, String orders, String customers) {
    return """
        name: acme
        %s
        domains:
          - name: sales
            owner: sales@example.com
            sources:
              - {name: erp, type: jdbc, url: "%s", user: sa}
            products:
              - name: orders
                description: Orders
                sql: SELECT * FROM erp.ORDERS
        %s
              - name: customers
                description: Customers
                sql: SELECT * FROM erp.CUSTOMERS
        %s
        """.formatted(strict, url, orders.indent(8).stripTrailing(), customers.indent(8).stripTrailing());
  }

  private static final String WRONG_ORDERS = """
      primaryKey: [id, order_no]
      columns:
        - {name: totl, description: The total}
        - {name: customer_id, references: sales.customers.customer_id}""";

  @Test
  void declarationsAboutMissingColumnsAreFoundWithFileAndLine() {
    String text = yaml("", WRONG_ORDERS, "primaryKey: [id]");
    Path file = write(dir.resolve("mesh.yaml"), text);
    List<String> found;
    try (Mesh mesh = Mesh.fromYaml(file)) {
      found = mesh.governanceFindings().stream().filter(f -> f.rule().equals("declared-columns-exist"))
          .map(GovernanceFinding::toString).toList();
    }
    assertEquals(3, found.size(), found::toString);
    assertTrue(found.get(0).contains(file + ":" + line(text, "{name: totl")), found::toString);
    assertTrue(found.get(0).contains("product sales.orders declares column totl, which it does not have"), found::toString);
    assertTrue(found.get(1).contains("the primaryKey of product sales.orders names column order_no, which it does"
        + " not have (its columns: id, customer_id, amount)"), found::toString);
    assertTrue(found.get(2).contains("column customer_id of product sales.orders references sales.customers.customer_id,"
        + " but product sales.customers has no column customer_id (its columns: id, name)"), found::toString);
  }

  @Test
  void strictModeFailsTheLoad() {
    Path file = write(dir.resolve("mesh.yaml"), yaml("strict: true", WRONG_ORDERS, "primaryKey: [id]"));
    MeshException e = assertThrows(MeshException.class, () -> Mesh.fromYaml(file).close());
    assertTrue(e.getMessage().contains("declared-columns-exist"), e.getMessage());
  }

  @Test
  void rightDeclarationsFindNothing() {
    Path file = write(dir.resolve("mesh.yaml"), yaml("strict: true", """
        primaryKey: [id]
        columns:
          - {name: customer_id, references: sales.customers.id}""", "primaryKey: [id]"));
    try (Mesh mesh = Mesh.fromYaml(file)) {
      assertEquals(List.of(), mesh.governanceFindings().stream()
          .filter(f -> f.rule().equals("declared-columns-exist")).toList());
    }
  }
}
