package dev.meshkit.governance;

import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.line;
import static dev.meshkit.MeshTesting.rows;
import static dev.meshkit.MeshTesting.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.GovernanceFinding;
import dev.meshkit.GovernanceFinding.Severity;
import dev.meshkit.Mesh;
import dev.meshkit.MeshException;
import dev.meshkit.Principal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.h2.tools.Server;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Policies that do not fit the mesh they govern are found when it loads, not when someone queries:
 * patterns that match no product, columns a product lacks, tags no column declares, principals who
 * lack an attribute a row filter binds. Warnings by default; strict mode fails the load over errors.
 */
class PolicyChecksTest {

  static String url;

  @TempDir
  Path dir;

  @BeforeAll
  static void database() throws SQLException {
    url = h2("policy_checks_test",
        "CREATE TABLE customers(id INT PRIMARY KEY, name VARCHAR(20), nation_id INT, phone VARCHAR(20))",
        "CREATE TABLE orders(id INT PRIMARY KEY, customer_id INT, amount DECIMAL(10,2))",
        "INSERT INTO customers VALUES (1, 'Ann', 1, '555-0100'), (2, 'Bert', 2, '555-0200')");
  }

  /** Every policy fits; each test breaks it in one place. */
  private static String clean() {
    return """
        name: acme
        domains:
          - name: sales
            owner: ann@acme.example
            sources:
              - {name: erp, type: jdbc, url: %s, user: sa}
            products:
              - name: customers
                description: Everyone who bought
                sql: SELECT * FROM erp.customers
                columns:
                  - {name: phone, tags: [pii]}
              - {name: orders, description: One row per order, sql: SELECT * FROM erp.orders}
        principals:
          - {name: ann, roles: [analyst]}
          - {name: bert, roles: [partner], attributes: {nation: "2"}}
        policies:
          - {name: everyone-reads, grant: {products: ["*"]}}
          - {name: partners-see-their-nation, rowFilter: {products: [sales.customers], roles: [partner], where: "nation_id = :nation"}}
          - {name: pii-hashed, mask: {tags: [pii], with: redact}}
          - {name: amounts-rounded, mask: {products: ["sales.*"], columns: [amount], with: nullify}}
        """.formatted(url);
  }

  private static String edit(String yaml, String from, String to) {
    String edited = yaml.replace(from, to);
    assertEquals(false, edited.equals(yaml), "no '" + from + "' to replace");
    return edited;
  }

  private Path file() {
    return dir.resolve("mesh.yaml");
  }

  private String at(String yaml, String snippet) {
    return file() + ":" + line(yaml, snippet);
  }

  private List<GovernanceFinding> load(String yaml) {
    try (Mesh mesh = Mesh.fromYaml(write(file(), yaml))) {
      return mesh.governanceFindings();
    }
  }

  private List<String> findings(String yaml) {
    return load(yaml).stream().map(GovernanceFinding::toString).toList();
  }

  private MeshException loadFails(String yaml) {
    return assertThrows(MeshException.class, () -> Mesh.fromYaml(write(file(), yaml)).close());
  }

  @Test
  void policiesThatFitTheMeshHaveNoFindings() {
    assertEquals(List.of(), findings(clean()));
  }

  @Test
  void aProductPatternThatMatchesNoProductIsFound() {
    String yaml = clean() + """
          - {name: typo-product, grant: {products: [sales.ordrs], roles: [analyst]}}
          - {name: typo-domain, deny: {products: ["salse.*"], roles: [partner]}}
        """;
    assertEquals(List.of(
        new GovernanceFinding("policy-matches-products", Severity.ERROR, "policy typo-product",
            "grant 'typo-product' names 'sales.ordrs', but domain sales has no product 'ordrs'"
                + " (its products: customers, orders)", at(yaml, "typo-product")),
        new GovernanceFinding("policy-matches-products", Severity.ERROR, "policy typo-domain",
            "deny 'typo-domain' names 'salse.*', but the mesh has no domain 'salse' (its domains: sales)",
            at(yaml, "typo-domain"))), load(yaml));
  }

  @Test
  void patternsAndTagsMatchCaseInsensitivelyAndGrantsMayNameTheAudit() {
    String yaml = clean() + """
          - {name: mixed-case, grant: {products: [SALES.Orders, "Sales.*"]}}
          - {name: auditors, grant: {products: [sys.audit], roles: [auditor]}}
          - {name: no-contractors, deny: {products: ["sys.*"], roles: [contractor]}}
          - {name: pii-upper, mask: {tags: [PII], with: redact}}
        """;
    assertEquals(List.of(), findings(yaml));
  }

  @Test
  void sysHoldsOnlyTheAuditAndNoProductsForFiltersOrMasks() {
    String yaml = clean() + """
          - {name: auditors, grant: {products: [sys.audti], roles: [auditor]}}
          - {name: audit-filter, rowFilter: {products: ["sys.*"], where: "principal = :user"}}
        """;
    assertEquals(List.of(
        at(yaml, "name: auditors") + ": policy-matches-products: grant 'auditors' names 'sys.audti',"
            + " but sys has no table 'audti' (its tables: audit, mesh_changes)",
        at(yaml, "name: audit-filter") + ": policy-matches-products: row filter 'audit-filter' names 'sys.*',"
            + " but row filters and masks apply to data products, and sys holds none"), findings(yaml));
  }

  @Test
  void aDomainPolicyIsCheckedLikeAGlobalOne() {
    String yaml = edit(clean(), "    products:\n      - name: customers",
        "    policies:\n      - {name: sales-rounding, mask: {products: [sales.order], columns: [amount], with: nullify}}\n"
            + "    products:\n      - name: customers");
    assertEquals(List.of(at(yaml, "sales-rounding") + ": policy-matches-products: mask 'sales-rounding' names"
        + " 'sales.order', but domain sales has no product 'order' (its products: customers, orders)"), findings(yaml));
  }

  @Test
  void aMaskColumnNoProductHasIsFoundWithTheProductsColumns() {
    String yaml = clean() + """
          - {name: phone-last4, mask: {products: [sales.customers], columns: [phne], with: last4}}
        """;
    assertEquals(List.of(new GovernanceFinding("policy-matches-columns", Severity.ERROR, "policy phone-last4",
        "mask 'phone-last4' names column phne, which product sales.customers does not have"
            + " (its columns: id, name, nation_id, phone)", at(yaml, "phone-last4"))), load(yaml));
  }

  @Test
  void aMaskColumnMustBeInOneOfItsProductsInAnyCase() {
    // amounts-rounded names sales.* and only orders has an amount: that is how masks by column are written.
    String fine = clean() + """
          - {name: phone-last4, mask: {products: [sales.customers, sales.orders], columns: [PHONE, Amount], with: last4}}
        """;
    assertEquals(List.of(), findings(fine));
    String yaml = edit(clean(), "columns: [amount]", "columns: [amount, total]");
    assertEquals(List.of(at(yaml, "amounts-rounded") + ": policy-matches-columns: mask 'amounts-rounded' names"
        + " column total, which none of its products has (sales.customers, sales.orders)"), findings(yaml));
  }

  @Test
  void aMaskOverManyProductsCountsThemInsteadOfListingThem() {
    StringBuilder more = new StringBuilder();
    for (int i = 1; i <= 4; i++) {
      more.append("      - {name: orders_").append(i).append(", description: Copy, sql: SELECT * FROM erp.orders}\n");
    }
    String yaml = edit(clean(), "sql: SELECT * FROM erp.orders}\n", "sql: SELECT * FROM erp.orders}\n" + more) + """
          - {name: ssn-hidden, mask: {products: ["*"], columns: [ssn], with: nullify}}
        """;
    assertEquals(List.of(at(yaml, "ssn-hidden") + ": policy-matches-columns: mask 'ssn-hidden' names column ssn,"
        + " which none of the 6 products it names has"), findings(yaml));
  }

  @Test
  void aRowFilterOverAnUnknownColumnIsFoundForEachProductItCovers() {
    String yaml = clean() + """
          - {name: eu-only, rowFilter: {products: ["sales.*"], roles: [analyst], where: "region = 'EU' OR nation_id < 3"}}
        """;
    assertEquals(List.of(
        at(yaml, "eu-only") + ": policy-matches-columns: row filter 'eu-only' names column region, which product"
            + " sales.customers does not have (its columns: id, name, nation_id, phone)",
        at(yaml, "eu-only") + ": policy-matches-columns: row filter 'eu-only' names columns region, nation_id, which"
            + " product sales.orders does not have (its columns: id, customer_id, amount)"), findings(yaml));
  }

  @Test
  void aRowFilterIsResolvedCaseInsensitivelyAndNeedsNoValuesToBeChecked() {
    String yaml = edit(clean(), "where: \"nation_id = :nation\"", "where: \"NATION_ID = :nation AND \\\"Name\\\" <> :user\"");
    assertEquals(List.of(), findings(yaml));
  }

  @Test
  void aRowFilterThatCannotApplyForAnotherReasonIsFoundToo() {
    String yaml = clean() + """
          - {name: not-boolean, rowFilter: {products: [sales.orders], where: "amount + 1"}}
          - {name: nested, rowFilter: {products: [sales.orders], where: "customer_id IN (SELECT id FROM product)"}}
          - {name: broken, rowFilter: {products: [sales.orders], where: "amount > > 1"}}
        """;
    List<GovernanceFinding> found = load(yaml);
    assertEquals(List.of("not-boolean", "nested", "broken"),
        found.stream().map(f -> f.subject().substring("policy ".length())).toList());
    assertTrue(found.get(0).message().startsWith("row filter 'not-boolean' is not a predicate over the columns of"
        + " product sales.orders: "), found.get(0).message());
    assertEquals("row filter 'nested' must be a plain predicate, without subqueries", found.get(1).message());
    assertTrue(found.get(2).message().startsWith("row filter 'broken' does not parse: "), found.get(2).message());
    found.forEach(f -> assertEquals("policy-matches-columns", f.rule()));
  }

  @Test
  void aMaskTagNoColumnDeclaresIsOnlyAWarningEvenInStrictMode() {
    String yaml = clean() + """
          - {name: secrets-hidden, mask: {tags: [secret], with: redact}}
          - {name: order-pii, mask: {products: [sales.orders], tags: [PII], with: redact}}
        strict: true
        """;
    assertEquals(List.of(
        new GovernanceFinding("mask-tags-declared", Severity.WARNING, "policy secrets-hidden",
            "mask 'secrets-hidden' selects columns tagged secret, but no column of any product declares that tag",
            at(yaml, "secrets-hidden")),
        new GovernanceFinding("mask-tags-declared", Severity.WARNING, "policy order-pii",
            "mask 'order-pii' selects columns tagged PII, but no column of its products declares that tag",
            at(yaml, "order-pii"))), load(yaml));
  }

  @Test
  void aPrincipalLackingAnAttributeAFilterBindsIsFoundAtTheirLine() throws SQLException {
    String yaml = clean() + """
          - {name: partners-read-orders, rowFilter: {products: [sales.orders], roles: [partner], where: "customer_id = :customer"}}
        """;
    yaml = edit(yaml, "{name: ann, roles: [analyst]}", "{name: ann, roles: [analyst, partner]}");
    assertEquals(List.of(
        at(yaml, "{name: ann") + ": principal-has-attributes: principal 'ann' has no attribute 'nation', which row"
            + " filter 'partners-see-their-nation' binds, so they see no rows of sales.customers (add the attribute,"
            + " or leave them out of the filter)",
        at(yaml, "{name: ann") + ": principal-has-attributes: principal 'ann' has no attribute 'customer', which"
            + " row filter 'partners-read-orders' binds, so they see no rows of sales.orders (add the attribute, or"
            + " leave them out of the filter)",
        at(yaml, "{name: bert") + ": principal-has-attributes: principal 'bert' has no attribute 'customer', which"
            + " row filter 'partners-read-orders' binds, so they see no rows of sales.orders (add the attribute, or"
            + " leave them out of the filter)"), findings(yaml));
    // What the finding predicts is what happens.
    try (Mesh mesh = Mesh.fromYaml(file()); Connection c = mesh.connect(mesh.principal("ann").orElseThrow())) {
      assertEquals(List.of(), rows(c, "SELECT id FROM sales.customers"));
    }
  }

  @Test
  void principalsLeftOutOfTheFilterOrWithoutAGrantAreNotFound() {
    String yaml = edit(edit(clean(), "{name: ann, roles: [analyst]}", "{name: ann, roles: [analyst, partner]}"),
        "roles: [partner], where:", "roles: [partner], exceptUsers: [ann], where:") + """
          - {name: partners-no-orders, deny: {products: [sales.orders], roles: [partner]}}
          - {name: partners-read-orders, rowFilter: {products: [sales.orders], roles: [partner], where: "customer_id = :customer"}}
        """;
    assertEquals(List.of(), findings(yaml));
  }

  @Test
  void strictModeFailsTheLoadListingEveryPolicyError() {
    String yaml = edit(edit(clean(), "products: [sales.customers], roles: [partner]",
        "products: [sales.customer], roles: [partner]"), "columns: [amount]", "columns: [amont]") + """
          - {name: eu-only, rowFilter: {products: [sales.orders], where: "region = 'EU'"}}
        strict: true
        """;
    // Patterns are checked before any source opens; columns once the products are validated.
    MeshException declared = loadFails(yaml);
    assertEquals(List.of(at(yaml, "partners-see-their-nation") + ": policy-matches-products: row filter"
        + " 'partners-see-their-nation' names 'sales.customer', but domain sales has no product 'customer'"
        + " (its products: customers, orders)"), declared.problems());
    String fixed = edit(yaml, "[sales.customer]", "[sales.customers]");
    MeshException columns = loadFails(fixed);
    assertEquals(List.of(
        at(fixed, "amounts-rounded") + ": policy-matches-columns: mask 'amounts-rounded' names column amont,"
            + " which none of its products has (sales.customers, sales.orders)",
        at(fixed, "eu-only") + ": policy-matches-columns: row filter 'eu-only' names column region, which product"
            + " sales.orders does not have (its columns: id, customer_id, amount)"), columns.problems());
    assertEquals("2 problems:", columns.getMessage().lines().findFirst().orElseThrow());
    // Without strict the same mesh loads, reports the same, and answers queries.
    assertEquals(columns.problems(), findings(edit(fixed, "strict: true\n", "")));
  }

  @Test
  void aProductWhoseSourceIsDownIsCheckedWhenItValidatesAndNeverFailsTheLoad() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("late"), "sa", "");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE orders(id INT PRIMARY KEY, amount DECIMAL(10,2))");
      s.execute("INSERT INTO orders VALUES (1, 5.00)");
    }
    Server server = Server.createTcpServer("-tcpPort", "0", "-baseDir", dir.toString()).start();
    int port = server.getPort();
    server.stop();
    String yaml = """
        name: late
        strict: true
        domains:
          - name: sales
            owner: ann@acme.example
            sources:
              - {name: erp, type: jdbc, url: "jdbc:h2:tcp://127.0.0.1:%d/late", user: sa, pool: {connectionTimeout: 500}}
            products:
              - {name: orders, description: One row per order, sql: SELECT * FROM erp.orders}
        policies:
          - {name: everyone-reads, grant: {products: ["*"]}}
          - {name: big-only, rowFilter: {products: [sales.orders], where: "total > 10"}}
        """.formatted(port);
    try (Mesh mesh = Mesh.fromYaml(write(file(), yaml))) {
      assertEquals(List.of("sales.orders"), List.copyOf(mesh.unavailableProducts().keySet()));
      assertEquals(List.of(), mesh.governanceFindings());
      server = Server.createTcpServer("-tcpPort", String.valueOf(port), "-baseDir", dir.toString()).start();
      try {
        // Past the source's one-second retry back-off, it is asked again.
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!mesh.unavailableProducts().isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(250);
        }
        assertEquals(Map.of(), mesh.unavailableProducts());
        assertEquals(List.of(at(yaml, "big-only") + ": policy-matches-columns: row filter 'big-only' names column"
            + " total, which product sales.orders does not have (its columns: id, amount)"),
            mesh.governanceFindings().stream().map(GovernanceFinding::toString).toList());
        // Found once, however often the product is used afterwards.
        try (Connection c = mesh.connect(Principal.of("ann"))) {
          assertThrows(SQLException.class, () -> rows(c, "SELECT * FROM sales.orders"));
        }
        assertEquals(1, mesh.governanceFindings().size());
      } finally {
        server.stop();
      }
    }
  }
}
