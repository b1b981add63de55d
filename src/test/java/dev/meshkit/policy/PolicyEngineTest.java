package dev.meshkit.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.MeshException;
import dev.meshkit.Principal;
import dev.meshkit.descriptor.DescriptorReader;
import dev.meshkit.model.Location;
import dev.meshkit.model.MeshModel;
import dev.meshkit.model.PolicyModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyEngineTest {

  private static final Principal ANN = Principal.builder("ann").role("analyst").attribute("region", "EU").build();
  private static final Principal BOB = Principal.of("bob", "contractor");
  private static final Principal CAROL = Principal.builder("carol").role("analyst").role("senior")
      .attribute("region", "US").build();

  /** A mesh with domains sales (orders, customers) and hr (people), and the given policies. */
  private static PolicyEngine engine(String globalPolicies, String salesPolicies) {
    String yaml = """
        name: acme
        policies:
        %s
        domains:
          - name: Sales
            sources: [{name: erp, type: anything}]
            products:
              - name: orders
                sql: SELECT * FROM erp.orders
                columns: [{name: region}, {name: total}]
              - name: customers
                sql: SELECT * FROM erp.customers
                columns:
                  - {name: phone, tags: [pii]}
                  - {name: email, tags: [PII, contact]}
                  - {name: name}
            policies:
        %s
          - name: hr
            products:
              - {name: people, sql: SELECT 1, columns: [{name: salary, tags: [pii]}]}
        masking: {hashKey: "a-test-key-of-at-least-32-bytes-for-hash"}
        """.formatted(globalPolicies.indent(2), salesPolicies.indent(6));
    return new PolicyEngine(DescriptorReader.parse(yaml, "mesh.yaml", Path.of("."), Map.of()));
  }

  private static PolicyEngine engine(String globalPolicies) {
    return engine(globalPolicies, "");
  }

  private static final String ANALYSTS_READ_SALES = """
      - name: analysts-read-sales
        grant: {products: ["sales.*"], roles: [analyst]}
      """;

  // Access

  @Test
  void deniesByDefault() {
    PolicyEngine engine = engine("");
    AccessDecision decision = engine.decide(ANN, "sales", "orders");
    assertFalse(decision.allowed());
    assertNull(decision.decidingPolicy());
    assertEquals("no policy grants it", decision.reason());
    assertEquals(List.of(), decision.appliedPolicyNames());
    assertFalse(engine.canRead(ANN, "sales", "orders"));
  }

  @Test
  void grantsByRole() {
    PolicyEngine engine = engine(ANALYSTS_READ_SALES);
    AccessDecision decision = engine.decide(ANN, "sales", "orders");
    assertTrue(decision.allowed());
    assertEquals("analysts-read-sales", decision.decidingPolicy());
    assertEquals("granted by policy 'analysts-read-sales'", decision.reason());
    assertEquals(List.of("analysts-read-sales"), decision.appliedPolicyNames());
    assertFalse(engine.canRead(BOB, "sales", "orders"));
    assertFalse(engine.canRead(ANN, "hr", "people"));
  }

  @Test
  void grantsByUser() {
    PolicyEngine engine = engine("""
        - name: bob-reads-hr
          grant: {products: ["hr.people"], users: [bob]}
        """);
    assertTrue(engine.canRead(BOB, "hr", "people"));
    assertFalse(engine.canRead(ANN, "hr", "people"));
    // User names are exact, like the JDBC user that resolves them.
    assertFalse(engine.canRead(Principal.of("Bob"), "hr", "people"));
  }

  @Test
  void grantWithoutRolesOrUsersAppliesToEveryone() {
    PolicyEngine engine = engine("""
        - name: everyone-reads-orders
          grant: {products: ["sales.orders"]}
        """);
    assertTrue(engine.canRead(Principal.of("nobody"), "sales", "orders"));
  }

  @Test
  void exceptRolesAndExceptUsersTakePeopleBackOut() {
    PolicyEngine engine = engine("""
        - name: all-but-interns-and-ann
          grant: {products: ["*"], exceptRoles: [intern], exceptUsers: [ann]}
        """);
    assertTrue(engine.canRead(BOB, "hr", "people"));
    assertFalse(engine.canRead(ANN, "hr", "people"));
    assertFalse(engine.canRead(Principal.of("ivy", "intern"), "hr", "people"));
  }

  @Test
  void denyBeatsGrant() {
    PolicyEngine engine = engine("""
        - name: everyone-reads-all
          grant: {products: ["*"]}
        - name: contractors-no-hr
          deny: {products: ["hr.*"], roles: [contractor]}
        """);
    AccessDecision decision = engine.decide(BOB, "hr", "people");
    assertFalse(decision.allowed());
    assertEquals("contractors-no-hr", decision.decidingPolicy());
    assertEquals("denied by policy 'contractors-no-hr'", decision.reason());
    assertEquals(List.of("contractors-no-hr"), decision.appliedPolicyNames());
    assertTrue(engine.canRead(ANN, "hr", "people"));
    assertTrue(engine.canRead(BOB, "sales", "orders"));
  }

  @Test
  void domainGrantAloneNeverGrants() {
    PolicyEngine engine = engine("", """
        - name: sales-analysts
          grant: {products: ["sales.*"], roles: [analyst]}
        """);
    AccessDecision decision = engine.decide(ANN, "sales", "orders");
    assertFalse(decision.allowed());
    assertNull(decision.decidingPolicy());
    assertEquals("no policy grants it", decision.reason());
  }

  @Test
  void domainGrantNarrowsGlobalGrant() {
    PolicyEngine engine = engine(ANALYSTS_READ_SALES, """
        - name: sales-seniors-only
          grant: {products: ["sales.orders"], roles: [senior]}
        """);
    AccessDecision ann = engine.decide(ANN, "sales", "orders");
    assertFalse(ann.allowed());
    assertEquals("sales-seniors-only", ann.decidingPolicy());
    assertEquals("domain 'sales' grants it only through policy 'sales-seniors-only',"
        + " which does not include this principal", ann.reason());

    AccessDecision carol = engine.decide(CAROL, "sales", "orders");
    assertTrue(carol.allowed());
    assertEquals("analysts-read-sales", carol.decidingPolicy());
    assertEquals(List.of("analysts-read-sales", "sales-seniors-only"), carol.appliedPolicyNames());

    // The allow-list covers only orders; customers is left to the global grant.
    assertTrue(engine.canRead(ANN, "sales", "customers"));
  }

  @Test
  void domainDenyApplies() {
    PolicyEngine engine = engine(ANALYSTS_READ_SALES, """
        - name: no-customers-for-ann
          deny: {products: ["sales.customers"], users: [ann]}
        """);
    assertEquals("denied by policy 'no-customers-for-ann'", engine.decide(ANN, "sales", "customers").reason());
    assertTrue(engine.canRead(ANN, "sales", "orders"));
    assertTrue(engine.canRead(CAROL, "sales", "customers"));
  }

  @Test
  void productPatternsMatchCaseInsensitively() {
    PolicyEngine engine = engine("""
        - name: one-product
          grant: {products: ["SALES.Orders"], users: [ann]}
        - name: one-domain
          grant: {products: ["Hr.*"], users: [bob]}
        - name: everything
          grant: {products: ["*"], users: [carol]}
        """);
    assertTrue(engine.canRead(ANN, "sales", "ORDERS"));
    assertFalse(engine.canRead(ANN, "sales", "customers"));
    assertTrue(engine.canRead(BOB, "HR", "people"));
    assertFalse(engine.canRead(BOB, "sales", "orders"));
    assertTrue(engine.canRead(CAROL, "sales", "customers"));
    assertTrue(engine.canRead(CAROL, "hr", "People"));
  }

  @Test
  void sysNeedsAGrantThatNamesIt() {
    PolicyEngine engine = engine("""
        - name: everything
          grant: {products: ["*"]}
        - name: auditors-read-sys
          grant: {products: ["sys.*"], roles: [auditor]}
        """);
    Principal auditor = Principal.of("ada", "auditor");
    assertTrue(engine.canRead(auditor, "sys", "audit"));
    assertEquals("auditors-read-sys", engine.decide(auditor, "SYS", "audit").decidingPolicy());
    assertEquals(List.of("auditors-read-sys"), engine.sysPolicies(auditor));
    assertFalse(engine.canRead(ANN, "sys", "audit"));
    assertEquals(List.of(), engine.sysPolicies(ANN));
  }

  @Test
  void wildcardDenyReachesSys() {
    PolicyEngine engine = engine("""
        - name: auditors-read-sys
          grant: {products: ["sys.audit"], roles: [auditor]}
        - name: no-contractors
          deny: {products: ["*"], roles: [contractor]}
        """);
    Principal both = Principal.of("eve", "auditor", "contractor");
    assertEquals("denied by policy 'no-contractors'", engine.decide(both, "sys", "audit").reason());
    assertEquals(List.of("auditors-read-sys", "no-contractors"), engine.sysPolicies(both));
  }

  // Seeing inside products

  @Test
  void explainComesWithAGrantThatSaysSoAndNeverWithoutRead() {
    PolicyEngine engine = engine(ANALYSTS_READ_SALES + """
        - name: seniors-see-inside-orders
          grant: {products: ["sales.orders"], roles: [senior], explain: true}
        - name: contractors-see-inside
          grant: {products: ["*"], roles: [contractor], explain: true}
        - name: contractors-no-customers
          deny: {products: ["sales.customers"], roles: [contractor]}
        """, """
        - name: sales-shows-customers-to-ann
          grant: {products: ["sales.customers"], users: [ann, carol], explain: true}
        """);
    // ann reads orders, but no grant with explain: true chooses her for it.
    assertFalse(engine.canExplain(ANN, "sales", "orders"));
    assertTrue(engine.canExplain(CAROL, "sales", "orders"));
    // A domain's own grant may show its products' insides.
    assertTrue(engine.canExplain(ANN, "SALES", "Customers"));
    // A deny beats it, and so does a domain allow-list that leaves the principal out.
    assertFalse(engine.canExplain(BOB, "sales", "customers"));
    assertTrue(engine.canExplain(BOB, "sales", "orders"));
    assertFalse(engine.canExplain(Principal.of("dan", "senior"), "sales", "customers"));
    // explain: true is part of the policies a principal's plans depend on.
    assertNotEquals(engine.fingerprint(ANN), engine.fingerprint(Principal.builder("ann2").role("analyst")
        .attribute("region", "EU").build()));
  }

  @Test
  void explainIsAGrantsFlag() {
    MeshException onDeny = assertThrows(MeshException.class, () -> engine("""
        - name: odd
          deny: {products: ["sales.*"], explain: true}
        """));
    assertTrue(onDeny.getMessage().contains("unknown field 'explain' in deny of policy 'odd'"), onDeny.getMessage());
    MeshException notBoolean = assertThrows(MeshException.class, () -> engine("""
        - name: vague
          grant: {products: ["sales.*"], explain: sometimes}
        """));
    assertTrue(notBoolean.getMessage().contains("field 'explain' of grant of policy 'vague' must be true or false"),
        notBoolean.getMessage());
  }

  // Row filters

  @Test
  void everyApplicableRowFilterApplies() {
    PolicyEngine engine = engine(ANALYSTS_READ_SALES + """
        - name: analysts-see-their-region
          rowFilter: {products: ["sales.orders"], roles: [analyst], exceptRoles: [compliance], where: "region = :region"}
        - name: big-orders-only
          rowFilter: {products: ["sales.*"], where: "total > 100"}
        - name: not-for-orders
          rowFilter: {products: ["sales.customers"], where: "1 = 0"}
        """, """
        - name: own-orders
          rowFilter: {products: ["sales.orders"], where: "owner = :user"}
        """);
    AccessDecision decision = engine.decide(ANN, "sales", "orders");
    assertEquals(List.of(
            new RowFilter("analysts-see-their-region", "region = ?", List.of("EU"), false, null),
            new RowFilter("big-orders-only", "total > 100", List.of(), false, null),
            new RowFilter("own-orders", "owner = ?", List.of("ann"), false, null)),
        decision.rowFilters());
    assertEquals(List.of("analysts-read-sales", "analysts-see-their-region", "big-orders-only", "own-orders"),
        decision.appliedPolicyNames());

    Principal compliance = Principal.builder("cy").role("analyst").role("compliance").build();
    assertEquals(List.of("big-orders-only", "own-orders"),
        engine.decide(compliance, "sales", "orders").rowFilters().stream().map(RowFilter::policy).toList());
  }

  @Test
  void parametersInsideQuotesAreText() {
    PolicyEngine engine = engine(ANALYSTS_READ_SALES + """
        - name: tricky
          rowFilter:
            products: ["sales.orders"]
            where: "note <> 'it''s :region' AND \\"odd:col\\" = :region AND region::text <> ':user' AND owner = :user"
        """);
    RowFilter filter = engine.decide(ANN, "sales", "orders").rowFilters().get(0);
    assertEquals("note <> 'it''s :region' AND \"odd:col\" = ? AND region::text <> ':user' AND owner = ?",
        filter.predicateWithPlaceholders());
    assertEquals(List.of("EU", "ann"), filter.values());
  }

  @Test
  void attributeValuesAreBoundNotSpliced() {
    PolicyEngine engine = engine(ANALYSTS_READ_SALES + """
        - name: region
          rowFilter: {products: ["sales.orders"], where: "region = :region"}
        """);
    Principal mallory = Principal.builder("mallory").role("analyst").attribute("region", "x' OR '1'='1").build();
    RowFilter filter = engine.decide(mallory, "sales", "orders").rowFilters().get(0);
    assertEquals("region = ?", filter.predicateWithPlaceholders());
    assertEquals(List.of("x' OR '1'='1"), filter.values());
    assertFalse(filter.toString().contains("OR"), "values stay out of toString");
  }

  @Test
  void missingAttributeMakesFilterUnsatisfiable() {
    PolicyEngine engine = engine(ANALYSTS_READ_SALES + """
        - name: region-and-team
          rowFilter: {products: ["sales.orders"], where: "region = :region AND team = :team"}
        """);
    RowFilter filter = engine.decide(ANN, "sales", "orders").rowFilters().get(0);
    assertTrue(filter.unsatisfiable());
    assertEquals("team", filter.missingAttribute());
    assertEquals(List.of(), filter.values());
  }

  @Test
  void unusableWhereFailsConstruction() {
    MeshException unterminated = assertThrows(MeshException.class, () -> engine("""
        - name: broken
          rowFilter: {products: ["sales.orders"], where: "region = 'EU"}
        """));
    assertTrue(unterminated.getMessage().startsWith("mesh.yaml:"), unterminated.getMessage());
    assertTrue(unterminated.getMessage().endsWith("policy 'broken' has a 'where' that cannot be used:"
        + " it has an unterminated string literal starting at character 10"), unterminated.getMessage());
    MeshException placeholder = assertThrows(MeshException.class, () -> engine("""
        - name: positional
          rowFilter: {products: ["sales.orders"], where: "region = ?"}
        """));
    assertTrue(placeholder.getMessage().endsWith("it contains '?'; name parameters as :attribute or :user instead"),
        placeholder.getMessage());
  }

  @Test
  void deniedDecisionsCarryNoFiltersOrMasks() {
    PolicyEngine engine = engine("""
        - name: region
          rowFilter: {products: ["*"], where: "region = :region"}
        - name: pii-hashed
          mask: {tags: [pii], with: hash}
        """);
    AccessDecision decision = engine.decide(ANN, "sales", "customers");
    assertEquals(List.of(), decision.rowFilters());
    assertEquals(Map.of(), decision.masks());
  }

  // Masks

  private static final String READ_ALL = """
      - name: read-all
        grant: {products: ["*"]}
      """;

  @Test
  void masksByColumnsAndByTags() {
    PolicyEngine engine = engine(READ_ALL + """
        - name: phone-last-four
          mask: {products: ["sales.customers"], columns: [PHONE], roles: [analyst], exceptRoles: [compliance], with: last4}
        - name: pii-hashed
          mask: {tags: [pii], roles: [analyst], with: hash}
        """);
    Map<String, ColumnMask> masks = engine.decide(ANN, "sales", "customers").masks();
    assertEquals(Map.of(
        "phone", new ColumnMask("phone-last-four", "phone", "last4", null),
        "email", new ColumnMask("pii-hashed", "email", "hash", null)), masks);
    // The tag reaches every domain; hr.people.salary is tagged too.
    assertEquals(Map.of("salary", new ColumnMask("pii-hashed", "salary", "hash", null)),
        engine.decide(ANN, "hr", "people").masks());
    assertEquals(Map.of(), engine.decide(BOB, "sales", "customers").masks());
  }

  @Test
  void tagMaskWithProductsStaysWithinThem() {
    PolicyEngine engine = engine(READ_ALL + """
        - name: sales-pii
          mask: {products: ["sales.*"], tags: [pii], with: nullify}
        """);
    assertEquals(List.of("phone", "email"), List.copyOf(engine.decide(ANN, "sales", "customers").masks().keySet()));
    assertEquals(Map.of(), engine.decide(ANN, "hr", "people").masks());
  }

  @Test
  void firstMatchingMaskWinsGlobalThenDomain() {
    PolicyEngine engine = engine(READ_ALL + """
        - name: contact-redacted
          mask: {tags: [contact], with: redact}
        - name: pii-hashed
          mask: {tags: [pii], with: hash}
        """, """
        - name: sales-phone-first4
          mask: {products: ["sales.customers"], columns: [phone, name], with: first4}
        - name: sales-name-custom
          mask: {products: ["sales.customers"], columns: [name], expression: "UPPER({column})"}
        """);
    Map<String, ColumnMask> masks = engine.decide(ANN, "sales", "customers").masks();
    assertEquals("pii-hashed", masks.get("phone").policy());
    assertEquals("contact-redacted", masks.get("email").policy());
    assertEquals(new ColumnMask("sales-phone-first4", "name", "first4", null), masks.get("name"));
  }

  @Test
  void expressionMasksAndUndeclaredColumns() {
    PolicyEngine engine = engine(READ_ALL, """
        - name: hide-notes
          mask: {products: ["sales.customers"], columns: [notes], expression: "CASE WHEN {column} IS NULL THEN NULL ELSE '***' END"}
        """);
    AccessDecision decision = engine.decide(ANN, "sales", "customers", List.of("Name", "Notes"));
    assertEquals(Map.of("notes",
            new ColumnMask("hide-notes", "Notes", null, "CASE WHEN {column} IS NULL THEN NULL ELSE '***' END")),
        decision.masks());
    assertEquals(List.of("read-all", "hide-notes"), decision.appliedPolicyNames());
  }

  // Fingerprints

  private static final String FINGERPRINTED = READ_ALL + """
      - name: region
        rowFilter: {products: ["sales.orders"], roles: [analyst], where: "region = :region"}
      - name: pii-hashed
        mask: {tags: [pii], roles: [analyst], with: hash}
      """;

  @Test
  void fingerprintIsSharedByPrincipalsWhoSeeTheSame() {
    PolicyEngine engine = engine(FINGERPRINTED);
    Principal ann = Principal.builder("ann").role("analyst").attribute("region", "EU").build();
    Principal dan = Principal.builder("dan").role("analyst").attribute("region", "EU").attribute("desk", "7").build();
    assertEquals(engine.fingerprint(ann), engine.fingerprint(dan));
    assertEquals(64, engine.fingerprint(ann).length());
    for (String product : List.of("orders", "customers")) {
      assertEquals(engine.decide(ann, "sales", product), engine.decide(dan, "sales", product));
    }
  }

  @Test
  void fingerprintChangesWithWhatThePrincipalSees() {
    PolicyEngine engine = engine(FINGERPRINTED + """
        - name: own-rows
          rowFilter: {products: ["hr.people"], users: [ann, bob], where: "name = :user"}
        """);
    String eu = engine.fingerprint(Principal.builder("x").role("analyst").attribute("region", "EU").build());
    String us = engine.fingerprint(Principal.builder("x").role("analyst").attribute("region", "US").build());
    String none = engine.fingerprint(Principal.builder("x").role("analyst").build());
    String empty = engine.fingerprint(Principal.builder("x").role("analyst").attribute("region", "").build());
    String noRole = engine.fingerprint(Principal.builder("x").attribute("region", "EU").build());
    assertEquals(5, List.of(eu, us, none, empty, noRole).stream().distinct().count());
    // :user makes the name matter, but only for principals the filter applies to.
    assertNotEquals(engine.fingerprint(Principal.of("ann")), engine.fingerprint(Principal.of("bob")));
    assertEquals(engine.fingerprint(Principal.of("cy")), engine.fingerprint(Principal.of("dee")));
    // The region filter does not apply without the analyst role, so region is irrelevant then.
    assertEquals(engine.fingerprint(Principal.builder("x").attribute("region", "EU").build()),
        engine.fingerprint(Principal.builder("x").attribute("region", "US").build()));
  }

  @Test
  void equalFingerprintsMeanEqualDecisions() {
    PolicyEngine engine = engine(FINGERPRINTED + """
        - name: contractors-no-hr
          deny: {products: ["hr.*"], roles: [contractor]}
        - name: own-rows
          rowFilter: {products: ["hr.people"], users: [ann], where: "name = :user"}
        """, """
        - name: sales-seniors-only
          grant: {products: ["sales.customers"], roles: [senior]}
        """);
    List<Principal> principals = List.of(ANN, BOB, CAROL,
        Principal.builder("ann2").role("analyst").attribute("region", "EU").build(),
        Principal.builder("ann").role("analyst").attribute("region", "EU").attribute("desk", "9").build(),
        Principal.of("bob2", "contractor"), Principal.of("zed"), Principal.of("ann"));
    List<List<String>> products = List.of(List.of("sales", "orders"), List.of("sales", "customers"),
        List.of("hr", "people"), List.of("sys", "audit"));
    int shared = 0;
    for (Principal a : principals) {
      for (Principal b : principals) {
        if (a != b && engine.fingerprint(a).equals(engine.fingerprint(b))) {
          shared++;
          for (List<String> p : products) {
            assertEquals(engine.decide(a, p.get(0), p.get(1)), engine.decide(b, p.get(0), p.get(1)), a + " / " + b);
          }
        }
      }
    }
    // Ordered pairs: ann with her twin who has a desk, and bob with bob2. ann2 and plain ann differ
    // from them because own-rows names ann.
    assertEquals(4, shared);
  }

  @Test
  void modelsBuiltInCodeAreCheckedToo() {
    PolicyModel half = new PolicyModel("half-mask", PolicyModel.Kind.MASK, List.of(), List.of("pii"), List.of(),
        List.of(), List.of(), List.of(), List.of(), null, null, null, false, Location.CODE);
    MeshModel model = new MeshModel("m", null, false, List.of(), List.of(), List.of(half), List.of(), null,
        Path.of("."), Location.CODE);
    MeshException e = assertThrows(MeshException.class, () -> new PolicyEngine(model));
    assertEquals("<builder>: policy 'half-mask' needs exactly one of 'with' or 'expression'", e.getMessage());
  }
}
