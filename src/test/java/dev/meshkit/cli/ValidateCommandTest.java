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

  /** A mesh whose policies miss what they name; {@code strict} is appended when a test wants it. */
  private Path mistakes(String extra) throws Exception {
    String url = MeshTesting.h2("cli_validate_policies", "CREATE TABLE IF NOT EXISTS t(id INT, phone VARCHAR(20))");
    return MeshTesting.write(dir.resolve("mesh.yaml"), """
        name: mistaken
        domains:
          - name: sales
            owner: sales@x.example
            sources:
              - {name: erp, type: jdbc, url: "%s", user: sa}
            products:
              - {name: contacts, description: People to call, sql: SELECT * FROM erp.t}
        principals:
          - {name: bert, roles: [partner]}
        policies:
          - {name: partners-read, grant: {products: ["sales.*", sales.contact], roles: [partner]}}
          - {name: partners-nation, rowFilter: {products: [sales.contacts], roles: [partner], where: "nation_id = :nation"}}
          - {name: phone-last4, mask: {products: [sales.contacts], columns: [phne], with: last4}}
          - {name: secrets-hidden, mask: {tags: [secret], with: redact}}
        """.formatted(url) + extra);
  }

  @Test
  void policiesThatMissWhatTheyNameAreListedWithFileAndLine() throws Exception {
    Path descriptor = mistakes("");
    Run run = Cli.run("validate", descriptor.toString());
    assertEquals(1, run.exitCode(), run::toString);
    String file = descriptor.toString();
    assertEquals("Mesh 'mistaken' loaded from " + file + "; every product's SQL is valid.\n\n"
        + "Governance errors (4):\n"
        + "  " + file + ":12: policy partners-read: grant 'partners-read' names 'sales.contact', but domain sales has"
        + " no product 'contact' (its products: contacts) [policy-matches-products]\n"
        + "  " + file + ":10: principal bert: principal 'bert' has no attribute 'nation', which row filter"
        + " 'partners-nation' binds, so they see no rows of sales.contacts (add the attribute, or leave them out of"
        + " the filter) [principal-has-attributes]\n"
        + "  " + file + ":13: policy partners-nation: row filter 'partners-nation' names column nation_id, which"
        + " product sales.contacts does not have (its columns: id, phone) [policy-matches-columns]\n"
        + "  " + file + ":14: policy phone-last4: mask 'phone-last4' names column phne, which product sales.contacts"
        + " does not have (its columns: id, phone) [policy-matches-columns]\n\n"
        + "Governance warnings (1):\n"
        + "  " + file + ":15: policy secrets-hidden: mask 'secrets-hidden' selects columns tagged secret, but no"
        + " column of any product declares that tag [mask-tags-declared]\n\n"
        + "Found 5 governance findings.\n", run.out());
  }

  @Test
  void inStrictModeThePolicyErrorsFailTheLoad() throws Exception {
    Path descriptor = mistakes("strict: true\n");
    Run run = Cli.run("validate", descriptor.toString());
    assertEquals(1, run.exitCode(), run::toString);
    String file = descriptor.toString();
    // Declared mistakes stop the load before any source opens; column mistakes need the products validated.
    assertTrue(run.out().startsWith(file + ": the mesh does not load (2 problems):\n"
        + "  " + file + ":12: policy-matches-products: grant 'partners-read' names 'sales.contact'"), run.out());
    assertTrue(run.out().contains("\n  " + file + ":10: principal-has-attributes: principal 'bert' has no attribute"
        + " 'nation'"), run.out());
    assertFalse(run.out().contains("secrets-hidden"), run.out());
    assertFalse(run.err().contains("\tat "), run.err());
  }

  @Test
  void aSourceWhoseDriverIsMissingIsALoadProblemWithAHint() throws Exception {
    Path descriptor = MeshTesting.write(dir.resolve("mesh.yaml"), """
        name: oracle
        domains:
          - name: finance
            owner: finance@x.example
            sources:
              - {name: ledger, type: jdbc, url: "jdbc:oracle:thin:@db.x.example:1521/LEDGER", user: app}
            products:
              - {name: entries, description: Ledger entries, sql: SELECT * FROM ledger.entries}
        """);
    Run run = Cli.run("validate", descriptor.toString());
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.out().startsWith(descriptor + ": the mesh does not load (1 problem):\n  " + descriptor
        + ":6: source 'ledger' of domain 'finance': no JDBC driver on the class path accepts URLs that start with"
        + " 'jdbc:oracle:' (drivers on the class path: "), run.out());
    assertTrue(run.out().endsWith("; if the URL is right, add the driver's jar to the application's class path, or to"
        + " MESHKIT_CLASSPATH for the meshkit launcher)\n"), run.out());
    assertFalse(run.out().contains("db.x.example"), run.out());
    assertFalse(run.err().contains("\tat "), run.err());
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
  void thePlatformFileIsValidatedWithEveryDomainFileItIncludes() throws Exception {
    String url = MeshTesting.h2("cli_validate_included", "CREATE TABLE IF NOT EXISTS t(id INT)");
    Path descriptor = MeshTesting.write(dir.resolve("mesh.yaml"), """
        name: teams
        include: ["domains/*.yaml"]
        """);
    MeshTesting.write(dir.resolve("domains/finance.yaml"), """
        name: finance
        owner: finance@x.example
        sources:
          - {name: ledger, type: jdbc, url: "%s", user: sa}
        products:
          - {name: entries, description: Entries, sql: SELECT * FROM ledger.t}
        """.formatted(url));
    Path sales = MeshTesting.write(dir.resolve("domains/sales.yaml"), """
        name: sales
        owner: sales@x.example
        sources:
          - {name: erp, type: jdbc, url: "%s", user: sa}
        products:
          - {name: orders, description: Orders, sql: SELECT * FROM erp.nowhere}
        """.formatted(url));
    Run run = Cli.run("validate", descriptor.toString());
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.out().startsWith(descriptor + ": the mesh does not load (1 problem):\n  " + sales
        + ":6: product sales.orders: "), run.out());

    MeshTesting.write(sales, "name: sales\nowner: sales@x.example\n");
    Run clean = Cli.run("validate", descriptor.toString());
    assertEquals(0, clean.exitCode(), clean::toString);
  }

  @Test
  void aMissingDescriptorIsAUsageError() {
    Run run = Cli.run("validate", dir.resolve("nope.yaml").toString());
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().startsWith("Descriptor file not found: " + dir.resolve("nope.yaml") + ".\n"), run.err());
    assertTrue(run.err().contains("Usage: meshkit validate") || run.err().contains("meshkit validate [-hV]"), run.err());
  }
}
