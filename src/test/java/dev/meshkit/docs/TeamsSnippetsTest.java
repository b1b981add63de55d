package dev.meshkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshkit.Mesh;
import dev.meshkit.ProductContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What docs/teams.md shows in Java, run on the example mesh. */
class TeamsSnippetsTest {

  @Test
  void contractsOfTheExampleMesh() {
    List<String> lines = new ArrayList<>();
    // snippet:teams-contracts
    try (Mesh mesh = Mesh.fromYaml(Path.of("examples/acme/mesh.yaml"))) {
      for (ProductContract contract : mesh.contracts()) {
        lines.add(contract.product() + " " + contract.version() + " " + contract.status() + " "
            + contract.location() + ": " + contract.columns().size() + " columns");
      }
    }
    // end:teams-contracts
    assertEquals(List.of(
        "reference.nation null active examples/acme/domains/reference.yaml:9: 3 columns",
        "sales.orders 2.0.0 active examples/acme/domains/sales.yaml:13: 4 columns",
        "sales.orders_v1 1.4.0 deprecated examples/acme/domains/sales.yaml:28: 3 columns",
        "sales.customer null active examples/acme/domains/sales.yaml:34: 4 columns",
        "sales.revenue_by_nation null active examples/acme/domains/sales.yaml:41: 3 columns"), lines);
  }
}
