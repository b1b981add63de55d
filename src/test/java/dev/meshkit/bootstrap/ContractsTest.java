package dev.meshkit.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.GovernanceFinding;
import dev.meshkit.LoadListener;
import dev.meshkit.MeshQuality;
import dev.meshkit.MeshEngine;
import dev.meshkit.MeshTesting;
import dev.meshkit.SourceListener;
import dev.meshkit.contract.ContractReport;
import dev.meshkit.contract.ProductChange;
import dev.meshkit.descriptor.DescriptorReader;
import dev.meshkit.engine.MeshRuntime;
import dev.meshkit.governance.AuditLog;
import dev.meshkit.governance.Standards;
import dev.meshkit.model.MeshModel;
import dev.meshkit.source.SourceTypes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Contracts#check}: the entry point a reload calls with the running runtime and the new one,
 * both loaded as the engine loads them.
 */
class ContractsTest {

  @TempDir
  Path dir;

  private MeshRuntime load(String folder, String products) {
    Path descriptor = MeshTesting.write(dir.resolve(folder).resolve("mesh.yaml"), """
        name: shop
        include: [sales.yaml]
        """);
    MeshTesting.write(descriptor.resolveSibling("sales.yaml"), """
        name: sales
        owner: sales@shop.example
        sources:
          - {name: erp, type: jdbc, url: "jdbc:h2:mem:contracts_test;DB_CLOSE_DELAY=-1", user: sa}
        products:
        """ + products.indent(2));
    MeshModel model = DescriptorReader.read(descriptor, Map.of());
    return MeshRuntime.load(model, SourceListener.NONE, LoadListener.NONE,
        SourceTypes.discover(getClass().getClassLoader()), 100, 0, new AuditLog(List.of()));
  }

  /** The engine around a runtime, with the standards' findings, as the factory assembles it. */
  private static EmbeddedEngine engine(MeshRuntime runtime) {
    MeshEngine.Declaration declaration = new MeshEngine.Declaration(null, "name: contracts", Map.of(),
        SourceListener.NONE, LoadListener.NONE, 100, List.of(), null, -1, false);
    return new EmbeddedEngine(declaration, SourceTypes.discover(ContractsTest.class.getClassLoader()), runtime,
        Standards.evaluate(runtime.model()), dev.meshkit.store.MetadataStore.inMemory());
  }

  @Test
  void aBreakingChangeBetweenTwoLoadedRuntimesIsRefusedAndTheQualityGateRunsOnTheNewOne() throws Exception {
    MeshTesting.h2("contracts_test", "CREATE TABLE IF NOT EXISTS orders(id INT, amount DECIMAL(10,2), note VARCHAR(9))",
        "DELETE FROM orders", "INSERT INTO orders VALUES (1, 5.00, NULL)");
    try (MeshRuntime before = load("v1", """
            - {name: orders, version: 1.0.0, description: Orders, sql: "SELECT * FROM erp.orders"}
            - {name: notes, status: draft, description: Notes, sql: "SELECT id, note FROM erp.orders"}
            """);
         EmbeddedEngine engine = engine(load("v2", """
            - {name: orders, version: 1.1.0, description: Orders, sql: "SELECT id, note FROM erp.orders"}
            - name: notes
              description: Notes
              sql: SELECT id, note FROM erp.orders
              quality: [{name: notes-given, column: note, metric: nullValues, mustBe: 0}]
            """))) {
      MeshRuntime after = engine.runtime();
      // The engine around the new runtime runs its quality checks, as it would once it serves.
      MeshQuality quality = engine.quality();
      ContractReport report = Contracts.check(before, after, engine.governanceFindings(), quality);
      assertTrue(report.refused());
      String sales = dir.resolve("v2/sales.yaml").toString();
      assertEquals(List.of(
          sales + ":6: contract-breaking-needs-major: product sales.orders: column amount was removed (was"
              + " DECIMAL(10, 2)), which breaks its contract, but its version goes from 1.0.0 to 1.1.0 (a breaking"
              + " change needs a major version: 2.0.0)",
          sales + ":7: active-passes-quality: product sales.notes cannot become active (it was draft): its quality"
              + " check 'notes-given' failed (expected = 0)"),
          report.findings().stream().map(GovernanceFinding::toString).toList());
      assertEquals(List.of(ProductChange.Kind.BREAKING, ProductChange.Kind.UNCHANGED),
          report.products().stream().map(ProductChange::kind).toList());

      ContractReport first = Contracts.check(null, after, engine.governanceFindings(), quality);
      assertFalse(first.refused());
      assertEquals(List.of(), first.products());
    }
  }
}
