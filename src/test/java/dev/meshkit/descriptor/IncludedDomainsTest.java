package dev.meshkit.descriptor;

import static dev.meshkit.MeshTesting.rows;
import static dev.meshkit.MeshTesting.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.MeshException;
import dev.meshkit.Principal;
import dev.meshkit.model.DomainModel;
import dev.meshkit.model.MeshModel;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A platform descriptor that includes one file per domain, each owned by its team. */
class IncludedDomainsTest {

  private static final String PLATFORM = """
      name: shop
      include: ["domains/*.yaml"]
      principals:
        - {name: ann, roles: [analyst]}
      policies:
        - {name: analysts-read, grant: {products: ["*"], roles: [analyst]}}
      """;

  @TempDir
  Path dir;

  private Path platform(String text) {
    return write(dir.resolve("mesh.yaml"), text);
  }

  private MeshException failure(Path descriptor) {
    return assertThrows(MeshException.class, () -> DescriptorReader.read(descriptor, Map.of()));
  }

  @Test
  void eachDomainComesFromItsFileAndKnowsIt() {
    Path descriptor = platform(PLATFORM);
    write(dir.resolve("domains/sales.yaml"), """
        name: sales
        owner: sales@shop.example
        sources:
          - {name: files, type: csv, path: data}
        products:
          - {name: orders, sql: "SELECT * FROM files.orders"}
        """);
    write(dir.resolve("domains/hr.yaml"), """
        # The people team's domain.
        name: hr
        owner: people@shop.example
        """);
    MeshModel model = DescriptorReader.read(descriptor, Map.of());
    // Sorted by path, so the order is the same on every machine.
    assertEquals(List.of("hr", "sales"), model.domains().stream().map(DomainModel::name).toList());
    DomainModel sales = model.domains().get(1);
    String salesFile = dir.resolve("domains/sales.yaml").toString();
    assertEquals(salesFile + ":1", sales.location().toString());
    assertEquals(salesFile + ":6", sales.products().get(0).location().toString());
    assertEquals(salesFile + ":4", sales.sources().get(0).location().toString());
    assertEquals(dir.resolve("domains").toAbsolutePath(), sales.baseDir());
    assertEquals(dir.resolve("domains/hr.yaml") + ":2", model.domains().get(0).location().toString());
    assertEquals(dir.toAbsolutePath(), model.baseDir());
    assertEquals(List.of(descriptor.toAbsolutePath(), dir.resolve("domains/hr.yaml").toAbsolutePath(),
        dir.resolve("domains/sales.yaml").toAbsolutePath()), model.files());
    assertEquals(descriptor + ":6", model.policies().get(0).location().toString());
  }

  @Test
  void relativePathsInADomainFileResolveAgainstItsFolder() throws Exception {
    String url = dev.meshkit.MeshTesting.h2("included_seeded");
    Path descriptor = platform(PLATFORM);
    write(dir.resolve("domains/sales/seed.sql"), "CREATE TABLE orders(id INT); INSERT INTO orders VALUES (7);");
    write(dir.resolve("domains/sales/csv/nation.csv"), "nation_id,name\n1,France\n");
    write(dir.resolve("domains/sales.yaml"), """
        name: sales
        owner: sales@shop.example
        sources:
          - {name: erp, type: jdbc, url: "%s", user: sa, seed: [sales/seed.sql]}
          - {name: files, type: csv, path: sales/csv}
        products:
          - {name: orders, description: Orders, sql: "SELECT * FROM erp.orders"}
          - {name: nation, description: Nations, sql: "SELECT * FROM files.nation"}
        """.formatted(url));
    try (Mesh mesh = Mesh.fromYaml(descriptor);
         Connection c = mesh.connect(Principal.builder("ann").role("analyst").build())) {
      assertEquals(List.of("7"), rows(c, "SELECT id FROM sales.orders"));
      assertEquals(List.of("1,France"), rows(c, "SELECT nation_id, name FROM sales.nation"));
    }
  }

  @Test
  void aPlainListOfFilesWorksToo() {
    Path descriptor = platform("""
        name: shop
        include:
          - teams/b.yaml
          - teams/a.yaml
        """);
    write(dir.resolve("teams/a.yaml"), "name: a\n");
    write(dir.resolve("teams/b.yaml"), "name: b\n");
    MeshModel model = DescriptorReader.read(descriptor, Map.of());
    assertEquals(List.of("b", "a"), model.domains().stream().map(DomainModel::name).toList());
  }

  @Test
  void aDoubleStarGlobFindsFilesAtAnyDepthIncludingNone() {
    Path descriptor = platform("name: shop\ninclude: ['domains/**/*.yaml']\n");
    write(dir.resolve("domains/a.yaml"), "name: a\n");
    write(dir.resolve("domains/emea/b.yaml"), "name: b\n");
    write(dir.resolve("domains/emea/de/c.yaml"), "name: c\n");
    write(dir.resolve("domains/emea/notes.txt"), "not a domain\n");
    MeshModel model = DescriptorReader.read(descriptor, Map.of());
    assertEquals(List.of("a", "b", "c"), model.domains().stream().map(DomainModel::name).toList());
  }

  @Test
  void aGlobThatMatchesThePlatformFileLeavesItOut() {
    Path descriptor = platform("name: shop\ninclude: ['*.yaml']\n");
    write(dir.resolve("sales.yaml"), "name: sales\n");
    MeshModel model = DescriptorReader.read(descriptor, Map.of());
    assertEquals(List.of("sales"), model.domains().stream().map(DomainModel::name).toList());
  }

  @Test
  void aDomainFileMayNotDeclareWhatBelongsToThePlatform() {
    Path descriptor = platform(PLATFORM);
    Path sales = write(dir.resolve("domains/sales.yaml"), """
        name: sales
        owner: sales@shop.example
        principals:
          - {name: eve, roles: [admin]}
        policies:
          - {name: sales-read, grant: {products: ["sales.*"], roles: [analyst]}}
        standards:
          - {name: owners, require: domain-has-owner}
        domains:
          - {name: other}
        """);
    MeshException e = failure(descriptor);
    assertEquals(List.of(
        sales + ":4: field 'principals' belongs in the platform descriptor " + descriptor + ", not in a domain file"
            + " (a domain file holds one domain: description, members, name, owner, policies, products, sources)",
        sales + ":8: field 'standards' belongs in the platform descriptor " + descriptor + ", not in a domain file"
            + " (a domain file holds one domain: description, members, name, owner, policies, products, sources)",
        sales + ":10: a domain file holds exactly one domain, written at its top level (name, owner, sources,"
            + " products), not a 'domains' list; give each domain a file of its own"), e.problems());
  }

  @Test
  void problemsInADomainFileNameThatFileAndLine() {
    Path descriptor = platform(PLATFORM);
    Path sales = write(dir.resolve("domains/sales.yaml"), """
        name: sales
        owner: sales@shop.example
        products:
          - name: orders
            status: shipped
            sql: SELECT 1
        """);
    MeshException e = failure(descriptor);
    assertEquals(List.of(sales + ":5: field 'status' of product 'orders' of domain 'sales' must be one of"
        + " proposed, draft, active, deprecated, retired, not 'shipped'"), e.problems());
  }

  @Test
  void theSameDomainInTwoFilesNamesBoth() {
    Path descriptor = platform(PLATFORM);
    Path a = write(dir.resolve("domains/a.yaml"), "name: sales\n");
    Path b = write(dir.resolve("domains/b.yaml"), "# again\nname: Sales\n");
    MeshException e = failure(descriptor);
    assertEquals(List.of(b + ":2: duplicate domain name 'Sales': already declared as 'sales' at line 1 of " + a
        + " (names are compared ignoring case)"), e.problems());
  }

  @Test
  void aDomainInTheDescriptorAndInAFileClash() {
    Path descriptor = platform("""
        name: shop
        domains:
          - name: sales
        include: [sales.yaml]
        """);
    Path sales = write(dir.resolve("sales.yaml"), "name: sales\n");
    MeshException e = failure(descriptor);
    assertEquals(List.of(sales + ":1: duplicate domain name 'sales': already declared at line 3 of " + descriptor
        + " (names are compared ignoring case)"), e.problems());
  }

  @Test
  void aMissingFileAndAGlobMatchingNothingAreReportedAtTheInclude() {
    Path descriptor = platform("""
        name: shop
        include:
          - domains/*.yaml
          - sales.yaml
          - teams
        """);
    write(dir.resolve("teams/a.yaml"), "name: a\n");
    MeshException e = failure(descriptor);
    assertEquals(List.of(
        descriptor + ":3: include 'domains/*.yaml' matches no file (globs are relative to " + dir.toAbsolutePath() + ")",
        descriptor + ":3: include 'sales.yaml' names no file: " + dir.toAbsolutePath().resolve("sales.yaml")
            + " does not exist",
        descriptor + ":3: include 'teams' names no file: " + dir.toAbsolutePath().resolve("teams")
            + " is a folder (write a glob such as 'teams/*.yaml')"), e.problems());
  }

  @Test
  void malformedAndEmptyDomainFilesAreReportedAndTheOthersStillRead() {
    Path descriptor = platform(PLATFORM);
    Path broken = write(dir.resolve("domains/a.yaml"), "name: a\nowner: [unclosed\n");
    Path empty = write(dir.resolve("domains/b.yaml"), "# nothing yet\n");
    Path list = write(dir.resolve("domains/c.yaml"), "- name: c\n");
    Path bad = write(dir.resolve("domains/d.yaml"), "name: d\ncolour: blue\n");
    MeshException e = failure(descriptor);
    List<String> problems = e.problems();
    assertEquals(4, problems.size(), problems::toString);
    assertTrue(problems.get(0).startsWith(broken + ":3: malformed YAML"), problems.get(0));
    assertEquals(empty + ": the domain file is empty; it holds one domain, with at least a 'name'", problems.get(1));
    assertEquals(list + ":1: the domain file must be a mapping of fields (key: value), not a list", problems.get(2));
    assertTrue(problems.get(3).startsWith(bad + ":2: unknown field 'colour' in domain 'd'"), problems.get(3));
  }

  @Test
  void includedFilesAreNamedAsThePlatformIs() {
    platform(PLATFORM);
    write(dir.resolve("domains/sales.yaml"), "name: sales\nowner: [x\n");
    Path relative = Path.of("").toAbsolutePath().relativize(dir.resolve("mesh.yaml"));
    MeshException e = assertThrows(MeshException.class, () -> DescriptorReader.read(relative, Map.of()));
    assertTrue(e.problems().get(0).startsWith(relative.resolveSibling("domains/sales.yaml") + ":3: "),
        e.problems().toString());
  }
}
