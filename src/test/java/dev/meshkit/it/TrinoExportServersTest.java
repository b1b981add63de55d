package dev.meshkit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshkit.Mesh;
import dev.meshkit.MeshException;
import dev.meshkit.TrinoExport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Trino export of the example mesh on PostgreSQL and MariaDB: what it writes, read as text. */
@Tag("integration")
class TrinoExportServersTest {

  @TempDir
  static Path dir;
  private static TrinoExport export;

  @BeforeAll
  static void export() throws Exception {
    Servers.requirePostgres();
    Servers.requireMariaDb();
    try (Mesh mesh = Mesh.fromYaml(AcmeOnServers.write(dir))) {
      export = mesh.exportTrino(dir.resolve("trino"));
    }
  }

  private static String file(String name) throws Exception {
    return Files.readString(dir.resolve("trino").resolve(name));
  }

  @Test
  void catalogsReferenceCredentialsThroughTheEnvironment() throws Exception {
    assertEquals(List.of("MESHKIT_SALES_ERP_USER", "MESHKIT_SALES_ERP_PASSWORD", "MESHKIT_REFERENCE_MDM_USER",
        "MESHKIT_REFERENCE_MDM_PASSWORD"), export.environment());
    assertTrue(file("etc/catalog/sales_erp.properties").contains("connector.name=postgresql\n"));
    assertTrue(file("etc/catalog/reference_mdm.properties").contains("connection-url=jdbc:mariadb://127.0.0.1:3306\n"));
    assertEquals(List.of(), export.skipped());
  }

  @Test
  void productsBecomeViewsOverTheSourceCatalogsAndOtherViews() throws Exception {
    String init = file("init.sql");
    assertTrue(init.contains("FROM \"sales_erp\".\"meshkit_acme\".\"orders\" AS \"orders\""), init);
    assertTrue(init.contains("FROM \"acme\".\"sales\".\"orders\" AS \"o\""), init);
    assertTrue(init.contains("COMMENT ON COLUMN \"acme\".\"sales\".\"orders\".\"order_id\" IS 'Order number, the"
        + " customer''s reference';"), init);
    // Views are created after the views they read.
    assertTrue(init.indexOf("VIEW \"acme\".\"reference\".\"nation\"") < init.indexOf("VIEW \"acme\".\"sales\".\"revenue_by_nation\""));
  }

  @Test
  void eachPrincipalsAttributesAreBoundInARuleOfTheirOwn() throws Exception {
    String rules = file("etc/rules.json");
    assertTrue(rules.contains("\"filter\" : \"\\\"nation_id\\\" = 2\""), rules);
    assertTrue(rules.contains("\"filter\" : \"\\\"nation_id\\\" = 4\""), rules);
    assertTrue(rules.contains("\"user\" : \"ann|cora\""), rules);
    assertFalse(rules.contains("mallory\",\n    \"catalog\" : \"acme\",\n    \"schema\""), rules);
  }

  /**
   * The same mesh with what Trino cannot state: a hash mask (its key would sit in the rules in
   * clear) is refused, or skipped by denying the product to the principals it masks for; a draft
   * product is a view only its domain's members may read; a retired product has no view.
   */
  @Test
  void whatCannotMoveIsRefusedOrSkippedByNarrowingAccess() throws Exception {
    String acme = Files.readString(dir.resolve("mesh.yaml"));
    String changed = acme
        .replace("name: acme\n", "name: acme\nmasking: {hashKey: \"0123456789abcdef0123456789abcdef\"}\n")
        .replace("    owner: sales-team@acme.example\n", "    owner: sales-team@acme.example\n    members: {users: [cora]}\n")
        .replace("      - name: orders_v1\n", "      - {name: draft_orders, status: draft, sql: SELECT * FROM erp.orders}\n"
            + "      - {name: old_orders, status: retired, version: 0.9.0, sql: SELECT * FROM erp.orders}\n"
            + "      - name: orders_v1\n")
        .replace("\npolicies:\n", "\npolicies:\n  - name: hash-names\n"
            + "    mask: {products: [\"sales.customer\"], columns: [name], roles: [analyst], with: hash}\n");
    Path descriptor = dir.resolve("mesh-more.yaml");
    Files.writeString(descriptor, changed);
    try (Mesh mesh = Mesh.fromYaml(descriptor)) {
      MeshException refused = assertThrows(MeshException.class, () -> mesh.exportTrino(dir.resolve("refused")));
      assertTrue(refused.problems().contains("mask policy hash-names for principal ann on column name of"
          + " product sales.customer cannot move: mask hash needs the mesh's hash key, which Trino's rules file would"
          + " hold in clear"), refused.problems()::toString);
      assertFalse(Files.exists(dir.resolve("refused")));

      TrinoExport skipped = mesh.exportTrino(dir.resolve("skipped"), true);
      assertEquals(2, skipped.skipped().stream().filter(s -> s.startsWith("mask policy hash-names")).count(),
          skipped.skipped()::toString);
      assertTrue(skipped.notes().contains("product sales.old_orders is retired, so it has no view"), skipped::toString);
      String init = Files.readString(dir.resolve("skipped/init.sql"));
      assertTrue(init.contains("VIEW \"acme\".\"sales\".\"draft_orders\""), init);
      assertFalse(init.contains("old_orders"), init);
      JsonNode tables = new ObjectMapper().readTree(dir.resolve("skipped/etc/rules.json").toFile()).get("tables");
      List<String> readers = new java.util.ArrayList<>();
      List<String> draftReaders = new java.util.ArrayList<>();
      for (JsonNode rule : tables) {
        if (rule.has("table") && rule.get("table").asText().equals("customer")) {
          readers.add(rule.get("user").asText());
        }
        if (rule.has("table") && rule.get("table").asText().equals("draft_orders")) {
          draftReaders.add(rule.get("user").asText());
        }
      }
      assertEquals(List.of("bert", "dana", "eve"), readers, "the analysts the hash mask applies to lose the product");
      assertEquals(List.of("cora"), draftReaders, "a draft is for the domain's members with a grant");
    }
  }

  @Test
  void metadataSitsBesideTheConfig() throws Exception {
    String metadata = file("meshkit-catalog.json");
    assertTrue(metadata.contains("\"replacedBy\" : \"sales.orders\""), metadata);
    assertTrue(metadata.contains("\"lineage\" : [ \"product sales.orders\", \"product sales.customer\","
        + " \"product reference.nation\" ]"), metadata);
  }
}
