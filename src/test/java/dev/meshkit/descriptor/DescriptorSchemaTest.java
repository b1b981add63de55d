package dev.meshkit.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.DescriptorSchema;
import dev.meshkit.MeshException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON Schema in the jar matches what the reader accepts: every descriptor in the repository
 * conforms to it, and descriptors the reader refuses for their shape are refused by it too.
 * Docs snippets that are whole descriptors are checked by DocsSnippetsTest.
 */
class DescriptorSchemaTest {

  /** Every YAML file of the repository that is a descriptor or a domain file. */
  static List<Path> descriptors() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String root : List.of("examples", "src/test/resources", "src/main")) {
      try (Stream<Path> walk = Files.walk(Path.of(root))) {
        walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().forEach(files::add);
      }
    }
    return files;
  }

  @TestFactory
  Stream<DynamicTest> everyDescriptorInTheRepositoryConforms() throws IOException {
    List<Path> files = descriptors();
    assertTrue(files.contains(Path.of("examples/acme/mesh.yaml")), files::toString);
    assertTrue(files.contains(Path.of("examples/acme/domains/sales.yaml")), files::toString);
    return files.stream().map(file -> DynamicTest.dynamicTest(file.toString(),
        () -> assertEquals(List.of(), DescriptorSchema.problems(Files.readString(file)), file.toString())));
  }

  @Test
  void theExampleFilesNameTheSchemaForEditors() throws IOException {
    List<Path> examples = descriptors().stream().filter(p -> p.startsWith("examples")).toList();
    assertEquals(4, examples.size(), examples::toString);
    for (Path file : examples) {
      String first = Files.readAllLines(file).get(0);
      assertTrue(first.startsWith("# yaml-language-server: $schema="), file + ": " + first);
      Path schema = file.getParent().resolve(first.substring(first.indexOf('=') + 1)).normalize();
      assertEquals(Path.of("src/main/resources" + DescriptorSchema.RESOURCE), schema, file.toString());
    }
  }

  /** Descriptors the reader refuses for their shape alone, each for one reason. */
  @ParameterizedTest
  @ValueSource(strings = {
      "description: no name\n",
      "name: m\ncolour: blue\n",
      "name: m\nstrict: maybe\n",
      "name: m\nsettings: {maxQueryRows: -1}\n",
      "name: m\nsettings: {rows: 5}\n",
      "name: m\ninclude: {a: b}\n",
      "name: m\ndomains:\n  - {name: s, colour: blue}\n",
      "name: m\ndomains:\n  - {name: 's-1'}\n",
      "name: m\ndomains:\n  - name: s\n    sources: [{name: erp}]\n",
      "name: m\ndomains:\n  - name: s\n    members: {groups: [a]}\n",
      "name: m\ndomains:\n  - name: s\n    products: [{name: p}]\n",
      "name: m\ndomains:\n  - name: s\n    products: [{name: p, sql: SELECT 1, status: shipped}]\n",
      "name: m\ndomains:\n  - name: s\n    products: [{name: p, sql: SELECT 1, version: v2}]\n",
      "name: m\ndomains:\n  - name: s\n    products: [{name: p, sql: SELECT 1, sqll: x}]\n",
      "name: m\ndomains:\n  - name: s\n    products: [{name: p, sql: SELECT 1, qualitySchedule: 5 minutes}]\n",
      "name: m\ndomains:\n  - name: s\n    products: [{name: p, sql: SELECT 1, sla: {freshness: 1d, late: 2}}]\n",
      "name: m\ndomains:\n  - name: s\n    products: [{name: p, sql: SELECT 1, deprecation: {sunset: soon}}]\n",
      "name: m\ndomains:\n  - name: s\n    products: [{name: p, sql: SELECT 1, support: [{tool: slack}]}]\n",
      "name: m\ndomains:\n  - name: s\n    products: [{name: p, sql: SELECT 1, columns: [{name: c, pii: true}]}]\n",
      "name: m\ndomains:\n  - name: s\n    products: [{name: p, sql: SELECT 1, columns: [{name: c, classification: secret}]}]\n",
      "name: m\ndomains:\n  - name: s\n    products: [{name: p, sql: SELECT 1, columns: [{name: c, references: other.c}]}]\n",
      "name: m\ndomains:\n  - name: s\n    products: [{name: p, sql: SELECT 1, quality: [{metric: rowCount}]}]\n",
      "name: m\ndomains:\n  - name: s\n    products: [{name: p, sql: SELECT 1, quality: [{metric: rows, mustBe: 0}]}]\n",
      "name: m\ndomains:\n  - name: s\n    products: [{name: p, sql: SELECT 1, quality: [{metric: rowCount, mustBe: 0, mustNotBe: 1}]}]\n",
      "name: m\ndomains:\n  - name: s\n    products: [{name: p, sql: SELECT 1, quality: [{metric: nullValues, mustBe: 0}]}]\n",
      "name: m\ndomains:\n  - name: s\n    products: [{name: p, sql: SELECT 1, quality: [{metric: rowCount, mustBeBetween: 3}]}]\n",
      "name: m\ndomains:\n  - name: s\n    products: [{name: p, sql: SELECT 1, quality: [{metric: rowCount, mustBe: 0, severity: fatal}]}]\n",
      "name: m\nprincipals: [{name: ann, role: analyst}]\n",
      "name: m\nprincipals: [{name: ann, attributes: {'no good': 1}}]\n",
      "name: m\npolicies: [{name: p}]\n",
      "name: m\npolicies: [{name: p, grant: {products: ['*']}, deny: {products: ['*']}}]\n",
      "name: m\npolicies: [{name: p, grant: {roles: [a]}}]\n",
      "name: m\npolicies: [{name: p, grant: {products: [sales]}}]\n",
      "name: m\npolicies: [{name: p, rowFilter: {products: ['*']}}]\n",
      "name: m\npolicies: [{name: p, mask: {tags: [pii], with: blur}}]\n",
      "name: m\npolicies: [{name: p, mask: {tags: [pii]}}]\n",
      "name: m\npolicies: [{name: p, mask: {tags: [pii], with: last4, expression: 'x({column})'}}]\n",
      "name: m\npolicies: [{name: p, mask: {columns: [phone], with: last4}}]\n",
      "name: m\npolicies: [{name: p, mask: {tags: [pii], expression: upper(phone)}}]\n",
      "name: m\npolicies: [{name: p, grant: {products: ['*'], explain: perhaps}}]\n",
      "name: m\nstandards: [{name: s}]\n",
      "name: m\nstandards: [{name: s, require: everything}]\n",
      "name: m\nstandards: [{name: s, require: productNameMatches}]\n",
      "name: m\nstandards: [{name: s, require: productDescribed, severity: info}]\n",
      "name: m\nmasking: {key: abc}\n",
  })
  void whatTheReaderRefusesForItsShapeTheSchemaRefuses(String yaml) {
    assertThrows(MeshException.class, () -> DescriptorReader.parse(yaml, "mesh.yaml", Path.of("."), Map.of()));
    assertFalse(DescriptorSchema.problems(yaml).isEmpty(), yaml);
  }

  @Test
  void aDomainFileConformsAndMayNotHoldPlatformFields() {
    assertEquals(List.of(), DescriptorSchema.problems("""
        name: sales
        owner: sales@x.example
        members: {roles: [sales]}
        sources:
          - {name: erp, type: jdbc, url: "jdbc:h2:mem:x", user: sa, seed: [../sales.sql], pool: {max: 5}}
        products:
          - name: orders
            version: 1.2.0
            status: active
            sql: SELECT * FROM erp.orders
            columns: [{name: id, required: true, unique: yes}]
        policies:
          - {name: sales-read, grant: {products: ["sales.*"], roles: [sales]}}
        """));
    assertFalse(DescriptorSchema.problems("""
        name: sales
        owner: sales@x.example
        principals: [{name: ann}]
        """).isEmpty());
  }

  @Test
  void environmentVariablesAreAcceptedWhereTheReaderSubstitutesThem() {
    assertEquals(List.of(), DescriptorSchema.problems("""
        name: m
        strict: ${STRICT}
        settings: {maxQueryRows: "${MAX_ROWS}"}
        masking: {hashKey: "${MESHKIT_MASK_KEY}"}
        """));
  }
}
