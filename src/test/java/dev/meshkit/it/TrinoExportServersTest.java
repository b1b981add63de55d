package dev.meshkit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
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

  @Test
  void metadataSitsBesideTheConfig() throws Exception {
    String metadata = file("meshkit-catalog.json");
    assertTrue(metadata.contains("\"replacedBy\" : \"sales.orders\""), metadata);
    assertTrue(metadata.contains("\"lineage\" : [ \"product sales.orders\", \"product sales.customer\","
        + " \"product reference.nation\" ]"), metadata);
  }
}
