package dev.meshkit.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.MeshException;
import dev.meshkit.model.ColumnModel;
import dev.meshkit.model.DomainModel;
import dev.meshkit.model.Location;
import dev.meshkit.model.MeshModel;
import dev.meshkit.model.PolicyModel;
import dev.meshkit.model.PolicyModel.Kind;
import dev.meshkit.model.PrincipalModel;
import dev.meshkit.model.ProductModel;
import dev.meshkit.model.SourceModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescriptorReaderTest {

  private static final Path BASE = Path.of("/meshes/acme");
  private static final Map<String, String> ENV = Map.of("SALES_DB_PASSWORD", "s3cret-pw",
      "MASK_KEY", "an-hmac-key-from-the-environment-0123456789");

  private static final String EXAMPLE = """
      name: acme
      description: The Acme mesh
      strict: true
      domains:
        - name: sales
          owner: sales-team@acme.example
          description: Customers, orders and their line items
          sources:
            - name: erp
              type: jdbc
              url: jdbc:h2:./data/sales
              user: sa
              password: ${SALES_DB_PASSWORD}
              pool: {max: 5, ratio: 0.5, readOnly: true}
              schemas: [public, archive]
          products:
            - name: orders
              description: One row per customer order
              sql: |
                SELECT * FROM erp.orders
              columns:
                - {name: phone, description: Contact phone, tags: [pii]}
                - name: total
            - {name: customer, sql: "SELECT * FROM erp.customer"}
          policies:
            - name: sales-managers-read
              grant: {products: "sales.*", roles: manager}
      principals:
        - {name: ann, roles: [analyst], attributes: {region: EU, level: 3}}
        - name: bob@acme.example
          roles: contractor
      policies:
        - name: analysts-read-sales
          grant: {products: ["sales.*"], roles: [analyst]}
        - name: contractors-no-hr
          deny: {products: ["hr.*"], roles: [contractor]}
        - name: analysts-see-their-region
          rowFilter: {products: ["sales.orders"], roles: [analyst], exceptRoles: [compliance], where: "region = :region"}
        - name: phone-last-four
          mask: {products: ["sales.customers"], columns: [phone], roles: [analyst], exceptRoles: [compliance], with: last4}
        - name: pii-hashed
          mask: {tags: [pii], roles: [analyst], exceptRoles: [compliance], with: hash}
        - name: emails.custom
          mask: {tags: [email], users: [bob@acme.example], exceptUsers: [ann], expression: "upper({column})"}
      masking: {hashKey: "${MASK_KEY}"}
      """;

  @Test
  void readsTheFullExample() {
    MeshModel mesh = parse(EXAMPLE);

    assertEquals("acme", mesh.name());
    assertEquals("The Acme mesh", mesh.description());
    assertTrue(mesh.strict());
    assertEquals(BASE.toAbsolutePath().normalize(), mesh.baseDir());
    assertEquals(new Location("mesh.yaml", 1), mesh.location());

    DomainModel sales = mesh.domains().get(0);
    assertEquals(1, mesh.domains().size());
    assertEquals("sales", sales.name());
    assertEquals("sales-team@acme.example", sales.owner());
    assertEquals("Customers, orders and their line items", sales.description());
    assertEquals(new Location("mesh.yaml", line(EXAMPLE, "- name: sales")), sales.location());

    SourceModel erp = sales.sources().get(0);
    assertEquals("erp", erp.name());
    assertEquals("jdbc", erp.type());
    assertEquals(line(EXAMPLE, "- name: erp"), erp.location().line());
    assertEquals(List.of("url", "user", "password", "pool", "schemas"), List.copyOf(erp.settings().keySet()));
    assertEquals("jdbc:h2:./data/sales", erp.settings().get("url"));
    assertEquals("s3cret-pw", erp.settings().get("password"));
    assertEquals(Map.of("max", 5L, "ratio", 0.5, "readOnly", true), erp.settings().get("pool"));
    assertEquals(List.of("public", "archive"), erp.settings().get("schemas"));
    assertFalse(erp.toString().contains("s3cret-pw"));

    ProductModel orders = sales.products().get(0);
    assertEquals("orders", orders.name());
    assertEquals("One row per customer order", orders.description());
    assertEquals("SELECT * FROM erp.orders", orders.sql());
    assertEquals(line(EXAMPLE, "- name: orders"), orders.location().line());
    ColumnModel phone = orders.columns().get(0);
    assertEquals(new ColumnModel("phone", "Contact phone", List.of("pii"), false, false, null,
        new Location("mesh.yaml", line(EXAMPLE, "{name: phone"))), phone);
    assertEquals(new ColumnModel("total", null, List.of(), false, false, null, new Location("mesh.yaml", line(EXAMPLE, "- name: total"))),
        orders.columns().get(1));
    ProductModel customer = sales.products().get(1);
    assertEquals("customer", customer.name());
    assertEquals("SELECT * FROM erp.customer", customer.sql());
    assertEquals(line(EXAMPLE, "{name: customer"), customer.location().line());

    PolicyModel domainGrant = sales.policies().get(0);
    assertEquals(Kind.GRANT, domainGrant.kind());
    assertEquals(List.of("sales.*"), domainGrant.products());
    assertEquals(List.of("manager"), domainGrant.roles());

    PrincipalModel ann = mesh.principals().get(0);
    assertEquals("ann", ann.name());
    assertEquals(List.of("analyst"), ann.roles());
    assertEquals(Map.of("region", "EU", "level", "3"), ann.attributes());
    assertEquals(line(EXAMPLE, "{name: ann"), ann.location().line());
    assertEquals("bob@acme.example", mesh.principals().get(1).name());
    assertEquals(List.of("contractor"), mesh.principals().get(1).roles());

    List<PolicyModel> policies = mesh.policies();
    assertEquals(List.of(Kind.GRANT, Kind.DENY, Kind.ROW_FILTER, Kind.MASK, Kind.MASK, Kind.MASK),
        policies.stream().map(PolicyModel::kind).toList());
    assertEquals(List.of("hr.*"), policies.get(1).products());
    assertEquals(List.of("contractor"), policies.get(1).roles());
    PolicyModel region = policies.get(2);
    assertEquals("analysts-see-their-region", region.name());
    assertEquals("region = :region", region.where());
    assertEquals(List.of("compliance"), region.exceptRoles());
    assertEquals(line(EXAMPLE, "- name: analysts-see-their-region"), region.location().line());
    PolicyModel lastFour = policies.get(3);
    assertEquals(List.of("sales.customers"), lastFour.products());
    assertEquals(List.of("phone"), lastFour.columns());
    assertEquals("last4", lastFour.with());
    assertNull(lastFour.expression());
    PolicyModel hashed = policies.get(4);
    assertEquals(List.of("pii"), hashed.tags());
    assertEquals(List.of(), hashed.products());
    assertEquals("hash", hashed.with());
    PolicyModel custom = policies.get(5);
    assertEquals("upper({column})", custom.expression());
    assertEquals(List.of("bob@acme.example"), custom.users());
    assertEquals(List.of("ann"), custom.exceptUsers());
  }

  @Test
  void minimalMeshHasDefaults() {
    MeshModel mesh = parse("name: tiny\n");
    assertEquals("tiny", mesh.name());
    assertNull(mesh.description());
    assertFalse(mesh.strict());
    assertTrue(mesh.domains().isEmpty());
    assertTrue(mesh.principals().isEmpty());
    assertTrue(mesh.policies().isEmpty());
  }

  @Test
  void malformedYamlIsOneProblemWithLineAndColumn() {
    MeshException e = fail("""
        name: acme
        domains:
          - name: sales
            owner: [a, b
        """);
    assertEquals(1, e.problems().size());
    String message = e.problems().get(0);
    assertTrue(message.startsWith("mesh.yaml:5: malformed YAML at column 1: "), message);
    assertTrue(message.contains("expected ',' or ']'"), message);
    assertTrue(message.contains("(while parsing a flow sequence at line 4)"), message);
    assertFalse(message.contains("Exception"), message);
    assertFalse(message.contains("\n"), message);
  }

  @Test
  void topLevelMustBeAMapping() {
    assertProblems("- name: acme\n", "mesh.yaml:1: the descriptor must be a mapping of fields (key: value), not a list");
    assertProblems("  \n# nothing\n", "mesh.yaml: the descriptor is empty; it needs at least a 'name'");
  }

  @Test
  void reportsWrongKindsOfValues() {
    assertProblems("""
        name: acme
        strict: sometimes
        domains: sales
        principals:
          - name: [ann]
            attributes: [region]
        """,
        "mesh.yaml:2: field 'strict' of the mesh must be true or false",
        "mesh.yaml:3: field 'domains' of the mesh must be a list, not a single value",
        "mesh.yaml:5: field 'name' of principal #1 must be a single value, not a list",
        "mesh.yaml:6: attributes of principal #1 must be a mapping of fields (key: value), not a list");
  }

  @Test
  void reportsMissingRequiredFields() {
    assertProblems("""
        description: no name
        domains:
          - owner: nobody
          - name: sales
            sources:
              - {name: erp}
            products:
              - name: orders
                sql: "  "
        """,
        "mesh.yaml:1: the mesh needs a 'name'",
        "mesh.yaml:3: domain #1 needs a 'name'",
        "mesh.yaml:6: source 'erp' of domain 'sales' needs a 'type'",
        "mesh.yaml:9: field 'sql' of product 'orders' of domain 'sales' must not be empty");
  }

  @Test
  void reportsUnknownFieldsWithWhereAndWhatIsAccepted() {
    assertProblems("""
        name: acme
        domain: []
        domains:
          - name: sales
            products:
              - name: orders
                sqll: SELECT 1
                sql: SELECT 1
                columns:
                  - {name: id, pii: true}
        """,
        "mesh.yaml:2: unknown field 'domain' in the mesh"
            + " (accepted: description, domains, include, masking, name, policies, principals, settings, standards, strict)",
        "mesh.yaml:7: unknown field 'sqll' in product 'orders' of domain 'sales'"
            + " (accepted: columns, deprecation, description, discoverable, name, owner, primaryKey, quality, qualitySchedule, sla, sql,"
            + " status,"
            + " support, tags, version)",
        "mesh.yaml:10: unknown field 'pii' in column 'id' of product 'orders' of domain 'sales'"
            + " (accepted: classification, description, name, primaryKey, references, required, tags, unique)");
  }

  @Test
  void reportsDuplicateDomainsIgnoringCase() {
    assertProblems("""
        name: acme
        domains:
          - name: sales
          - name: Sales
        """,
        "mesh.yaml:4: duplicate domain name 'Sales': already declared as 'sales' at line 3"
            + " (names are compared ignoring case)");
  }

  @Test
  void reportsDuplicateSourcesProductsAndColumns() {
    assertProblems("""
        name: acme
        domains:
          - name: sales
            sources:
              - {name: erp, type: jdbc}
              - {name: ERP, type: csv}
            products:
              - name: orders
                sql: SELECT 1
                columns: [{name: id}, {name: id}]
              - {name: orders, sql: SELECT 2}
        """,
        "mesh.yaml:6: duplicate source name 'ERP' in domain 'sales': already declared as 'erp' at line 5"
            + " (names are compared ignoring case)",
        "mesh.yaml:10: duplicate column name 'id' in product 'orders' of domain 'sales':"
            + " already declared at line 10 (names are compared ignoring case)",
        "mesh.yaml:11: duplicate product name 'orders' in domain 'sales': already declared at line 8"
            + " (names are compared ignoring case)");
  }

  @Test
  void sameNamesInDifferentScopesAreFine() {
    MeshModel mesh = parse("""
        name: acme
        domains:
          - name: sales
            sources: [{name: db, type: jdbc}]
            products: [{name: orders, sql: SELECT 1, columns: [{name: id}]}]
          - name: hr
            sources: [{name: db, type: jdbc}]
            products: [{name: orders, sql: SELECT 1, columns: [{name: id}]}]
        """);
    assertEquals(2, mesh.domains().size());
  }

  @Test
  void reportsDuplicatePrincipalsAndPoliciesAcrossTheMesh() {
    assertProblems("""
        name: acme
        domains:
          - name: sales
            policies:
              - {name: read-all, grant: {products: "sales.*", roles: a}}
        principals:
          - {name: ann}
          - {name: ANN}
        policies:
          - {name: Read-All, grant: {products: "*", roles: a}}
        """,
        "mesh.yaml:8: duplicate principal name 'ANN': already declared as 'ann' at line 7"
            + " (names are compared ignoring case)",
        "mesh.yaml:10: duplicate policy name 'Read-All': already declared as 'read-all' at line 5"
            + " (names are compared ignoring case)");
  }

  @Test
  void reportsAKeyGivenTwice() {
    assertProblems("""
        name: acme
        name: other
        """,
        "mesh.yaml:2: field 'name' is given twice (also at line 1)");
  }

  @Test
  void reportsASourceThatWouldHideADomain() {
    assertProblems("""
        name: acme
        domains:
          - name: sales
            sources:
              - {name: HR, type: jdbc}
          - name: hr
        """,
        "mesh.yaml:5: source 'HR' of domain 'sales' has the same name as domain 'hr' (line 6),"
            + " which it would hide inside product SQL; rename the source");
  }

  @Test
  void checksNames() {
    assertProblems("""
        name: my mesh
        domains:
          - name: 1sales
            sources: [{name: erp-db, type: jdbc}]
            products: [{name: orders, sql: SELECT 1, columns: [{name: "a b"}]}]
        principals:
          - {name: "ann smith"}
          - {name: "ann.smith+ops@acme.example"}
        policies:
          - {name: "-x", grant: {products: "*"}}
          - {name: "_a.b-c", grant: {products: "*"}}
        """,
        "mesh.yaml:1: mesh name 'my mesh' is not valid: use letters, digits and '_', starting with a letter or '_'",
        "mesh.yaml:3: domain name '1sales' is not valid: use letters, digits and '_', starting with a letter or '_'",
        "mesh.yaml:4: source name 'erp-db' is not valid: use letters, digits and '_', starting with a letter or '_'",
        "mesh.yaml:5: column name 'a b' is not valid: use letters, digits and '_', starting with a letter or '_'",
        "mesh.yaml:7: principal name 'ann smith' is not valid: it must not contain spaces or control characters",
        "mesh.yaml:10: policy name '-x' is not valid:"
            + " use letters, digits, '_', '-' and '.', starting with a letter or '_'");
  }

  @Test
  void substitutesEnvironmentVariablesEverywhere() {
    MeshModel mesh = DescriptorReader.parse("""
        name: ${MESH:-acme}
        strict: ${STRICT}
        domains:
          - name: sales
            sources:
              - {name: erp, type: jdbc, url: "jdbc:h2:${DIR}/sales", note: "$${DIR} stays", empty: "${EMPTY:-fallback}"}
            products:
              - {name: orders, sql: "SELECT * FROM erp.${TABLE}"}
        policies:
          - name: region
            rowFilter: {products: "sales.orders", where: "region = '${REGION:-EU}'"}
        """, "mesh.yaml", BASE, Map.of("STRICT", "yes", "DIR", "/srv", "EMPTY", "", "TABLE", "orders_v2"));
    assertEquals("acme", mesh.name());
    assertTrue(mesh.strict());
    Map<String, Object> settings = mesh.domains().get(0).sources().get(0).settings();
    assertEquals("jdbc:h2:/srv/sales", settings.get("url"));
    assertEquals("${DIR} stays", settings.get("note"));
    assertEquals("fallback", settings.get("empty"));
    assertEquals("SELECT * FROM erp.orders_v2", mesh.domains().get(0).products().get(0).sql());
    assertEquals("region = 'EU'", mesh.policies().get(0).where());
  }

  @Test
  void reportsMissingVariablesByNameOnly() {
    MeshException e = fail("""
        name: acme
        domains:
          - name: sales
            sources:
              - name: erp
                type: jdbc
                user: ${SALES_DB_USER}
                password: ${SALES_DB_PASSWORD}
                url: "${BROKEN"
                other: "${not-a-name}"
        """, Map.of("SALES_DB_USER", "sa"));
    assertEquals(List.of(
        "mesh.yaml:8: environment variable SALES_DB_PASSWORD is not set",
        "mesh.yaml:9: unclosed '${' in a value (write '$${' for a literal '${')",
        "mesh.yaml:10: '${not-a-name}' does not name an environment variable (use ${NAME} or ${NAME:-default})"),
        e.problems());
  }

  @Test
  void neverEchoesASubstitutedValue() {
    MeshException e = fail("""
        name: acme
        policies:
          - {name: p, grant: {products: ["${SECRET}"]}}
          - {name: q, mask: {tags: pii, with: "${SECRET}"}}
        """, Map.of("SECRET", "hunter2"));
    assertEquals(2, e.problems().size());
    assertTrue(e.problems().get(0).contains("product pattern '${SECRET}'"), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
  }

  @Test
  void rejectsPoliciesWithoutOrWithSeveralKinds() {
    assertProblems("""
        name: acme
        policies:
          - {name: none}
          - name: two
            grant: {products: "*"}
            deny: {products: "*"}
          - {name: odd, grant: {products: "*"}, deny: {products: "*"}, mask: {tags: pii, with: hash}}
        """,
        "mesh.yaml:3: policy 'none' needs one of grant, deny, rowFilter or mask",
        "mesh.yaml:4: policy 'two' has 'grant' and 'deny'; a policy has exactly one of grant, deny, rowFilter or mask",
        "mesh.yaml:7: policy 'odd' has 'grant' and 'deny' and 'mask';"
            + " a policy has exactly one of grant, deny, rowFilter or mask");
  }

  @Test
  void checksMaskShapes() {
    assertProblems("""
        name: acme
        policies:
          - {name: no-how, mask: {tags: pii}}
          - {name: two-hows, mask: {tags: pii, with: hash, expression: "md5({column})"}}
          - {name: bad-with, mask: {tags: pii, with: sha256}}
          - {name: bad-expression, mask: {tags: pii, expression: "md5(phone)"}}
          - {name: no-target, mask: {with: hash}}
          - {name: both-targets, mask: {products: "sales.*", columns: phone, tags: pii, with: hash}}
          - {name: columns-alone, mask: {columns: phone, with: hash}}
        masking: {hashKey: "a-test-key-of-at-least-32-bytes-for-hash"}
        """,
        "mesh.yaml:3: mask of policy 'no-how' needs exactly one of 'with' (a built-in mask) or 'expression'",
        "mesh.yaml:4: mask of policy 'two-hows' needs exactly one of 'with' (a built-in mask) or 'expression'",
        "mesh.yaml:5: 'with' in mask of policy 'bad-with' must be one of first4, hash, last4, nullify, redact, year,"
            + " or use 'expression' instead",
        "mesh.yaml:6: 'expression' in mask of policy 'bad-expression' must contain {column},"
            + " which stands for the masked column",
        "mesh.yaml:7: mask of policy 'no-target' needs either 'columns' (with 'products') or 'tags', not neither",
        "mesh.yaml:8: mask of policy 'both-targets' needs either 'columns' (with 'products') or 'tags', not both",
        "mesh.yaml:9: mask of policy 'columns-alone' names 'columns' so it needs 'products' too");
  }

  @Test
  void checksGrantDenyAndRowFilterShapes() {
    assertProblems("""
        name: acme
        policies:
          - {name: g, grant: {roles: analyst}}
          - {name: d, deny: {products: "hr.*", where: "1 = 1"}}
          - {name: r, rowFilter: {products: "sales.orders"}}
          - {name: m, grant: "sales.*"}
        """,
        "mesh.yaml:3: grant of policy 'g' needs 'products' (patterns such as 'sales.*')",
        "mesh.yaml:4: unknown field 'where' in deny of policy 'd'"
            + " (accepted: exceptRoles, exceptUsers, products, roles, users)",
        "mesh.yaml:5: rowFilter of policy 'r' needs a 'where'",
        "mesh.yaml:6: grant of policy 'm' must be a mapping of fields (key: value), not a single value");
  }

  @Test
  void checksProductPatterns() {
    assertProblems("""
        name: acme
        policies:
          - {name: p, grant: {products: ["sales", "sales.orders.x", "*.orders", "sales.*", "sales.orders", "*"]}}
        """,
        "mesh.yaml:3: product pattern 'sales' in grant of policy 'p' is not valid:"
            + " use '*', 'domain.*' or 'domain.product'",
        "mesh.yaml:3: product pattern 'sales.orders.x' in grant of policy 'p' is not valid:"
            + " use '*', 'domain.*' or 'domain.product'",
        "mesh.yaml:3: product pattern '*.orders' in grant of policy 'p' is not valid:"
            + " use '*', 'domain.*' or 'domain.product'");
  }

  @Test
  void domainPoliciesStayInsideTheirDomain() {
    assertProblems("""
        name: acme
        domains:
          - name: sales
            policies:
              - {name: own, grant: {products: ["SALES.orders", "sales.*"]}}
              - {name: reach, grant: {products: ["hr.*"]}}
              - {name: all, deny: {products: "*"}}
        """,
        "mesh.yaml:6: grant of policy 'reach' of domain 'sales' may only name products of its own domain, not 'hr.*'",
        "mesh.yaml:7: deny of policy 'all' of domain 'sales' may only name products of its own domain, not '*'");
  }

  @Test
  void collectsAllProblemsInOneException() {
    MeshException e = fail("""
        name: acme
        domains:
          - name: sales
            colour: blue
            products:
              - {name: orders}
        policies:
          - {name: p}
        """);
    assertEquals(3, e.problems().size());
    assertTrue(e.getMessage().startsWith("3 problems:"), e.getMessage());
  }

  @Test
  void capsAliasExpansion() {
    StringBuilder yaml = new StringBuilder("name: acme\nlol0: &l0 [a, a, a, a, a, a, a, a, a]\n");
    for (int i = 1; i < 10; i++) {
      yaml.append("lol").append(i).append(": &l").append(i).append(" [");
      yaml.append(String.join(", ", Collections.nCopies(9, "*l" + (i - 1)))).append("]\n");
    }
    MeshException e = fail(yaml.toString());
    assertEquals(List.of("mesh.yaml: cannot be read as YAML:"
        + " Number of aliases for non-scalar nodes exceeds the specified max=20"), e.problems());
  }

  @Test
  void rejectsSelfReferencingSettings() {
    assertProblems("""
        name: acme
        domains:
          - name: sales
            sources:
              - {name: erp, type: jdbc, loop: &a [x, *a]}
        """,
        "mesh.yaml:5: setting 'loop' of source 'erp' of domain 'sales' refers to itself through a YAML alias");
  }

  @Test
  void readsAFileAndResolvesBaseDirFromARelativePath(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("mesh.yaml"), "name: acme\n");
    Path relative = Path.of("").toAbsolutePath().relativize(file);
    assertFalse(relative.isAbsolute());

    MeshModel mesh = DescriptorReader.read(relative, Map.of());

    assertEquals(dir.toRealPath(), mesh.baseDir().toRealPath());
    assertTrue(mesh.baseDir().isAbsolute());
    assertEquals(mesh.baseDir(), mesh.baseDir().normalize());
    assertEquals(new Location(relative.toString(), 1), mesh.location());
  }

  @Test
  void namesTheFileInProblems(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("mesh.yaml"), "name: acme\nextra: 1\n");
    MeshException e = assertThrows(MeshException.class, () -> DescriptorReader.read(file, Map.of()));
    assertEquals(List.of(file + ":2: unknown field 'extra' in the mesh"
        + " (accepted: description, domains, include, masking, name, policies, principals, settings, standards, strict)"), e.problems());

    Path missing = dir.resolve("nope.yaml");
    e = assertThrows(MeshException.class, () -> DescriptorReader.read(missing, Map.of()));
    assertEquals(missing + ": no such file", e.getMessage());
  }

  private static MeshModel parse(String yaml) {
    return DescriptorReader.parse(yaml, "mesh.yaml", BASE, ENV);
  }

  private static MeshException fail(String yaml) {
    return fail(yaml, ENV);
  }

  private static MeshException fail(String yaml, Map<String, String> env) {
    return assertThrows(MeshException.class, () -> DescriptorReader.parse(yaml, "mesh.yaml", BASE, env));
  }

  private static void assertProblems(String yaml, String... expected) {
    assertEquals(List.of(expected), fail(yaml).problems());
  }

  /** 1-based line of the first line containing {@code text}. */
  private static int line(String yaml, String text) {
    String[] lines = yaml.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError("no line contains " + text);
  }
}
