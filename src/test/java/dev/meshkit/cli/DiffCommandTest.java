package dev.meshkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.MeshTesting;
import dev.meshkit.PasswordHasher;
import dev.meshkit.cli.Cli.Run;
import dev.meshkit.server.MeshServer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meshkit diff OLD NEW}: what a domain team runs in its pull requests. */
class DiffCommandTest {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static final String PASSWORD = "ci-secret";

  @TempDir
  Path dir;

  private String url;

  @BeforeEach
  void database() throws Exception {
    url = MeshTesting.h2("cli_diff_" + DATABASES.incrementAndGet(),
        "CREATE TABLE orders(order_id INT PRIMARY KEY, amount DECIMAL(10,2), note VARCHAR(40))",
        "INSERT INTO orders VALUES (1, 10.50, 'first'), (2, 99.00, NULL)");
  }

  /** A mesh whose sales domain lives in its own file, as a team owns it; {@code products} is that file's list. */
  private Path mesh(String version, String products, String policies) {
    Path folder = dir.resolve(version);
    MeshTesting.write(folder.resolve("domains/sales.yaml"), """
        name: sales
        owner: sales@shop.example
        description: Orders
        sources:
          - {name: erp, type: jdbc, url: "%s", user: sa}
        products:
        """.formatted(url) + products.indent(2));
    return MeshTesting.write(folder.resolve("mesh.yaml"), """
        name: shop
        include: ["domains/*.yaml"]
        principals:
          - {name: ci, roles: [platform], password: "%s"}
        policies:
          - {name: platform-reads, grant: {products: ["*"], roles: [platform]}}
        """.formatted(PasswordHasher.hash(PASSWORD.toCharArray())) + policies);
  }

  private static final String ORDERS_1_0 = """
      - name: orders
        version: 1.0.0
        description: One row per order
        sql: SELECT * FROM erp.orders
        columns:
          - {name: order_id, required: true, unique: true}
      """;

  @Test
  void noChangeIsAcceptedAndSaysSo() {
    Run run = Cli.run("diff", mesh("old", ORDERS_1_0, "").toString(), mesh("new", ORDERS_1_0, "").toString());
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals("""
        Products (0 of 1 changed):
          none changed

        Policies (0 changed):
          none changed

        Accepted: the new version would load.
        """, run.out());
  }

  @Test
  void aBreakingChangeIsRefusedThenAcceptedWithAMajorBump() {
    Path old = mesh("old", ORDERS_1_0, "");
    Path breaking = mesh("breaking", ORDERS_1_0.replace("SELECT * FROM", "SELECT order_id, amount FROM"), "");
    Run refused = Cli.run("diff", old.toString(), breaking.toString());
    assertEquals(1, refused.exitCode(), refused::toString);
    Path salesFile = breaking.resolveSibling("domains/sales.yaml");
    assertEquals("""
        Products (1 of 1 changed):
          breaking sales.orders 1.0.0 (active); needs a major bump; bump made: none
            column note was removed (was VARCHAR(40)) (breaking)

        Policies (0 changed):
          none changed

        Errors (1):
          %s:7: contract-breaking-needs-major: product sales.orders: column note was removed (was VARCHAR(40)), which\
         breaks its contract, but its version stays 1.0.0 (a breaking change needs a major version: 2.0.0)

        Refused: the new version breaks 1 rule above.
        """.formatted(salesFile), refused.out());

    Path major = mesh("major", ORDERS_1_0.replace("SELECT * FROM", "SELECT order_id, amount FROM")
        .replace("1.0.0", "2.0.0"), "");
    Run accepted = Cli.run("diff", old.toString(), major.toString());
    assertEquals(0, accepted.exitCode(), accepted::toString);
    assertTrue(accepted.out().startsWith("""
        Products (1 of 1 changed):
          breaking sales.orders 1.0.0 -> 2.0.0 (active); needs a major bump; bump made: major
            column note was removed (was VARCHAR(40)) (breaking)
        """), accepted.out());
    assertTrue(accepted.out().endsWith("Accepted: the new version would load.\n"), accepted.out());
  }

  @Test
  void compatibleChangesWarnAndPolicyChangesAreListed() {
    Path old = mesh("old", ORDERS_1_0, """
          - {name: pii-masked, mask: {tags: [pii], with: last4}}
          - {name: partners-read, grant: {products: [sales.orders], roles: [partner]}}
        """);
    Path now = mesh("new", ORDERS_1_0.replace("SELECT * FROM erp.orders",
        "SELECT o.*, CAST(NULL AS VARCHAR(10)) AS channel FROM erp.orders o") + """
        - {name: totals, status: draft, version: 0.1.0, description: Totals, sql: "SELECT SUM(amount) AS total FROM erp.orders"}
        """, """
          - {name: pii-masked, mask: {tags: [pii], with: redact}}
          - {name: auditors-read, grant: {products: ["*"], roles: [auditor]}}
        """);
    Run run = Cli.run("diff", old.toString(), now.toString());
    assertEquals(0, run.exitCode(), run::toString);
    String out = run.out();
    assertTrue(out.startsWith("""
        Products (2 of 2 changed):
          compatible sales.orders 1.0.0 (active); needs a minor bump; bump made: none
            column channel was added (VARCHAR(10)) (compatible)
          added sales.totals 0.1.0 (draft)

        Policies (3 changed):
          added auditors-read: grant products [*] for roles [auditor]
          changed pii-masked: mask tags [pii] with last4 for everyone -> mask tags [pii] with redact for everyone
          removed partners-read: grant products [sales.orders] for roles [partner]

        Warnings (1):
        """), out);
    assertTrue(out.contains("contract-compatible-needs-minor: product sales.orders: column channel was added"
        + " (VARCHAR(10)), a compatible change, but its version stays 1.0.0 (a compatible change needs at least a"
        + " minor version: 1.1.0)\n"), out);
    assertTrue(out.endsWith("Accepted: the new version would load.\n"), out);
  }

  @Test
  void aProductMovesToActiveOnlyWhenItsQualityChecksPass() {
    String draft = """
        - name: orders
          version: 0.9.0
          status: draft
          description: One row per order
          sql: SELECT * FROM erp.orders
          quality:
            - {name: every-note-given, column: note, metric: nullValues, mustBe: 0}
        """;
    Path old = mesh("old", draft, "");
    Path active = mesh("active", draft.replace("status: draft", "status: active").replace("0.9.0", "1.0.0"), "");
    Run run = Cli.run("diff", old.toString(), active.toString());
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.out().contains("  changed sales.orders 0.9.0 -> 1.0.0 (draft -> active), same schema; not under"
        + " contract (was not active); bump made: major\n"), run.out());
    assertTrue(run.out().contains("active-passes-quality: product sales.orders cannot become active (it was draft):"
        + " its quality check 'every-note-given' failed (expected = 0)\n"), run.out());
    assertFalse(run.out().contains("'first'") || run.out().contains("10.50"), "no data value: " + run.out());

    Path passing = mesh("passing", draft.replace("status: draft", "status: active").replace("0.9.0", "1.0.0")
        .replace("mustBe: 0", "mustBeLessOrEqualTo: 1"), "");
    Run accepted = Cli.run("diff", old.toString(), passing.toString());
    assertEquals(0, accepted.exitCode(), accepted::toString);
  }

  @Test
  void aProductMovesToActiveOnlyWhenItMeetsTheErrorLevelStandards() {
    String draft = """
        - {name: totals, status: draft, sql: "SELECT SUM(amount) AS total FROM erp.orders"}
        """;
    Path old = mesh("old", ORDERS_1_0 + draft, "");
    Path undescribed = mesh("undescribed", ORDERS_1_0 + draft.replace("draft", "active"), "");
    Run refused = Cli.run("diff", old.toString(), undescribed.toString());
    assertEquals(1, refused.exitCode(), refused::toString);
    assertTrue(refused.out().contains(undescribed.resolveSibling("domains/sales.yaml") + ":13: active-meets-standards:"
        + " product sales.totals cannot become active (it was draft): product-has-description: product sales.totals"
        + " has no description\n"), refused.out());

    Path described = mesh("described", ORDERS_1_0 + draft.replace("draft", "active")
        .replace("name: totals,", "name: totals, description: Order totals,"), "");
    Run accepted = Cli.run("diff", old.toString(), described.toString());
    assertEquals(0, accepted.exitCode(), accepted::toString);
  }

  @Test
  void theOldVersionMayBeARunningServer() throws Exception {
    Path old = mesh("old", ORDERS_1_0, "");
    Path breaking = mesh("breaking", ORDERS_1_0.replace("SELECT * FROM", "SELECT order_id, amount FROM"), "");
    try (Mesh served = Mesh.fromYaml(old); MeshServer server = MeshServer.builder(served).port(0).start()) {
      String address = "jdbc:meshkit:remote:http://127.0.0.1:" + server.port();
      Run run = Cli.runWithInput(PASSWORD + "\n", "diff", address, breaking.toString(), "--user", "ci",
          "--password-stdin");
      assertEquals(1, run.exitCode(), run::toString);
      assertTrue(run.out().startsWith("""
          Products (1 of 1 changed):
            breaking sales.orders 1.0.0 (active); needs a major bump; bump made: none
              column note was removed (was VARCHAR(40)) (breaking)

          Policies: not compared (a server does not publish its policies).
          """), run.out());
      assertTrue(run.out().contains("contract-breaking-needs-major: product sales.orders: column note was removed"),
          run.out());

      Run same = Cli.runWithInput(PASSWORD + "\n", "diff", "http://127.0.0.1:" + server.port(), old.toString(),
          "--user", "ci", "--password-stdin");
      assertEquals(0, same.exitCode(), same::toString);
      assertTrue(same.out().startsWith("Products (0 of 1 changed):\n"), same.out());

      Run wrong = Cli.runWithInput("not-it\n", "diff", address, old.toString(), "--user", "ci", "--password-stdin");
      assertEquals(1, wrong.exitCode(), wrong::toString);
      assertTrue(wrong.err().startsWith("OLD (" + address + ") cannot be read: "), wrong.err());
      assertFalse(wrong.err().contains("\tat "), wrong.err());
    }
  }

  @Test
  void unreadableInputsAreClearErrors() throws Exception {
    Path old = mesh("old", ORDERS_1_0, "");
    Run missing = Cli.run("diff", dir.resolve("nope.yaml").toString(), old.toString());
    assertEquals(2, missing.exitCode(), missing::toString);
    assertTrue(missing.err().startsWith("OLD descriptor file not found: " + dir.resolve("nope.yaml") + ".\n"),
        missing.err());

    Path broken = mesh("broken", ORDERS_1_0.replace("version: 1.0.0", "version: one"), "");
    Run run = Cli.run("diff", old.toString(), broken.toString());
    assertEquals(1, run.exitCode(), run::toString);
    assertEquals("NEW (" + broken + ") does not load (1 problem):\n  " + broken.resolveSibling("domains/sales.yaml")
        + ":8: field 'version' of product 'orders' of domain 'sales' must be a semantic version such as 2.1.0, not"
        + " 'one'\n", run.out());

    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort(); // free once closed: nothing answers there
    }
    Path down = MeshTesting.write(dir.resolve("down/mesh.yaml"), """
        name: shop
        domains:
          - name: sales
            owner: sales@shop.example
            sources:
              - {name: erp, type: jdbc, url: "jdbc:h2:tcp://127.0.0.1:%d/erp", user: sa, pool: {connectionTimeout: 500}}
            products:
              - {name: orders, version: 1.0.0, description: Orders, sql: SELECT * FROM erp.orders}
        """.formatted(closedPort));
    Run unanswered = Cli.run("diff", old.toString(), down.toString());
    assertEquals(1, unanswered.exitCode(), unanswered::toString);
    assertTrue(unanswered.out().startsWith("NEW (" + down + ") cannot be compared: the source of 1 product did not"
        + " answer:\n  sales.orders: "), unanswered.out());
    Run oldDown = Cli.run("diff", down.toString(), old.toString());
    assertEquals(1, oldDown.exitCode(), oldDown::toString);
    assertTrue(oldDown.out().startsWith("OLD (" + down + ") cannot be compared:"), oldDown.out());

    Run twoServers = Cli.run("diff", old.toString(), "http://127.0.0.1:1");
    assertEquals(2, twoServers.exitCode(), twoServers::toString);
  }
}
