package dev.meshkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.CatalogHit;
import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import dev.meshkit.QualityResult;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The catalog's Java API as docs/catalog.md shows it, run on the example mesh. */
class CatalogSnippetsTest {

  private static Mesh mesh;

  @BeforeAll
  static void load() {
    mesh = Mesh.fromYaml(Path.of("examples/acme/mesh.yaml"));
  }

  @AfterAll
  static void close() {
    mesh.close();
  }

  @Test
  void search() {
    // snippet:catalog-search
    List<CatalogHit> hits = mesh.catalog().search("customer churn");   // product, score, description
    // end:catalog-search
    assertEquals(List.of("sales.customer", "sales.orders", "sales.revenue_by_nation"),
        hits.stream().map(CatalogHit::product).toList());
    assertEquals(4.0, hits.get(0).score());
  }

  @Test
  void lineage() {
    // snippet:catalog-lineage
    String mermaid = mesh.catalog().lineage(null, "mermaid");                  // whole mesh, flowchart LR
    String dot = mesh.catalog().lineage("sales.revenue_by_nation", "dot");     // its upstream and downstream
    // end:catalog-lineage
    assertTrue(mermaid.startsWith("flowchart LR"), mermaid);
    assertTrue(mermaid.contains("s_reference_files_nation --> p_reference_nation"), mermaid);
    assertTrue(dot.startsWith("digraph lineage {"), dot);
    assertTrue(dot.contains("p_sales_orders -> p_sales_revenue_by_nation"), dot);
  }

  @Test
  void lineageForAPrincipal() {
    // snippet:catalog-lineage-principal
    Principal bert = mesh.principal("bert").orElseThrow();
    String asBert = mesh.catalog().lineage(bert, null, "mermaid");   // bert's catalog; what he may not see is (hidden)
    // end:catalog-lineage-principal
    assertTrue(asBert.contains("p_sales_orders --> p_sales_revenue_by_nation"), asBert);
    assertTrue(asBert.contains("h_sales_customer(\"(hidden)\")"), asBert);
    assertTrue(asBert.contains("h_sales_customer --> p_sales_customer"), asBert);
    assertFalse(asBert.contains("erp.") || asBert.contains("files."), asBert);
  }

  @Test
  void contracts() {
    // snippet:catalog-contract
    String contract = mesh.catalog().exportContract("sales.orders");             // ODCS v3.1 YAML
    String edited = contract.replace("version: 2.0.0", "version: 2.1.0");
    String entry = mesh.catalog().importContract("sales.orders", edited);         // descriptor YAML to paste
    // end:catalog-contract
    assertTrue(contract.contains("kind: DataContract"), contract);
    assertTrue(contract.contains("id: sales.orders"), contract);
    assertTrue(entry.startsWith("name: orders\n"), entry);
    assertTrue(entry.contains("version: 2.1.0"), entry);
  }

  @Test
  void quality() {
    // snippet:catalog-quality
    List<QualityResult> results = mesh.quality().run("sales.orders");   // or runAll()
    // end:catalog-quality
    assertEquals(List.of("rowCount", "duplicateValues.order_id", "no-negative-amounts", "freshness"),
        results.stream().map(QualityResult::checkName).toList());
    assertTrue(results.stream().noneMatch(QualityResult::failedOrError), results::toString);
  }
}
