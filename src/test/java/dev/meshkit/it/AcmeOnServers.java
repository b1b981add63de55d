package dev.meshkit.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The example mesh (examples/acme) with its data on the real servers, for the Trino export: sales
 * in PostgreSQL (schema {@code meshkit_acme}), reference in MariaDB (database {@code meshkit_acme}).
 * Its principals and policies are the example's, with more partners whose attribute values differ
 * or are missing, a principal no policy grants anything, and masks of each kind Trino can state.
 */
final class AcmeOnServers {

  static final String SCHEMA = "meshkit_acme";

  /** Every declared principal, each of whom the conformance test runs the same queries as. */
  static final String[] PRINCIPALS = {"ann", "cora", "bert", "dana", "eve", "mallory"};

  private AcmeOnServers() {
  }

  /** Loads the tables (again) and writes {@code mesh.yaml} into {@code dir}. */
  static Path write(Path dir) throws SQLException, IOException {
    try (Connection pg = Servers.postgres()) {
      Servers.execute(pg, "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE", "CREATE SCHEMA " + SCHEMA,
          "CREATE TABLE " + SCHEMA + ".customer(customer_id INT PRIMARY KEY, name VARCHAR(40), nation_id INT,"
              + " phone VARCHAR(20))",
          "CREATE TABLE " + SCHEMA + ".orders(order_id INT PRIMARY KEY, customer_id INT, order_date DATE,"
              + " amount DECIMAL(10,2))",
          "INSERT INTO " + SCHEMA + ".customer VALUES (1, 'Ann Arbor', 1, '+33 1 5550 1234'),"
              + " (2, 'Bert Brandt', 2, '+49 30 5550 7788'), (3, 'Chie Chiba', 3, '+81 3 5550 4321'),"
              + " (4, 'Dora Dias', 4, '+55 11 5550 9876'), (5, 'Emil Ernst', 2, '+49 89 5550 2468'),"
              + " (6, 'Fay', 4, '123'), (7, 'Gil O''Neil', 1, NULL)",
          "INSERT INTO " + SCHEMA + ".orders VALUES (100, 1, DATE '2026-01-05', 120.50),"
              + " (101, 1, DATE '2026-02-11', 35.00), (102, 2, DATE '2026-02-14', 410.00),"
              + " (103, 3, DATE '2026-03-01', 89.90), (104, 4, DATE '2026-03-09', 15.25),"
              + " (105, 5, DATE '2026-03-15', 250.00), (106, 2, DATE '2026-04-02', 60.00),"
              + " (107, 6, NULL, 5.00), (108, 3, DATE '2026-05-01', 10.00), (109, 3, DATE '2026-05-02', 10.01)");
    }
    try (Connection maria = Servers.mariadb()) {
      Servers.execute(maria, "DROP DATABASE IF EXISTS " + SCHEMA, "CREATE DATABASE " + SCHEMA,
          "CREATE TABLE " + SCHEMA + ".nation(nation_id INT PRIMARY KEY, name VARCHAR(20), region VARCHAR(20))",
          "INSERT INTO " + SCHEMA + ".nation VALUES (1, 'France', 'Europe'), (2, 'Germany', 'Europe'),"
              + " (3, 'Japan', 'Asia'), (4, 'Brazil', 'America')");
    }
    Path descriptor = dir.resolve("mesh.yaml");
    Files.writeString(descriptor, """
        name: acme
        description: The example mesh, its data on PostgreSQL and MariaDB
        domains:
          - name: sales
            owner: sales-team@acme.example
            description: Customers, orders and their line items
            sources:
              - {name: erp, type: jdbc, url: "%1$s", user: %2$s, password: "", schema: %5$s}
            products:
              - name: orders
                version: 2.0.0
                status: active
                description: {purpose: One row per customer order, usage: Revenue and order analytics}
                tags: [finance, orders]
                sql: SELECT * FROM erp.orders
                columns:
                  - {name: order_id, description: "Order number, the customer's reference", required: true, unique: true}
                  - {name: customer_id, references: sales.customer.customer_id}
                  - {name: amount, description: Order total in EUR, classification: internal}
                quality:
                  - {metric: rowCount, mustBeGreaterThan: 0}
              - name: orders_v1
                version: 1.4.0
                status: deprecated
                description: The first orders product, without dates
                deprecation: {replacedBy: sales.orders, sunset: 2027-06-30}
                sql: SELECT order_id, customer_id, amount FROM erp.orders
              - name: customer
                description: One row per customer
                sql: SELECT * FROM erp.customer
                primaryKey: [customer_id]
                columns:
                  - {name: nation_id, references: reference.nation.nation_id}
                  - {name: phone, description: Contact phone, tags: [pii]}
              - name: order_stats
                description: Average and share of order amounts per customer, as meshkit computes them
                sql: |
                  SELECT customer_id, AVG(amount) AS avg_amount, AVG(order_id) AS avg_order,
                    SUM(amount) / 3 AS third, COUNT(*) / 2 AS half_count
                  FROM erp.orders GROUP BY customer_id
              - name: revenue_by_nation
                description: Order revenue per customer nation, built on other products
                sql: |
                  SELECT n.name AS nation, COUNT(*) AS orders, SUM(o.amount) AS revenue
                  FROM sales.orders o
                  JOIN sales.customer c ON c.customer_id = o.customer_id
                  JOIN reference.nation n ON n.nation_id = c.nation_id
                  WHERE o.amount > 10 AND n.name <> 'Atlantis'
                  GROUP BY n.name
          - name: reference
            owner: mdm@acme.example
            description: Master data shared by every domain
            sources:
              - {name: mdm, type: jdbc, url: "%3$s", user: %4$s, password: "", catalog: %5$s}
            products:
              - {name: nation, description: ISO nations, sql: "SELECT * FROM mdm.nation", primaryKey: [nation_id]}
        principals:
          - {name: ann, roles: [analyst]}
          - {name: cora, roles: [analyst, compliance]}
          - {name: bert, roles: [partner], attributes: {nation: "2", limit: "300"}}
          - {name: dana, roles: [partner], attributes: {nation: "4", limit: "100"}}
          - {name: eve, roles: [partner]}
          - {name: mallory, roles: [visitor]}
        policies:
          - name: analysts-read-everything
            grant: {products: ["*"], roles: [analyst]}
          - name: partners-read-customers-and-orders
            grant: {products: ["sales.customer", "sales.orders"], roles: [partner]}
          - name: partners-see-their-nation
            rowFilter: {products: ["sales.customer"], roles: [partner], where: "nation_id = :nation"}
          - name: partners-see-small-orders
            rowFilter: {products: ["sales.orders"], roles: [partner], where: "amount <= :limit AND customer_id <> 99"}
          - name: pii-last-four
            mask: {tags: [pii], exceptRoles: [compliance], with: last4}
          - name: partners-see-no-names
            mask: {products: ["sales.customer"], columns: [name], roles: [partner], with: redact}
          - name: partners-see-years
            mask: {products: ["sales.orders"], columns: [order_date], roles: [partner], with: year}
        """.formatted(Servers.PG_URL, Servers.PG_USER, "jdbc:mariadb://127.0.0.1:3306/" + SCHEMA,
        Servers.MARIADB_USER, SCHEMA));
    return descriptor;
  }
}
