package dev.meshkit.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.MeshTesting;
import dev.meshkit.Principal;
import dev.meshkit.QualityResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quality checks run on demand, shown in {@code catalog.quality} and rolled up in {@code catalog.products}. */
class QualityTest {

  static final Principal ANA = Principal.of("ana", "analyst");
  /** Reads every product whole, with no row filter and no mask. */
  static final Principal STEWARD = Principal.of("stu", "steward");

  @TempDir
  Path dir;

  private Mesh mesh(String db) throws SQLException {
    return Mesh.fromYaml(descriptor(db));
  }

  private Path descriptor(String db) throws SQLException {
    String url = MeshTesting.h2(db,
        "CREATE TABLE orders(id INT PRIMARY KEY, customer INT, status VARCHAR(10), email VARCHAR(20), amount INT,"
            + " region VARCHAR(2), updated_at TIMESTAMP)",
        "INSERT INTO orders VALUES (1, 1, 'open', 'a@x', 10, 'EU', CURRENT_TIMESTAMP),"
            + " (2, 1, 'closed', 'b@x', 20, 'EU', CURRENT_TIMESTAMP),"
            + " (3, 2, 'open', NULL, 30, 'US', CURRENT_TIMESTAMP), (4, 3, 'open', 'd@x', 40, 'US', CURRENT_TIMESTAMP)",
        "CREATE TABLE archive(id INT, state VARCHAR(10), at TIMESTAMP)",
        "INSERT INTO archive VALUES (1, 'open', TIMESTAMP '2020-01-01 00:00:00'), (2, 'lost', NULL)");
    return MeshTesting.write(dir.resolve("mesh.yaml"), """
        name: acme
        domains:
          - name: sales
            sources:
              - {name: erp, type: jdbc, url: "%s", user: sa}
            products:
              - name: orders
                sql: SELECT * FROM erp.orders
                sla: {freshness: 24h, timestampColumn: updated_at}
                quality:
                  - {name: all-rows, metric: rowCount, mustBe: 4}
                  - {metric: duplicateValues, column: customer, mustBe: 0, severity: warning}
                  - {metric: duplicateValues, column: id, mustBe: 0}
                  - {metric: invalidValues, column: status, validValues: [open, closed], mustBe: 0}
                  - {metric: nullValues, column: email, unit: percent, mustBeLessOrEqualTo: 25}
                  - {metric: nullValues, column: email, mustBe: 0, severity: info}
                  - {name: no-negatives, type: sql, query: "SELECT COUNT(*) FROM ${product} WHERE amount < 0", mustBe: 0}
                  - {metric: rowCount, mustBeBetween: [1, 10]}
              - name: archive
                sql: SELECT * FROM erp.archive
                sla: {freshness: 1h, timestampColumn: at}
                quality:
                  - {metric: invalidValues, column: state, validValues: [open], mustBe: 0}
                  - {metric: rowCount, mustBeGreaterThan: 1}
              - name: broken
                sql: SELECT id FROM erp.orders
                quality:
                  - {type: sql, query: "SELECT COUNT(nope) FROM ${product}", mustBe: 0, severity: warning}
              - {name: unchecked, sql: SELECT id FROM erp.orders}
        policies:
          - {name: analysts-read, grant: {products: ["sales.orders", "sales.broken", "sales.unchecked"], roles: [analyst]}}
          - {name: stewards-read, grant: {products: ["sales.*"], roles: [steward]}}
          - {name: eu-only, rowFilter: {products: ["sales.orders"], roles: [analyst], where: "region = 'EU'"}}
        """.formatted(url));
  }

  @Test
  void runsEachMetricAndComparison() throws Exception {
    try (Mesh mesh = mesh("quality_run")) {
      assertEquals(List.of(), mesh.quality().latest("sales.orders"));
      List<QualityResult> results = mesh.quality().run("sales.orders");
      // The row filter does not apply: the checks see all four rows.
      assertEquals("""
          all-rows,rowCount,null,passed,4.0,= 4,error
          duplicateValues.customer,duplicateValues,customer,failed,1.0,= 0,warning
          duplicateValues.id,duplicateValues,id,passed,0.0,= 0,error
          invalidValues.status,invalidValues,status,passed,0.0,= 0,error
          nullValues.email,nullValues,email,passed,25.0,<= 25%,error
          nullValues.email,nullValues,email,failed,1.0,= 0,info
          no-negatives,sql,null,passed,0.0,= 0,error
          rowCount,rowCount,null,passed,4.0,between 1 and 10,error
          freshness,freshness,updated_at,passed""", results.stream().map(r -> r.checkName() + "," + r.metric() + ","
          + r.column() + "," + r.status() + (r.metric().equals("freshness") ? "" : "," + r.observed() + ","
          + r.expected() + "," + r.severity())).collect(Collectors.joining("\n")));
      assertEquals(results, mesh.quality().latest("SALES.ORDERS"));
      assertThrows(IllegalArgumentException.class, () -> mesh.quality().run("sales.nothing"));
    }
  }

  @Test
  void checksArePushedDownToTheSource() throws Exception {
    List<String> executed = new ArrayList<>();
    try (Mesh mesh = Mesh.builder().descriptor(descriptor("quality_pushdown"))
        .sourceListener((domain, source, sql, rows) -> executed.add(rows + ":" + sql.replaceAll("\\s+", " ")))
        .build()) {
      mesh.quality().run("sales.orders");
    }
    // Every statement the source ran returned one row: the counting happened there.
    assertTrue(executed.stream().allMatch(sql -> sql.startsWith("1:")), executed.toString());
    assertTrue(executed.stream().anyMatch(sql -> sql.contains("COUNT(DISTINCT")), executed.toString());
    assertTrue(executed.stream().anyMatch(sql -> sql.contains("MAX(")), executed.toString());
  }

  @Test
  void freshnessFailsOnOldDataAndErrorsAreResults() throws Exception {
    try (Mesh mesh = mesh("quality_stale")) {
      List<QualityResult> archive = mesh.quality().run("sales.archive");
      assertEquals(List.of("failed", "passed", "failed"), archive.stream().map(QualityResult::status).toList());
      QualityResult freshness = archive.get(2);
      assertEquals(">= now - 1h", freshness.expected());
      assertTrue(((String) freshness.observed()).startsWith("20"), freshness.observed().toString());
      QualityResult broken = mesh.quality().run("sales.broken").get(0);
      assertEquals("error", broken.status());
      assertTrue(broken.observed().toString().toLowerCase().contains("nope"), broken.observed().toString());
    }
  }

  @Test
  void catalogShowsResultsAndRollsThemUp() throws Exception {
    try (Mesh mesh = mesh("quality_catalog")) {
      String status = "SELECT product_name, quality_status, last_quality_check IS NOT NULL FROM catalog.products"
          + " ORDER BY product_name";
      try (Connection c = mesh.connect(ANA)) {
        assertEquals(List.of("archive,unknown,false", "broken,unknown,false", "orders,unknown,false",
            "unchecked,unknown,false"), MeshTesting.rows(c, status));
        assertEquals(List.of(), MeshTesting.rows(c, "SELECT * FROM catalog.quality"));
      }
      assertEquals(List.of("sales.orders", "sales.archive", "sales.broken", "sales.unchecked"),
          mesh.quality().products());
      assertEquals(13, mesh.quality().runAll().size());
      try (Connection c = mesh.connect(ANA)) {
        // Stale archive fails an error check; broken errors at warning severity; orders fails only lesser checks.
        assertEquals(List.of("archive,failing,true", "broken,warning,true", "orders,warning,true",
            "unchecked,unknown,false"), MeshTesting.rows(c, status));
        // Ana's row filter hides half of orders, so what was measured from all of it stays hidden.
        assertEquals(List.of(
            "sales,orders,all-rows,rowCount,null,passed,null,= 4,error",
            "sales,orders,duplicateValues.customer,duplicateValues,customer,failed,null,= 0,warning"),
            MeshTesting.rows(c, ORDERS_QUALITY));
        assertEquals(List.of("freshness,passed,true"), MeshTesting.rows(c, "SELECT check_name, status,"
            + " checked_at IS NOT NULL FROM catalog.quality WHERE product_name = 'orders' AND metric = 'freshness'"));
        // Ana may find the archive but not read it, so what was measured from its data stays hidden.
        assertEquals(List.of("rowCount,null", "freshness,null"), MeshTesting.rows(c, "SELECT check_name, observed"
            + " FROM catalog.quality WHERE product_name = 'archive' AND status = 'passed' OR check_name = 'freshness'"
            + " AND product_name = 'archive'"));
      }
      try (Connection c = mesh.connect(STEWARD)) {
        assertEquals(List.of(
            "sales,orders,all-rows,rowCount,null,passed,4,= 4,error",
            "sales,orders,duplicateValues.customer,duplicateValues,customer,failed,1,= 0,warning"),
            MeshTesting.rows(c, ORDERS_QUALITY));
      }
    }
  }

  /**
   * A check that fails on the product's values reports a sentence in its result, which
   * catalog.quality shows to consumers: the product (and source, when it failed), not the value or
   * the source's SQL.
   */
  @Test
  void aCheckFailingOnValuesReportsASentenceNotTheValue() throws Exception {
    String url = MeshTesting.h2("quality_values", "CREATE TABLE hidden_codes(id INT, hidden_code VARCHAR(20))",
        "INSERT INTO hidden_codes VALUES (1, 'SECRET-1234')");
    Path descriptor = MeshTesting.write(dir.resolve("values.yaml"), """
        name: acme
        domains:
          - name: sales
            sources:
              - {name: erp, type: jdbc, url: "%s", user: sa}
            products:
              - name: codes
                sql: SELECT id, hidden_code AS code FROM erp.hidden_codes
                quality:
                  - {type: sql, query: "SELECT SUM(CAST(code AS INTEGER)) FROM ${product}", mustBe: 0}
        """.formatted(url));
    try (Mesh mesh = Mesh.fromYaml(descriptor)) {
      QualityResult result = mesh.quality().run("sales.codes").get(0);
      assertEquals("error", result.status());
      // A cast of text runs in meshkit whatever the source (docs/sql.md), so meshkit reports it.
      assertEquals("statement failed while reading data product sales.codes:"
          + " invalid character value for cast (SQLState 22018)", result.observed());
    }
  }

  private static final String ORDERS_QUALITY = "SELECT domain_name, product_name, check_name, metric, column_name,"
      + " status, observed, expected, severity FROM catalog.quality WHERE product_name = 'orders'"
      + " AND check_name IN ('all-rows', 'duplicateValues.customer') ORDER BY check_name";
}
