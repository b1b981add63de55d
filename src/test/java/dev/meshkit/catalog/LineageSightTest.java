package dev.meshkit.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.MeshTesting;
import dev.meshkit.Principal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lineage is derived once per product and shared by every asker, so each asker's sight must be
 * applied on every answer: whoever asks first after the mesh loads (a member who sees the source
 * tables, or a consumer who does not), and however many ask at once, a consumer never sees source
 * tables of a product they may not see inside, nor a product outside their catalog.
 */
class LineageSightTest {

  /** A member of sales: sees its source tables and its draft. */
  static final Principal MIA = Principal.of("mia", "analyst");
  /** Reads every product, but is no member of sales and has no explain grant. */
  static final Principal BERT = Principal.of("bert", "analyst");

  static final String LINEAGE = "SELECT product_name, column_name, input_kind, input_domain, input_name, input_column"
      + " FROM catalog.lineage ORDER BY product_name, column_name, input_kind, input_name, input_column";

  @TempDir
  Path dir;

  private Mesh freshMesh() throws SQLException {
    String name = "sight_" + UUID.randomUUID().toString().replace("-", "");
    String url = MeshTesting.h2(name,
        "CREATE TABLE orders(id INT PRIMARY KEY, customer INT, amount INT)",
        "CREATE TABLE customers(id INT PRIMARY KEY, name VARCHAR(20))");
    return Mesh.fromYaml(MeshTesting.write(dir.resolve(name + ".yaml"), """
        name: acme
        domains:
          - name: sales
            owner: sales@acme.example
            members: {users: [mia]}
            sources:
              - {name: erp, type: jdbc, url: "%s", user: sa}
            products:
              - {name: orders, sql: "SELECT id AS order_id, customer, amount FROM erp.orders"}
              - {name: customers, sql: "SELECT * FROM erp.customers"}
              - {name: plan, status: draft, sql: "SELECT customer, SUM(amount) AS total FROM sales.orders GROUP BY customer"}
              - {name: quiet, discoverable: false, sql: "SELECT id FROM erp.customers"}
          - name: marketing
            owner: marketing@acme.example
            products:
              - {name: segments, sql: "SELECT c.name, o.amount FROM sales.customers c JOIN sales.orders o ON o.customer = c.id"}
        policies:
          - {name: analysts-read, grant: {products: ["sales.orders", "sales.customers", "sales.plan", "marketing.*"],
              roles: [analyst]}}
        """.formatted(url)));
  }

  private static List<String> sql(Mesh mesh, Principal who) throws SQLException {
    try (Connection c = mesh.connect(who)) {
      return MeshTesting.rows(c, LINEAGE);
    }
  }

  /** What bert must never see: a source table of sales, the draft or the product outside his catalog. */
  private static void assertConsumerSight(String answer) {
    assertFalse(answer.contains("erp."), answer);
    assertFalse(answer.contains("ORDERS") || answer.contains("CUSTOMERS"), answer);
    assertFalse(answer.contains("plan"), answer);
    assertFalse(answer.contains("quiet"), answer);
  }

  private static void assertMemberSight(String answer) {
    assertTrue(answer.contains("erp.ORDERS") && answer.contains("erp.CUSTOMERS"), answer);
    assertTrue(answer.contains("plan"), answer);
  }

  @Test
  void theFirstAskerAfterLoadDecidesNothingForTheNext() throws Exception {
    for (int round = 0; round < 4; round++) {
      boolean memberFirst = round % 2 == 0;
      try (Mesh mesh = freshMesh()) {
        List<Principal> order = memberFirst ? List.of(MIA, BERT, MIA, BERT) : List.of(BERT, MIA, BERT, MIA);
        for (Principal who : order) {
          String rows = String.join("\n", sql(mesh, who));
          String mermaid = mesh.catalog().lineage(who, null, "mermaid");
          String focused = mesh.catalog().lineage(who, "sales.orders", "dot");
          if (who == BERT) {
            assertConsumerSight(rows);
            assertConsumerSight(mermaid);
            assertConsumerSight(focused);
            // His catalog still draws what he may see, with the sources as one hidden input.
            assertTrue(rows.contains("orders,amount,hidden,null,null,null"), rows);
            assertTrue(rows.contains("segments,amount,product,sales,orders,amount"), rows);
          } else {
            assertMemberSight(rows);
            assertMemberSight(mermaid);
          }
        }
      }
    }
  }

  @Test
  void manyAskersAtOnceRightAfterLoadEachGetTheirOwnSight() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 4; round++) {
        try (Mesh mesh = freshMesh()) {
          List<Callable<Void>> asks = new ArrayList<>();
          for (int i = 0; i < 16; i++) {
            Principal who = i % 2 == round % 2 ? MIA : BERT;
            boolean bySql = i % 4 < 2;
            asks.add(() -> {
              String answer = bySql ? String.join("\n", sql(mesh, who)) : mesh.catalog().lineage(who, null, "mermaid");
              if (who == BERT) {
                assertConsumerSight(answer);
              } else {
                assertMemberSight(answer);
              }
              return null;
            });
          }
          for (Future<Void> done : pool.invokeAll(asks)) {
            done.get();
          }
          // And afterwards, with every plan and every lineage cached: still each their own.
          assertConsumerSight(String.join("\n", sql(mesh, BERT)));
          assertMemberSight(String.join("\n", sql(mesh, MIA)));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theSameRowsWhetherAskedFirstOrLast() throws Exception {
    List<String> bertFirst;
    List<String> bertAfterMember;
    try (Mesh mesh = freshMesh()) {
      bertFirst = sql(mesh, BERT);
    }
    try (Mesh mesh = freshMesh()) {
      sql(mesh, MIA);
      bertAfterMember = sql(mesh, BERT);
    }
    assertEquals(bertFirst, bertAfterMember);
  }
}
