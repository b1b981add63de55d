package dev.meshkit.cli;

import dev.meshkit.MeshTesting;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/** A small governed mesh for the command-line tests: an H2 database and a CSV folder. */
final class CliMesh {

  private static final AtomicInteger DATABASES = new AtomicInteger();

  private CliMesh() {
  }

  /** Writes {@code mesh.yaml} (and its data) into {@code dir} and returns its path. */
  static Path write(Path dir) throws SQLException {
    String url = MeshTesting.h2("cli_" + DATABASES.incrementAndGet(),
        "CREATE TABLE customer(customer_id INT PRIMARY KEY, name VARCHAR(20), phone VARCHAR(20), nation_id INT)",
        "INSERT INTO customer VALUES (1, 'Ada', '555-0101', 1), (2, 'Bob', '555-0202', 2), (3, 'Cy', NULL, 2)",
        "CREATE TABLE orders(order_id INT PRIMARY KEY, customer_id INT, amount DECIMAL(10,2), note VARCHAR(40))",
        "INSERT INTO orders VALUES (10, 1, 120.50, 'first, with comma'), (11, 2, 80.00, NULL),"
            + " (12, 2, 1500.25, 'say \"hi\"')");
    MeshTesting.write(dir.resolve("data/nation.csv"), "nation_id,name\n1,France\n2,Japan\n");
    return MeshTesting.write(dir.resolve("mesh.yaml"), """
        name: shop
        domains:
          - name: sales
            owner: sales@shop.example
            description: Customers and their orders
            sources:
              - {name: erp, type: jdbc, url: "%s", user: sa}
            products:
              - name: orders
                description: One row per customer order
                tags: [finance]
                sql: SELECT * FROM erp.orders
                quality:
                  - {metric: rowCount, mustBeGreaterThan: 0}
                  - {name: no-big-orders, type: sql, query: "SELECT COUNT(*) FROM ${product} WHERE amount > 1000", mustBe: 0}
              - name: orders_v1
                status: deprecated
                description: The first orders product
                deprecation: {replacedBy: sales.orders, sunset: 2027-06-30}
                sql: SELECT order_id, amount FROM erp.orders
              - name: customer
                description: One row per customer, with contact details
                sql: SELECT * FROM erp.customer
                columns:
                  - {name: phone, description: Contact phone, tags: [pii]}
          - name: reference
            owner: mdm@shop.example
            sources:
              - {name: files, type: csv, path: ./data}
            products:
              - {name: nation, description: Nations of the world, sql: "SELECT * FROM files.nation"}
        principals:
          - {name: ann, roles: [analyst]}
          - {name: cora, roles: [analyst, compliance]}
          - {name: bert, roles: [partner], attributes: {nation: "2"}}
        policies:
          - name: analysts-read-everything
            grant: {products: ["*"], roles: [analyst]}
          - name: partners-read-customers
            grant: {products: ["sales.customer"], roles: [partner]}
          - name: partners-see-their-nation
            rowFilter: {products: ["sales.customer"], roles: [partner], where: "nation_id = :nation"}
          - name: pii-last-four
            mask: {tags: [pii], exceptRoles: [compliance], with: last4}
        """.formatted(url));
  }
}
