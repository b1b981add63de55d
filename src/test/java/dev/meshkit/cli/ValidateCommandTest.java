package dev.meshkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.MeshTesting;
import dev.meshkit.cli.Cli.Run;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

  @TempDir
  Path dir;

  @Test
  void aCleanMeshExitsZero() throws Exception {
    Path descriptor = CliMesh.write(dir);
    Run run = Cli.run("validate", descriptor.toString());
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("Mesh 'shop' loaded from " + descriptor + "; every product's SQL is valid.\n\nOK: no problems found.\n",
        run.out());
    assertEquals("", run.err());
  }

  @Test
  void findingsAndUnavailableProductsAreGroupedAndExitOne() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort(); // free once closed: nothing answers there
    }
    String url = MeshTesting.h2("cli_validate_findings", "CREATE TABLE t(id INT, phone VARCHAR(20))");
    Path descriptor = MeshTesting.write(dir.resolve("mesh.yaml"), """
        name: shaky
        domains:
          - name: sales
            sources:
              - {name: erp, type: jdbc, url: "%s", user: sa}
            products:
              - name: contacts
                sql: SELECT * FROM erp.t
                columns:
                  - {name: phone, tags: [pii]}
          - name: archive
            owner: archive@shaky.example
            sources:
              - name: legacy
                type: jdbc
                url: "jdbc:h2:tcp://127.0.0.1:%d/old"
                user: sa
                pool: {connectionTimeout: 500}
            products:
              - {name: history, description: Old orders, sql: "SELECT * FROM legacy.orders"}
        """.formatted(url, closedPort));
    Run run = Cli.run("validate", descriptor.toString());
    assertEquals(1, run.exitCode(), run::toString);
    String out = run.out();
    String file = descriptor.getFileName().toString();
    assertTrue(out.contains("Unavailable products (1), their source did not answer:\n  archive.history: "), out);
    assertTrue(out.contains("Governance "), out);
    // Each finding names where it is declared, what is at fault and the rule it breaks.
    assertTrue(out.contains(file + ":3: domain sales: "), out);
    assertTrue(out.contains("[domain-has-owner]"), out);
    assertTrue(out.contains(file + ":7: product sales.contacts: "), out);
    assertTrue(out.contains("[product-has-description]"), out);
    assertTrue(out.contains(file + ":10: column sales.contacts.phone: "), out);
    assertTrue(out.contains("[pii-is-masked]"), out);
    assertTrue(out.contains("Found 1 unavailable product and 3 governance findings."), out);
  }

  @Test
  void aBrokenDescriptorNamesFileAndLineAndExitsOne() throws Exception {
    Path descriptor = MeshTesting.write(dir.resolve("broken.yaml"), """
        name: broken
        domains:
          - name: sales
            owner: sales@x.example
            colour: blue
            products:
              - {name: orders, sql: "SELECT * FROM nowhere.orders"}
        """);
    Run run = Cli.run("validate", descriptor.toString());
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.out().startsWith(descriptor + ": the mesh does not load ("), run.out());
    assertTrue(run.out().contains("broken.yaml:5"), run.out());
    assertTrue(run.out().contains("colour"), run.out());
    assertFalse(run.err().contains("\tat "), run.err());
  }

  @Test
  void aMissingDescriptorIsAUsageError() {
    Run run = Cli.run("validate", dir.resolve("nope.yaml").toString());
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().startsWith("Descriptor file not found: " + dir.resolve("nope.yaml") + ".\n"), run.err());
    assertTrue(run.err().contains("Usage: meshkit validate") || run.err().contains("meshkit validate [-hV]"), run.err());
  }
}
