package dev.meshkit.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.MeshException;
import dev.meshkit.model.Classification;
import dev.meshkit.model.ColumnModel;
import dev.meshkit.model.Deprecation;
import dev.meshkit.model.DomainModel;
import dev.meshkit.model.Members;
import dev.meshkit.model.ProductDescription;
import dev.meshkit.model.ProductModel;
import dev.meshkit.model.ProductStatus;
import dev.meshkit.model.QualityCheck;
import dev.meshkit.model.Sla;
import dev.meshkit.model.Support;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ODPS-style product fields, column contract fields and domain members, and their load errors. */
class ProductMetadataTest {

  private static final String FULL = """
      name: acme
      domains:
        - name: sales
          owner: sales-team@acme.example
          members: {users: [ann], roles: [sales-dev]}
          products:
            - name: orders
              version: 2.1.0
              status: deprecated
              description: {purpose: "One row per order", usage: "Join on o_orderkey", limitations: "No returns"}
              owner: orders-team@acme.example
              tags: [finance, orders]
              support: [{channel: "#sales-data", tool: slack, url: "https://chat.example/sales"}]
              discoverable: false
              sla: {freshness: 24h, timestampColumn: o_orderdate}
              deprecation: {replacedBy: sales.orders_v3, sunset: 2027-06-30, note: "use v3"}
              sql: SELECT * FROM erp.orders
              columns:
                - {name: o_orderkey, description: "Key", required: true, unique: true, classification: internal, tags: []}
              quality:
                - {metric: rowCount, mustBeGreaterThan: 0}
                - {column: o_orderkey, metric: duplicateValues, mustBe: 0}
                - {column: o_orderstatus, metric: invalidValues, validValues: [F, O, P], mustBe: 0}
                - {column: o_comment, metric: nullValues, mustBeLessOrEqualTo: 0.01, unit: percent}
                - {name: no-future-orders, type: sql, query: "SELECT COUNT(*) FROM ${product} WHERE x", mustBe: 0, severity: error}
            - {name: orders_v3, description: "Orders, third version", sql: SELECT 1}
        - name: finance
          products:
            - {name: budget, sql: SELECT 1}
      """;

  @Test
  void readsEveryProductField() {
    DomainModel sales = parse(FULL).domains().get(0);
    assertEquals(new Members(List.of("ann"), List.of("sales-dev")), sales.members());
    ProductModel orders = sales.products().get(0);
    assertEquals("2.1.0", orders.version());
    assertEquals(ProductStatus.DEPRECATED, orders.status());
    assertEquals(new ProductDescription("One row per order", "Join on o_orderkey", "No returns"), orders.about());
    assertEquals("One row per order", orders.description());
    assertEquals("orders-team@acme.example", orders.owner());
    assertEquals(List.of("finance", "orders"), orders.tags());
    assertEquals(List.of(new Support("#sales-data", "slack", "https://chat.example/sales")), orders.support());
    assertEquals(false, orders.discoverable());
    assertEquals(new Sla(Duration.ofHours(24), "o_orderdate"), orders.sla());
    assertEquals(new Deprecation("sales.orders_v3", LocalDate.of(2027, 6, 30), "use v3"), orders.deprecation());
    ColumnModel key = orders.columns().get(0);
    assertEquals(List.of(true, true, Classification.INTERNAL), List.of(key.required(), key.unique(), key.classification()));

    List<QualityCheck> checks = orders.quality();
    assertEquals(5, checks.size());
    assertEquals(List.of("library", "rowCount", "mustBeGreaterThan", List.of(0.0), "error"), List.of(checks.get(0).type(),
        checks.get(0).metric(), checks.get(0).operator(), checks.get(0).threshold(), checks.get(0).severity()));
    assertEquals(List.of("F", "O", "P"), checks.get(2).validValues());
    assertEquals("percent", checks.get(3).unit());
    QualityCheck sql = checks.get(4);
    assertEquals(List.of("no-future-orders", "sql", "mustBe"), List.of(sql.name(), sql.type(), sql.operator()));
    assertTrue(sql.query().contains("${product}"), "the placeholder is the check's, not the environment's");
  }

  @Test
  void defaults() {
    ProductModel v3 = parse(FULL).domains().get(0).products().get(1);
    assertEquals(ProductStatus.ACTIVE, v3.status());
    assertEquals("sales-team@acme.example", v3.owner(), "the domain owner");
    assertEquals(true, v3.discoverable());
    assertEquals(new ProductDescription("Orders, third version", null, null), v3.about());
    assertNull(v3.version());
    assertEquals(Members.NONE, parse(FULL).domains().get(1).members());
  }

  @Test
  void reportsBadValuesWithFileAndLine() {
    String yaml = """
        name: acme
        domains:
          - name: sales
            members: {users: [ann], teams: [x]}
            products:
              - name: orders
                version: "2.1"
                status: live
                description: {purpose: p, audience: q}
                sla: {freshness: 1 day}
                deprecation: {replacedBy: sales.nothing, sunset: 2027-02-30}
                sql: SELECT 1
                columns:
                  - {name: a, classification: secret}
                quality:
                  - {metric: nullValues, mustBe: 0}
                  - {metric: rowCount, mustBe: 0, mustNotBe: 1}
                  - {metric: rowCount, mustBeBetween: [1]}
        """;
    assertEquals(List.of(
        "mesh.yaml:4: unknown field 'teams' in members of domain 'sales' (accepted: roles, users)",
        "mesh.yaml:7: field 'version' of product 'orders' of domain 'sales' must be a semantic version such as 2.1.0,"
            + " not '2.1'",
        "mesh.yaml:8: field 'status' of product 'orders' of domain 'sales' must be one of proposed, draft, active,"
            + " deprecated, retired, not 'live'",
        "mesh.yaml:9: unknown field 'audience' in description of product 'orders' of domain 'sales'"
            + " (accepted: limitations, purpose, usage)",
        "mesh.yaml:10: field 'freshness' of sla of product 'orders' of domain 'sales' must be a duration such as"
            + " 30m, 24h or 7d (units s, m, h, d, w), not '1 day'",
        "mesh.yaml:11: field 'sunset' of deprecation of product 'orders' of domain 'sales' must be a date written"
            + " yyyy-MM-dd, not '2027-02-30'",
        "mesh.yaml:11: product 'orders' is replaced by 'sales.nothing', which is not a product of this mesh"
            + " (write domain.product)",
        "mesh.yaml:14: field 'classification' of column 'a' of product 'orders' of domain 'sales' must be one of"
            + " public, internal, restricted, confidential, not 'secret'",
        "mesh.yaml:16: quality check #1 of product 'orders' of domain 'sales' needs a 'column' for metric nullValues",
        "mesh.yaml:17: quality check #2 of product 'orders' of domain 'sales' needs exactly one comparison (mustBe,"
            + " mustNotBe, mustBeGreaterThan, mustBeGreaterOrEqualTo, mustBeLessThan, mustBeLessOrEqualTo,"
            + " mustBeBetween, mustNotBeBetween), not mustBe and mustNotBe",
        "mesh.yaml:18: field 'mustBeBetween' of quality check #3 of product 'orders' of domain 'sales' must be a list"
            + " of two numbers, e.g. [0, 100]"),
        fail(yaml).problems());
  }

  @Test
  void replacementsMayPointToAnyDomainInAnyCase() {
    ProductModel p = parse("""
        name: acme
        domains:
          - name: sales
            products:
              - {name: old, status: retired, deprecation: {replacedBy: Finance.Budget}, sql: SELECT 1}
          - name: finance
            products:
              - {name: budget, sql: SELECT 1}
        """).domains().get(0).products().get(0);
    assertEquals("Finance.Budget", p.deprecation().replacedBy());
  }

  private static dev.meshkit.model.MeshModel parse(String yaml) {
    return DescriptorReader.parse(yaml, "mesh.yaml", Path.of("/meshes/acme"), Map.of());
  }

  private static MeshException fail(String yaml) {
    return assertThrows(MeshException.class, () -> DescriptorReader.parse(yaml, "mesh.yaml", Path.of("/meshes/acme"),
        Map.of()));
  }
}
