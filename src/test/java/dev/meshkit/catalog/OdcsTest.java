package dev.meshkit.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.MeshTesting;
import dev.meshkit.descriptor.DescriptorReader;
import dev.meshkit.governance.OdcsContracts;
import dev.meshkit.model.ColumnModel;
import dev.meshkit.model.DomainModel;
import dev.meshkit.model.Location;
import dev.meshkit.model.MeshModel;
import dev.meshkit.model.ProductModel;
import dev.meshkit.model.QualityCheck;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** A product as an ODCS data contract: exported through the catalog, and read back without loss. */
class OdcsTest {

  @TempDir
  static Path dir;
  static Mesh mesh;
  static MeshModel model;

  @BeforeAll
  static void setUp() throws Exception {
    String url = MeshTesting.h2("catalog_odcs",
        "CREATE TABLE orders(id INT PRIMARY KEY, customer_email VARCHAR(50), amount DECIMAL(10, 2),"
            + " placed DATE, loaded_at TIMESTAMP, paid BOOLEAN)");
    Path file = MeshTesting.write(dir.resolve("mesh.yaml"), """
        name: acme
        domains:
          - name: sales
            owner: sales@acme.example
            sources:
              - {name: db, type: jdbc, url: "%s", user: sa}
            products:
              - name: orders
                description: {purpose: One row per order, usage: Revenue reporting}
                version: 1.2.0
                status: active
                tags: [finance]
                support:
                  - {channel: "#sales-data", tool: slack}
                  - {url: "https://tickets.acme.example/sales"}
                sla: {freshness: 6h, timestampColumn: loaded_at}
                sql: SELECT * FROM db.orders
                columns:
                  - {name: id, description: The order, required: true, unique: true}
                  - {name: customer_email, tags: [pii], classification: confidential}
                  - {name: amount, description: Total in EUR, required: true}
                quality:
                  - {name: some_orders, metric: rowCount, mustBeGreaterThan: 0}
                  - {metric: nullValues, column: amount, mustBe: 0, severity: warning}
                  - {metric: invalidValues, column: paid, validValues: ["true", "false"], mustBeLessThan: 5, unit: percent}
                  - {name: no_negative, query: "SELECT COUNT(*) FROM ${product} WHERE amount < 0", mustBeBetween: [0, 2.5]}
              - {name: scratch, status: draft, sql: "SELECT id FROM db.orders"}
        """.formatted(url));
    mesh = Mesh.fromYaml(file);
    model = DescriptorReader.read(file);
  }

  @AfterAll
  static void tearDown() {
    mesh.close();
  }

  @Test
  @SuppressWarnings("unchecked")
  void exportsTheContractWithActualTypes() {
    Map<String, Object> contract = new Yaml().load(mesh.catalog().exportContract("sales.orders"));
    assertEquals("v3.1.0", contract.get("apiVersion"));
    assertEquals("DataContract", contract.get("kind"));
    assertEquals("sales.orders", contract.get("id"));
    assertEquals("1.2.0", contract.get("version"));
    assertEquals("active", contract.get("status"));
    assertEquals("sales", contract.get("domain"));
    Map<String, Object> schema = ((List<Map<String, Object>>) contract.get("schema")).get(0);
    assertEquals("orders", schema.get("name"));
    assertEquals("view", schema.get("physicalType"));
    List<Map<String, Object>> properties = (List<Map<String, Object>>) schema.get("properties");
    assertEquals(6, properties.size());
    Map<String, String> logical = new HashMap<>();
    properties.forEach(p -> logical.put(((String) p.get("name")).toLowerCase(), (String) p.get("logicalType")));
    assertEquals(Map.of("id", "integer", "customer_email", "string", "amount", "number", "placed", "date",
        "loaded_at", "timestamp", "paid", "boolean"), logical);
    Map<String, Object> email = properties.get(1);
    assertEquals("customer_email", email.get("name"));
    assertEquals("VARCHAR", email.get("physicalType"));
    assertEquals("confidential", email.get("classification"));
    assertEquals(List.of("pii"), email.get("tags"));
    Map<String, Object> amount = properties.get(2);
    assertEquals(true, amount.get("required"));
    assertEquals(List.of(Map.of("type", "library", "metric", "nullValues", "mustBe", 0, "severity", "warning")),
        amount.get("quality"));
    List<Map<String, Object>> schemaChecks = (List<Map<String, Object>>) schema.get("quality");
    assertEquals(List.of("some_orders", "no_negative"), schemaChecks.stream().map(c -> c.get("name")).toList());
    assertEquals(List.of(0, 2.5), schemaChecks.get(1).get("mustBeBetween"));
    assertEquals(List.of(Map.of("property", "freshness", "value", 6, "unit", "h", "element", "orders.loaded_at")),
        contract.get("slaProperties"));
    assertEquals(List.of(Map.of("channel", "#sales-data", "tool", "slack"),
        Map.of("url", "https://tickets.acme.example/sales")), contract.get("support"));
    assertEquals("sales@acme.example",
        ((List<Map<String, Object>>) ((Map<String, Object>) contract.get("team")).get("members")).get(0).get("username"));
  }

  @Test
  void onlyCatalogProductsAreExported() {
    assertThrows(IllegalArgumentException.class, () -> mesh.catalog().exportContract("sales.scratch"));
    assertThrows(IllegalArgumentException.class, () -> mesh.catalog().exportContract("sales.nothing"));
  }

  @Test
  void roundTripKeepsWhatBothModelsHold() {
    DomainModel domain = model.domains().get(0);
    ProductModel original = domain.products().get(0);
    String yaml = mesh.catalog().exportContract("sales.orders");
    // A bare base: everything the contract holds must come from the contract.
    ProductModel bare = new ProductModel(original.name(), null, original.sql(), List.of(), null, original.status(),
        null, List.of(), List.of(), true, null, null, List.of(), original.location());
    ProductModel back = OdcsContracts.importInto(bare, yaml);
    assertEquals(columns(original.columns()), columns(back.columns()));
    // Column checks travel on their property, so only the set of checks is kept, not their order.
    assertEquals(new HashSet<>(checks(original.quality())), new HashSet<>(checks(back.quality())));
    assertEquals(original.quality().size(), back.quality().size());
    assertEquals(original.sla(), back.sla());
    assertEquals(original.support(), back.support());
    assertEquals(original.version(), back.version());
    assertEquals(original.status(), back.status());
    assertEquals(original.about(), back.about());
    assertEquals(original.tags(), back.tags());
    assertEquals(original.owner(), back.owner());
  }

  @Test
  @SuppressWarnings("unchecked")
  void importContractReturnsTheDescriptorEntry() {
    String yaml = mesh.catalog().importContract("sales.orders", mesh.catalog().exportContract("sales.orders"));
    Map<String, Object> entry = new Yaml().load(yaml);
    assertEquals("orders", entry.get("name"));
    assertEquals(Map.of("freshness", "6h", "timestampColumn", "loaded_at"), entry.get("sla"));
    List<Map<String, Object>> columns = (List<Map<String, Object>>) entry.get("columns");
    assertEquals(List.of("id", "customer_email", "amount"), columns.stream().map(c -> c.get("name")).toList());
    assertEquals("confidential", columns.get(1).get("classification"));
    List<Map<String, Object>> quality = (List<Map<String, Object>>) entry.get("quality");
    assertEquals(4, quality.size());
    assertTrue(quality.stream().anyMatch(q -> "no_negative".equals(q.get("name"))));
    assertThrows(IllegalArgumentException.class, () -> mesh.catalog().importContract("sales.scratch", yaml));
  }

  @Test
  void importRejectsWhatIsNotAContract() {
    ProductModel base = model.domains().get(0).products().get(0);
    assertThrows(IllegalArgumentException.class, () -> OdcsContracts.importInto(base, "kind: Something"));
    assertTrue(OdcsContracts.importInto(base, "kind: DataContract\nstatus: deprecated\n").quality().isEmpty());
  }

  /** Locations say where a model was read from, which a contract does not carry. */
  private static List<ColumnModel> columns(List<ColumnModel> columns) {
    return columns.stream().map(c -> new ColumnModel(c.name(), c.description(), c.tags(), c.required(), c.unique(),
        c.classification(), NOWHERE)).toList();
  }

  private static List<QualityCheck> checks(List<QualityCheck> checks) {
    return checks.stream().map(c -> new QualityCheck(c.name(), c.type(), c.metric(), c.column(), c.query(),
        c.validValues(), c.operator(), c.threshold(), c.unit(), c.severity(), NOWHERE)).toList();
  }

  private static final Location NOWHERE = new Location("contract", 0);
}
