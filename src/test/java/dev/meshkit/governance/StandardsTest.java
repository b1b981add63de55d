package dev.meshkit.governance;

import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.line;
import static dev.meshkit.MeshTesting.rows;
import static dev.meshkit.MeshTesting.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.meshkit.GovernanceFinding;
import dev.meshkit.GovernanceFinding.Severity;
import dev.meshkit.Mesh;
import dev.meshkit.MeshException;
import dev.meshkit.Principal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Governance standards through the public API: built-in and declared rules, strict mode, scopes. */
class StandardsTest {

  static String url;

  @TempDir
  Path dir;

  @BeforeAll
  static void database() throws SQLException {
    url = h2("standards_test",
        "CREATE TABLE customers(id INT PRIMARY KEY, phone VARCHAR(20))",
        "CREATE TABLE orders(id INT PRIMARY KEY, amount DECIMAL(10,2))",
        "CREATE TABLE people(id INT PRIMARY KEY, salary INT)",
        "INSERT INTO customers VALUES (1, '555-0100')");
  }

  /** Meets every built-in standard; each test breaks it in one place. */
  private static String clean() {
    return """
        name: acme
        masking: {hashKey: "a-test-key-of-at-least-32-bytes-for-hash"}
        domains:
          - name: sales
            owner: ann@acme.example
            description: Orders and the customers who place them
            sources:
              - {name: erp, type: jdbc, url: %1$s, user: sa}
            products:
              - name: customers
                description: Everyone who bought
                sql: SELECT * FROM erp.customers
                columns:
                  - {name: phone, description: Contact phone, tags: [pii]}
              - name: orders
                description: One row per order
                sql: SELECT * FROM erp.orders
          - name: hr
            owner: bob@acme.example
            description: People and pay
            sources:
              - {name: staff, type: jdbc, url: %1$s, user: sa}
            products:
              - name: people
                description: Employees
                sql: SELECT * FROM staff.people
                columns:
                  - {name: salary, description: Yearly pay, tags: [confidential]}
        policies:
          - {name: everyone-reads, grant: {products: ["*"]}}
          - {name: pii-hashed, mask: {tags: [pii], with: hash}}
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

  /** {@code file:line} of the first line containing {@code snippet}. */
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
  void aMeshThatMeetsTheStandardsHasNoFindings() {
    assertEquals(List.of(), findings(clean()));
  }

  @Test
  void everyDomainHasAnOwner() {
    String yaml = edit(clean(), "    owner: bob@acme.example\n", "");
    assertEquals(List.of(new GovernanceFinding("domain-has-owner", Severity.ERROR, "domain hr",
        "domain hr has no owner (add 'owner' to the domain)", at(yaml, "- name: hr"))), load(yaml));
  }

  @Test
  void everyProductHasADescription() {
    String yaml = edit(clean(), "        description: One row per order\n", "");
    assertEquals(List.of(new GovernanceFinding("product-has-description", Severity.ERROR, "product sales.orders",
        "product sales.orders has no description", at(yaml, "- name: orders"))), load(yaml));
  }

  @Test
  void everyPiiColumnIsMasked() {
    String yaml = edit(clean(), "  - {name: pii-hashed, mask: {tags: [pii], with: hash}}\n", "");
    assertEquals(List.of(new GovernanceFinding("pii-is-masked", Severity.ERROR, "column sales.customers.phone",
        "column sales.customers.phone is tagged pii but no mask policy covers it"
            + " (add a mask that selects it by tag, or by products and columns)",
        at(yaml, "{name: phone"))), load(yaml));
  }

  @Test
  void aMaskCoversPiiByColumnOrInItsDomainButNotElsewhere() {
    String noMask = edit(clean(), "  - {name: pii-hashed, mask: {tags: [pii], with: hash}}\n", "");
    String byColumn = noMask + "  - {name: phone-last4, mask: {products: [sales.customers], columns: [PHONE],"
        + " with: last4}}\n";
    assertEquals(List.of(), findings(byColumn));
    String byDomain = edit(noMask, "    products:\n      - name: customers",
        "    policies:\n      - {name: sales-pii, mask: {tags: [pii], with: redact}}\n"
            + "    products:\n      - name: customers");
    assertEquals(List.of(), findings(byDomain));
    String otherProduct = noMask + "  - {name: orders-pii, mask: {products: [sales.orders], tags: [pii], with: hash}}\n";
    // The mask is found too: no column of sales.orders carries the tag it selects.
    assertEquals(List.of("pii-is-masked", "mask-tags-declared"),
        load(otherProduct).stream().map(GovernanceFinding::rule).toList());
  }

  @Test
  void domainOwnerMatches() {
    String yaml = edit(clean(), "owner: bob@acme.example", "owner: bob@elsewhere.example") + """
        standards:
          - {name: owners-at-acme, require: domainOwnerMatches, pattern: '.+@acme\\.example'}
        """;
    assertEquals(List.of(at(yaml, "- name: hr")
        + ": owners-at-acme: owner 'bob@elsewhere.example' of domain hr does not match pattern '.+@acme\\.example'"),
        findings(yaml));
  }

  @Test
  void domainOwnerMatchesNeedsAnOwner() {
    String yaml = edit(clean(), "    owner: bob@acme.example\n", "") + """
        standards:
          - {name: owners-at-acme, require: domainOwnerMatches, pattern: '.+@acme\\.example'}
        """;
    assertEquals(List.of(
        at(yaml, "- name: hr") + ": domain-has-owner: domain hr has no owner (add 'owner' to the domain)",
        at(yaml, "- name: hr") + ": owners-at-acme: domain hr has no owner to match pattern '.+@acme\\.example'"),
        findings(yaml));
  }

  @Test
  void domainDescribed() {
    String yaml = edit(clean(), "    description: People and pay\n", "") + """
        standards:
          - {name: domains-have-description, require: domainDescribed}
        """;
    assertEquals(List.of(at(yaml, "- name: hr") + ": domains-have-description: domain hr has no description"),
        findings(yaml));
  }

  @Test
  void domainOwnedAndProductDescribedCanBeDeclaredAsWarnings() {
    String yaml = clean() + """
        standards:
          - {name: owned, require: domainOwned, severity: warning}
          - {name: described, require: productDescribed, severity: warning}
        """;
    assertEquals(List.of(), findings(yaml));
    String broken = edit(edit(yaml, "    owner: bob@acme.example\n", ""), "        description: Employees\n", "");
    assertEquals(List.of("domain-has-owner ERROR domain hr", "product-has-description ERROR product hr.people",
            "owned WARNING domain hr", "described WARNING product hr.people"),
        load(broken).stream().map(f -> f.rule() + " " + f.severity() + " " + f.subject()).toList());
  }

  @Test
  void productNameMatches() {
    // Names are published in lower case, so the check sees Orders_ as orders_.
    String yaml = edit(clean(), "- name: orders", "- name: Orders_") + """
        standards:
          - {name: product-names-snake-case, require: productNameMatches, pattern: "[a-z][a-z0-9_]*[a-z0-9]"}
        """;
    assertEquals(List.of(at(yaml, "- name: Orders_")
        + ": product-names-snake-case: name of product sales.orders_ does not match pattern '[a-z][a-z0-9_]*[a-z0-9]'"),
        findings(yaml));
  }

  @Test
  void columnNameMatches() {
    String yaml = edit(clean(), "{name: salary,", "{name: _Salary,") + """
        standards:
          - {name: column-names-snake-case, require: columnNameMatches, pattern: "[a-z][a-z0-9_]*"}
        """;
    // The declared column is not one the product has, which another check reports.
    assertEquals(List.of(at(yaml, "{name: _Salary")
        + ": column-names-snake-case: name of column hr.people._salary does not match pattern '[a-z][a-z0-9_]*'"),
        findings(yaml).stream().filter(f -> f.contains("column-names-snake-case")).toList());
  }

  @Test
  void columnsDescribed() {
    String yaml = edit(clean(), "{name: salary, description: Yearly pay,", "{name: salary,") + """
        standards:
          - {name: columns-documented, require: columnsDescribed}
        """;
    assertEquals(List.of(at(yaml, "{name: salary")
        + ": columns-documented: column hr.people.salary has no description"), findings(yaml));
  }

  @Test
  void tagCoveredGeneralisesThePiiRule() {
    String yaml = clean() + """
        standards:
          - {name: confidential-masked, require: tagCovered, tag: confidential}
        """;
    assertEquals(List.of(at(yaml, "{name: salary") + ": confidential-masked: column hr.people.salary is tagged"
        + " confidential but no mask policy covers it (add a mask that selects it by tag, or by products and columns)"),
        findings(yaml));
  }

  @Test
  void domainsScopeAStandard() {
    String yaml = edit(edit(clean(), "{name: salary, description: Yearly pay,", "{name: salary,"),
        "{name: phone, description: Contact phone,", "{name: phone,") + """
        standards:
          - {name: hr-columns-documented, require: columnsDescribed, domains: [HR]}
        """;
    assertEquals(List.of(at(yaml, "{name: salary")
        + ": hr-columns-documented: column hr.people.salary has no description"), findings(yaml));
  }

  @Test
  void strictModeFailsTheLoadListingEveryError() {
    String yaml = edit(edit(edit(clean(), "    owner: bob@acme.example\n", ""),
        "        description: One row per order\n", ""),
        "  - {name: pii-hashed, mask: {tags: [pii], with: hash}}\n", "") + """
        strict: true
        standards:
          - {name: confidential-masked, require: tagCovered, tag: confidential, severity: warning}
        """;
    MeshException e = loadFails(yaml);
    List<String> errors = List.of(
        at(yaml, "- name: hr") + ": domain-has-owner: domain hr has no owner (add 'owner' to the domain)",
        at(yaml, "- name: orders") + ": product-has-description: product sales.orders has no description",
        at(yaml, "{name: phone") + ": pii-is-masked: column sales.customers.phone is tagged pii but no mask policy"
            + " covers it (add a mask that selects it by tag, or by products and columns)");
    assertEquals(errors, e.problems());
    assertEquals("3 problems:", e.getMessage().lines().findFirst().orElseThrow());
  }

  @Test
  void strictModeLoadsWhenOnlyWarningsAreFound() {
    String yaml = clean() + """
        strict: true
        standards:
          - {name: confidential-masked, require: tagCovered, tag: confidential, severity: warning}
        """;
    assertEquals(List.of(new GovernanceFinding("confidential-masked", Severity.WARNING, "column hr.people.salary",
        "column hr.people.salary is tagged confidential but no mask policy covers it"
            + " (add a mask that selects it by tag, or by products and columns)", at(yaml, "{name: salary"))),
        load(yaml));
  }

  @Test
  void withoutStrictTheMeshLoadsAndReportsTheSameFindings() throws SQLException {
    String yaml = edit(edit(clean(), "    owner: bob@acme.example\n", ""),
        "  - {name: pii-hashed, mask: {tags: [pii], with: hash}}\n", "");
    try (Mesh mesh = Mesh.fromYaml(write(file(), yaml)); Connection c = mesh.connect(Principal.of("ann"))) {
      assertEquals(List.of("domain-has-owner", "pii-is-masked"),
          mesh.governanceFindings().stream().map(GovernanceFinding::rule).toList());
      assertEquals(List.of("555-0100"), rows(c, "SELECT phone FROM sales.customers"));
    }
    MeshException strict = loadFails(yaml + "strict: true\n");
    assertEquals(findings(yaml), strict.problems());
  }

  @Test
  void meshesDeclaredInCodeAreCheckedToo() {
    try (Mesh mesh = Mesh.builder().name("acme")
        .domain("sales", d -> d.jdbcSource("erp", url, "sa", null).product("orders", "SELECT * FROM erp.orders"))
        .build()) {
      assertEquals(List.of("domain-has-owner: domain sales", "product-has-description: product sales.orders"),
          mesh.governanceFindings().stream().map(f -> f.rule() + ": " + f.subject()).toList());
    }
  }

  @Test
  void anUnknownCheckIsALoadErrorNamingTheAcceptedOnes() {
    String yaml = clean() + """
        standards:
          - {name: owners-known, require: ownerIs}
        """;
    MeshException e = loadFails(yaml);
    assertEquals(List.of(at(yaml, "require: ownerIs") + ": standard 'owners-known' requires unknown check 'ownerIs'"
        + " (accepted: domainOwned, domainOwnerMatches, domainDescribed, productDescribed, productNameMatches,"
        + " columnsDescribed, columnNameMatches, tagCovered)"), e.problems());
  }

  @Test
  void malformedStandardsAreLoadErrors() {
    String yaml = clean() + """
        standards:
          - {name: no-pattern, require: productNameMatches}
          - {name: bad-pattern, require: columnNameMatches, pattern: "[a-z"}
          - {name: no-such-domain, require: domainDescribed, domains: [sales, finance]}
          - {name: loud, require: domainDescribed, severity: fatal}
          - {name: pii-is-masked, require: tagCovered, tag: pii}
          - {name: stray, require: columnsDescribed, tag: pii}
          - {require: domainDescribed}
          - {name: no-pattern, require: domainDescribed}
        """;
    MeshException e = loadFails(yaml);
    assertEquals(List.of(
        at(yaml, "{name: no-pattern, require: productNameMatches") + ": standard 'no-pattern' needs a 'pattern'",
        at(yaml, "{name: bad-pattern") + ": 'pattern' of standard 'bad-pattern' is not a valid regular expression:"
            + " Unclosed character class",
        at(yaml, "{name: no-such-domain") + ": 'domains' of standard 'no-such-domain' names 'finance',"
            + " which the mesh does not declare",
        at(yaml, "{name: loud") + ": 'severity' of standard 'loud' must be error or warning, not 'fatal'",
        at(yaml, "{name: pii-is-masked") + ": standard name 'pii-is-masked' is taken by a built-in standard"
            + " (choose another name)",
        at(yaml, "{name: stray") + ": unknown field 'tag' in standard 'stray' (accepted: domains, name, require,"
            + " severity)",
        at(yaml, "{require: domainDescribed}") + ": standard #7 needs a 'name'",
        at(yaml, "{name: no-pattern, require: domainDescribed") + ": duplicate standard name 'no-pattern':"
            + " already declared at line " + line(yaml, "{name: no-pattern") + " (names are compared ignoring case)"),
        e.problems());
  }
}
