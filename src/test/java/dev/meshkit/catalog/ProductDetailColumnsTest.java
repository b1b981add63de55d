package dev.meshkit.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.meshkit.Feedback;
import dev.meshkit.Mesh;
import dev.meshkit.MeshException;
import dev.meshkit.MeshTesting;
import dev.meshkit.Principal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The columns of {@code catalog.products} after the feedback summary: the full description and
 * support of each product in the asker's catalog (drafts their members read included), and
 * {@code can_resolve_feedback}, true exactly where {@code mesh.feedback().resolve} succeeds.
 */
class ProductDetailColumnsTest {

  static final Principal MIA = Principal.of("mia", "analyst");
  static final Principal BERT = Principal.of("bert", "analyst");
  static final Principal AUDREY = Principal.of("audrey", "auditor");

  @TempDir
  Path dir;

  private Mesh mesh() throws SQLException {
    String url = MeshTesting.h2("details_" + UUID.randomUUID().toString().replace("-", ""),
        "CREATE TABLE orders(id INT PRIMARY KEY, amount INT)", "INSERT INTO orders VALUES (1, 10)");
    return Mesh.builder().descriptor(MeshTesting.write(dir.resolve("mesh.yaml"), """
        name: acme
        domains:
          - name: sales
            owner: sales@acme.example
            members: {users: [mia]}
            sources:
              - {name: erp, type: jdbc, url: "%s", user: sa}
            products:
              - name: orders
                description: {purpose: One row per order, usage: Join on id, limitations: No returns}
                support: [{channel: "#sales", tool: slack}, {url: "https://help.acme.example"}]
                sql: SELECT * FROM erp.orders
              - name: forecast
                status: draft
                description: {purpose: Next quarter, usage: Planning only, limitations: A guess}
                sql: SELECT * FROM erp.orders
              - {name: plain, description: Just a line, sql: "SELECT id FROM erp.orders"}
          - name: finance
            owner: finance@acme.example
            products:
              - {name: ledger, sql: "SELECT amount FROM sales.orders"}
        policies:
          - {name: analysts-read, grant: {products: ["*"], roles: [analyst]}}
          - {name: auditors-sys, grant: {products: ["*", "sys.*"], roles: [auditor]}}
        """.formatted(url))).metadataStoreInMemory().build();
  }

  private static List<String> rows(Mesh mesh, Principal who, String sql) throws SQLException {
    try (Connection c = mesh.connect(who)) {
      return MeshTesting.rows(c, sql);
    }
  }

  @Test
  void theFullDescriptionAndSupportOfEveryProductInTheAskersCatalog() throws Exception {
    String sql = "SELECT product_name, purpose, usage_notes, limitations, support FROM catalog.products"
        + " ORDER BY domain_name, product_name";
    try (Mesh mesh = mesh()) {
      assertEquals(List.of(
          "ledger,null,null,null,null",
          "forecast,Next quarter,Planning only,A guess,null",
          "orders,One row per order,Join on id,No returns,#sales slack; https://help.acme.example",
          "plain,Just a line,null,null,null"), rows(mesh, MIA, sql));
      // bert's catalog has no draft, so no word of it.
      assertEquals(List.of("ledger", "orders", "plain"), rows(mesh, BERT, sql).stream()
          .map(row -> row.substring(0, row.indexOf(','))).toList());
    }
  }

  @Test
  void canResolveFeedbackIsTrueExactlyWhereResolvingSucceeds() throws Exception {
    try (Mesh mesh = mesh()) {
      String sql = "SELECT domain_name || '.' || product_name, can_resolve_feedback FROM catalog.products"
          + " WHERE product_name IN ('orders', 'ledger') ORDER BY 1";
      assertEquals(List.of("finance.ledger,false", "sales.orders,true"), rows(mesh, MIA, sql));
      assertEquals(List.of("finance.ledger,false", "sales.orders,false"), rows(mesh, BERT, sql));
      assertEquals(List.of("finance.ledger,true", "sales.orders,true"), rows(mesh, AUDREY, sql));
      for (Principal who : List.of(MIA, BERT, AUDREY)) {
        for (String row : rows(mesh, who, sql)) {
          String product = row.substring(0, row.indexOf(','));
          Feedback problem = mesh.feedback().reportProblem(BERT, product, "Looks wrong to " + who.name());
          if (row.endsWith("true")) {
            assertEquals(Feedback.Status.RESOLVED, mesh.feedback().resolve(who, problem.id()).status());
          } else {
            assertThrows(MeshException.class, () -> mesh.feedback().resolve(who, problem.id()), row);
          }
        }
      }
    }
  }
}
