package dev.meshkit;

import static dev.meshkit.MeshTesting.assertNoStackTrace;
import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.line;
import static dev.meshkit.MeshTesting.rows;
import static dev.meshkit.MeshTesting.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a mesh: what a correct descriptor gives, and how each kind of mistake is reported. */
class MeshTest {

  static String url;

  @TempDir
  Path dir;

  @BeforeAll
  static void database() throws SQLException {
    url = h2("mesh_test",
        "CREATE TABLE orders(id INT PRIMARY KEY, amount DECIMAL(10,2))",
        "INSERT INTO orders VALUES (1, 5.00), (2, 70.00)");
  }

  /** A mesh with domain sales, source erp on the H2 database and the given product entries. */
  private static String descriptor(String products) {
    return """
        name: acme
        domains:
          - name: sales
            sources:
              - name: erp
                type: jdbc
                url: %s
                user: sa
            products:
        %s
        policies:
          - {name: everyone-reads-everything, grant: {products: ["*"]}}
        """.formatted(url, products.indent(6).stripTrailing());
  }

  private MeshException loadFails(String yaml) {
    Path file = write(dir.resolve("mesh.yaml"), yaml);
    MeshException e = assertThrows(MeshException.class, () -> Mesh.fromYaml(file).close());
    assertNoStackTrace(e.getMessage());
    return e;
  }

  private String file() {
    return dir.resolve("mesh.yaml").toString();
  }

  @Test
  void loadsADescriptorAndAnswersQueries() throws SQLException {
    Path file = write(dir.resolve("mesh.yaml"), descriptor("- {name: orders, sql: SELECT * FROM erp.orders}"));
    try (Mesh mesh = Mesh.fromYaml(file); Connection c = mesh.connect(Principal.of("ann"))) {
      assertEquals("acme", mesh.name());
      assertEquals(Map.of(), mesh.unavailableProducts());
      assertEquals(List.of("1,5.00", "2,70.00"), rows(c, "SELECT id, amount FROM sales.orders ORDER BY id"));
    }
  }

  @Test
  void fileSourcesResolveTheirFolderAgainstTheDescriptor() throws SQLException {
    write(dir.resolve("data/csv/accounts.csv"), "id,name\n1,Ann\n2,Bob\n");
    write(dir.resolve("data/jsonl/events.jsonl"), "{\"account\": 1, \"kind\": \"login\"}\n{\"account\": 2, \"kind\": \"logout\"}\n");
    Path file = write(dir.resolve("mesh.yaml"), """
        name: acme
        domains:
          - name: crm
            sources:
              - {name: files, type: csv, path: data/csv}
              - {name: log, type: jsonl, path: data/jsonl}
            products:
              - name: activity
                sql: SELECT a.name, e.kind FROM files.accounts a JOIN log.events e ON e.account = a.id
        policies:
          - {name: everyone-reads-everything, grant: {products: ["*"]}}
        """);
    try (Mesh mesh = Mesh.fromYaml(file); Connection c = mesh.connect(Principal.of("ann"))) {
      assertEquals(List.of("Ann,login", "Bob,logout"), rows(c, "SELECT name, kind FROM crm.activity ORDER BY name"));
    }
  }

  @Test
  void malformedYamlNamesFileLineAndColumn() {
    String yaml = """
        name: acme
        domains:
          - name: sales
            owner: [a, b
        """;
    MeshException e = loadFails(yaml);
    assertEquals(1, e.problems().size());
    assertTrue(e.getMessage().startsWith(file() + ":5: malformed YAML at column 1: "), e.getMessage());
    assertTrue(e.getMessage().contains("(while parsing a flow sequence at line 4)"), e.getMessage());
  }

  @Test
  void unknownFieldNamesItsLineAndTheAcceptedOnes() {
    String yaml = """
        name: acme
        domains:
          - name: sales
            ownr: team@acme
        """;
    MeshException e = loadFails(yaml);
    assertEquals(file() + ":4: unknown field 'ownr' in domain 'sales'"
        + " (accepted: description, members, name, owner, policies, products, sources)", e.getMessage());
  }

  @Test
  void duplicateNamesAreReportedWithBothLines() {
    String yaml = """
        name: acme
        domains:
          - name: sales
            products:
              - {name: orders, sql: SELECT 1}
              - {name: Orders, sql: SELECT 2}
          - name: SALES
        """;
    MeshException e = loadFails(yaml);
    assertEquals(List.of(
        file() + ":6: duplicate product name 'Orders' in domain 'sales': already declared as 'orders' at line 5"
            + " (names are compared ignoring case)",
        file() + ":7: duplicate domain name 'SALES': already declared as 'sales' at line 3"
            + " (names are compared ignoring case)"), e.problems());
  }

  @Test
  void unknownSourceTypeListsTheKnownTypes() {
    String yaml = """
        name: acme
        domains:
          - name: sales
            sources:
              - {name: docs, type: mongo, uri: "mongodb://localhost"}
        """;
    MeshException e = loadFails(yaml);
    assertEquals(file() + ":5: source 'docs' of domain 'sales' has unknown type 'mongo' (known types: csv, jdbc, jsonl)",
        e.getMessage());
  }

  @Test
  void missingEnvironmentVariableIsNamedWithoutLoading() {
    String yaml = """
        name: acme
        domains:
          - name: sales
            sources:
              - name: erp
                type: jdbc
                url: ${SALES_DB_URL}
        """;
    Path file = write(dir.resolve("mesh.yaml"), yaml);
    MeshException e = assertThrows(MeshException.class,
        () -> Mesh.builder().descriptor(file).environment(Map.of()).build().close());
    assertEquals(file + ":7: environment variable SALES_DB_URL is not set", e.getMessage());
  }

  @Test
  void productSqlThatDoesNotParseNamesTheProduct() {
    String yaml = descriptor("- {name: bad, sql: SELECT id FROM erp.orders WHERE}");
    MeshException e = loadFails(yaml);
    // Calcite's first line only: the token and position, without its list of expected tokens.
    assertEquals(file() + ":" + line(yaml, "name: bad") + ": product sales.bad: SQL does not parse: "
        + "Encountered \"<EOF>\" at line 1, column 31.", e.getMessage());
  }

  @Test
  void productSqlNamingAnUnknownTableNamesProductAndTable() {
    String yaml = descriptor("- {name: bad, sql: SELECT * FROM erp.invoices}");
    MeshException e = loadFails(yaml);
    assertEquals(1, e.problems().size());
    assertTrue(e.getMessage().startsWith(file() + ":" + line(yaml, "name: bad") + ": product sales.bad: "),
        e.getMessage());
    assertTrue(e.getMessage().contains("Object 'invoices' not found within 'erp'"), e.getMessage());
  }

  @Test
  void productSqlNamingAnUnknownColumnNamesProductAndColumn() {
    String yaml = descriptor("- {name: bad, sql: \"SELECT id, discount FROM erp.orders\"}");
    MeshException e = loadFails(yaml);
    assertEquals(1, e.problems().size());
    assertTrue(e.getMessage().startsWith(file() + ":" + line(yaml, "name: bad") + ": product sales.bad: "),
        e.getMessage());
    assertTrue(e.getMessage().contains("Column 'discount' not found"), e.getMessage());
  }

  @Test
  void everyProductOfADependencyCycleIsReportedWithTheCycle() {
    String yaml = descriptor("""
        - {name: a, sql: SELECT * FROM sales.b}
        - {name: b, sql: SELECT * FROM sales.a}
        """);
    MeshException e = loadFails(yaml);
    assertEquals(List.of(
        file() + ":" + line(yaml, "{name: a,") + ": product sales.a: cyclic product dependency: sales.a -> sales.b -> sales.a",
        file() + ":" + line(yaml, "{name: b,") + ": product sales.b: cyclic product dependency: sales.b -> sales.a -> sales.b"),
        e.problems());
  }

  @Test
  void aProductReadingItselfIsACycle() {
    String yaml = descriptor("- {name: a, sql: SELECT * FROM sales.a}");
    MeshException e = loadFails(yaml);
    assertEquals(file() + ":" + line(yaml, "{name: a,") + ": product sales.a: cyclic product dependency: sales.a -> sales.a",
        e.getMessage());
  }

  @Test
  void aQueryNamingAnUnknownProductNamesIt() throws SQLException {
    Path file = write(dir.resolve("mesh.yaml"), descriptor("- {name: orders, sql: SELECT * FROM erp.orders}"));
    try (Mesh mesh = Mesh.fromYaml(file); Connection c = mesh.connect(Principal.of("ann"))) {
      SQLException e = assertThrows(SQLException.class, () -> rows(c, "SELECT * FROM sales.invoices"));
      assertTrue(e.getMessage().contains("Object 'invoices' not found within 'sales'"), e.getMessage());
      assertNoStackTrace(e.getMessage());
      SQLException domain = assertThrows(SQLException.class, () -> rows(c, "SELECT * FROM hr.people"));
      assertTrue(domain.getMessage().contains("Object 'hr' not found"), domain.getMessage());
    }
  }

  @Test
  void builderDeclarationsAreCheckedLikeADescriptor() {
    MeshException e = assertThrows(MeshException.class, () -> Mesh.builder().grant("everyone-reads-everything", "*").name("acme")
        .domain("sales", d -> d.jdbcSource("erp", url, "sa", "").product("bad", "SELECT nope FROM erp.orders"))
        .build().close());
    assertTrue(e.getMessage().contains("product sales.bad: "), e.getMessage());
    assertTrue(e.getMessage().contains("Column 'nope' not found"), e.getMessage());
    assertNoStackTrace(e.getMessage());
  }
}
