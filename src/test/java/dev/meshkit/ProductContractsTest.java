package dev.meshkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshkit.ProductContract.Column;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Mesh#contracts()} and {@link Mesh#policies()}: what contracts compare, read from a loaded mesh. */
class ProductContractsTest {

  @TempDir
  Path dir;

  @Test
  void eachProductPublishesItsColumnsVersionStatusAndStandardErrors() throws Exception {
    String url = MeshTesting.h2("product_contracts",
        "CREATE TABLE orders(order_id INT PRIMARY KEY, amount DECIMAL(10,2), note VARCHAR(40) NOT NULL)");
    Path descriptor = MeshTesting.write(dir.resolve("mesh.yaml"), """
        name: shop
        include: [domains/sales.yaml]
        policies:
          - {name: analysts-read, grant: {products: ["*"], roles: [analyst], exceptUsers: [eve], explain: true}}
          - {name: pii-masked, mask: {tags: [pii], with: last4}}
        """);
    Path sales = MeshTesting.write(dir.resolve("domains/sales.yaml"), """
        name: sales
        owner: sales@shop.example
        sources:
          - {name: erp, type: jdbc, url: "%s", user: sa}
        products:
          - name: orders
            version: 1.2.0
            description: One row per order
            sql: SELECT * FROM erp.orders
            columns:
              - {name: order_id, required: true, unique: true}
          - {name: drafts, status: draft, sql: "SELECT order_id FROM erp.orders"}
        policies:
          - {name: partners-nation, rowFilter: {products: [sales.orders], roles: [partner], where: "amount > :floor"}}
        """.formatted(url));
    try (Mesh mesh = Mesh.fromYaml(descriptor)) {
      assertEquals(List.of(
          new ProductContract("sales.orders", "1.2.0", "active", sales + ":6", List.of(
              new Column("order_id", "INTEGER", false, true, true),
              new Column("amount", "DECIMAL(10, 2)", true, false, false),
              new Column("note", "VARCHAR(40)", false, false, false)), List.of()),
          new ProductContract("sales.drafts", null, "draft", sales + ":12", List.of(
              new Column("order_id", "INTEGER", false, false, false)),
              List.of("product-has-description: product sales.drafts has no description"))),
          mesh.contracts());
      assertEquals(Map.of(
          "analysts-read", "grant products [*] for roles [analyst] except users [eve], with explain",
          "pii-masked", "mask tags [pii] with last4 for everyone",
          "partners-nation", "rowFilter products [sales.orders] where amount > :floor for roles [partner]"),
          mesh.policies());
    }
  }
}
