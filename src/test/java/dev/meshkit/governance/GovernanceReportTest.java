package dev.meshkit.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshkit.GovernanceReport;
import dev.meshkit.Mesh;
import dev.meshkit.MeshTesting;
import dev.meshkit.Principal;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Mesh.report()}: each section, as JSON and as Markdown. */
class GovernanceReportTest {

  @TempDir
  Path dir;

  private Mesh mesh(String db) throws Exception {
    String url = MeshTesting.h2(db,
        "CREATE TABLE orders(id INT PRIMARY KEY, email VARCHAR(20), amount INT)",
        "INSERT INTO orders VALUES (1, 'a@x', 10), (2, 'b@x', -5)");
    return Mesh.fromYaml(MeshTesting.write(dir.resolve("mesh.yaml"), """
        name: acme
        domains:
          - name: sales
            owner: ann@acme.example
            sources:
              - {name: erp, type: jdbc, url: "%s", user: sa}
            products:
              - name: orders
                description: Every order
                sql: SELECT * FROM erp.orders
                columns:
                  - {name: id, description: Order id, classification: internal}
                  - {name: email, description: Buyer email, classification: confidential, tags: [pii]}
                quality:
                  - {name: no-negatives, type: sql, query: "SELECT COUNT(*) FROM ${product} WHERE amount < 0", mustBe: 0}
              - name: orders_v1
                description: Old orders
                status: deprecated
                deprecation: {replacedBy: sales.orders, sunset: 2027-06-30}
                sql: SELECT id FROM erp.orders
              - {name: totals, sql: "SELECT SUM(amount) AS total FROM erp.orders"}
        policies:
          - {name: analysts-read, grant: {products: ["sales.orders", "sales.orders_v1"], roles: [analyst]}}
          - {name: no-interns, deny: {products: ["sales.*"], roles: [intern]}}
        """.formatted(url)));
  }

  @Test
  void reportsEachSectionAsJsonAndMarkdown() throws Exception {
    try (Mesh mesh = mesh("report_sections")) {
      try (Connection c = mesh.connect(Principal.of("ana", "analyst"))) {
        c.createStatement().executeQuery("SELECT * FROM sales.orders_v1").close();
      }
      mesh.quality().runAll();
      GovernanceReport report = mesh.report();
      JsonNode json = new ObjectMapper().readTree(report.toJson());

      assertEquals(List.of("mesh", "generatedAt", "unusedDays", "missingMetadata", "unmaskedPii", "deprecatedInUse",
          "failingChecks", "unused", "policyCoverage", "lowestRated", "openProblems"), fieldNames(json));
      assertEquals(0, json.get("lowestRated").size());
      assertEquals(30, json.get("unusedDays").asInt());
      assertEquals("product sales.totals", json.at("/missingMetadata/0/subject").asText());
      assertEquals("description", json.at("/missingMetadata/0/missing/0").asText());
      assertEquals("sales.orders.email", json.at("/unmaskedPii/0").asText());

      JsonNode deprecated = json.at("/deprecatedInUse/0");
      assertEquals("sales.orders_v1", deprecated.get("product").asText());
      assertEquals("sales.orders", deprecated.get("replacedBy").asText());
      assertEquals(1, deprecated.get("queries").asInt());
      assertEquals("ana", deprecated.at("/consumers/0").asText());

      assertEquals(1, json.get("failingChecks").size());
      assertEquals("no-negatives", json.at("/failingChecks/0/check").asText());
      assertEquals("failed", json.at("/failingChecks/0/status").asText());

      // orders_v1 was read; orders only by the quality run, which is not a consumer read.
      assertEquals(List.of("sales.orders", "sales.totals"), texts(json.get("unused"), "product"));
      assertTrue(json.at("/unused/0/lastUsed").isNull());

      JsonNode sales = json.at("/policyCoverage/0");
      assertEquals("sales", sales.get("domain").asText());
      JsonNode orders = sales.at("/products/0");
      assertEquals("orders", orders.get("product").asText());
      assertEquals(1, orders.get("grant").asInt());
      assertEquals(1, orders.get("deny").asInt());
      assertEquals(0, orders.get("mask").asInt());
      assertEquals("totals", sales.at("/ungranted/0").asText());

      String md = report.toMarkdown();
      for (String heading : List.of("# Governance report: acme", "## Missing metadata", "## PII columns without a mask",
          "## Deprecated products in use", "## Failing quality checks", "## Unused products", "## Policy coverage",
          "### sales", "## Lowest-rated products", "## Open problems")) {
        assertTrue(md.contains("\n" + heading + "\n") || md.startsWith(heading), heading + " in\n" + md);
      }
      assertTrue(md.contains("| product sales.totals | description |"), md);
      assertTrue(md.contains("| sales.orders.email |"), md);
      assertTrue(md.contains("| sales.orders_v1 | sales.orders | 2027-06-30 | 1 |"), md);
      assertTrue(md.contains("| sales.orders | no-negatives | failed | 1.0 | = 0 | error |"), md);
      assertTrue(md.contains("| sales.totals | never |"), md);
      assertTrue(md.contains("| orders | 1 | 1 | 0 | 0 |"), md);
      assertTrue(md.contains("No grant covers: totals"), md);
    }
  }

  @Test
  void aShortPeriodMakesRecentReadsUnused() throws Exception {
    try (Mesh mesh = mesh("report_period")) {
      try (Connection c = mesh.connect(Principal.of("ana", "analyst"))) {
        c.createStatement().executeQuery("SELECT * FROM sales.orders").close();
      }
      Thread.sleep(5);
      List<String> unused = mesh.report(Duration.ZERO).unused().stream().map(GovernanceReport.Unused::product).toList();
      assertEquals(List.of("sales.orders", "sales.orders_v1", "sales.totals"), unused);
      assertEquals(List.of("sales.orders_v1", "sales.totals"),
          mesh.report().unused().stream().map(GovernanceReport.Unused::product).toList());
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> values = new ArrayList<>();
    array.forEach(n -> values.add(n.get(field).asText()));
    return values;
  }
}
