package dev.meshkit.it.web;

import dev.meshkit.Mesh;
import dev.meshkit.PasswordHasher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The example mesh (examples/acme) copied to a folder of its own, so that its metadata store and
 * feedback start empty and stay out of the repository, with two additions the example lacks: a
 * domain {@code lab} whose draft product {@code lab.churn_forecast} only its member cora may
 * discover, and a steward gwen granted {@code sys}, who may see the governance pages. The sales
 * database gets a name of its own, so no other mesh in the JVM shares it.
 */
final class CatalogMesh {

  /** The example's demo passwords (examples/acme/mesh.yaml), and gwen's. */
  static final Map<String, String> PASSWORDS = Map.of("ann", "ann-demo", "cora", "cora-demo", "bert", "bert-demo",
      "gwen", "gwen-demo");
  static final String DRAFT = "lab.churn_forecast";

  private static final Path EXAMPLE = Path.of("examples", "acme");

  private CatalogMesh() {
  }

  /** Writes the mesh into {@code dir} and returns its descriptor. */
  static Path write(Path dir) {
    try {
      copy(EXAMPLE, dir);
      Path sales = dir.resolve("domains/sales.yaml");
      String salesDb = "acme-sales-" + UUID.randomUUID().toString().substring(0, 8);
      Files.writeString(sales, Files.readString(sales).replace("jdbc:h2:mem:acme-sales", "jdbc:h2:mem:" + salesDb));
      Files.writeString(dir.resolve("domains/lab.yaml"), """
          name: lab
          owner: lab-team@acme.example
          description: Experiments of the analytics lab
          members: {users: [cora]}
          sources:
            - {name: files, type: csv, path: ../reference}
          products:
            - name: churn_forecast
              version: 0.1.0
              status: draft
              description: {purpose: Customers likely to churn next quarter, limitations: An experiment; numbers change daily}
              tags: [forecast]
              sql: SELECT nation_id, name FROM files.nation
          """);
      Path descriptor = dir.resolve("mesh.yaml");
      String gwen = "  - {name: gwen, roles: [steward], password: \"" + PasswordHasher.hash(
          PASSWORDS.get("gwen").toCharArray()) + "\"}\n";
      String mesh = Files.readString(descriptor).replace("principals:\n", "principals:\n" + gwen)
          + """
            - name: stewards-govern
              grant: {products: ["sys.*"], roles: [steward]}
          """;
      Files.writeString(descriptor, mesh);
      return descriptor;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Mesh load(Path dir) {
    return Mesh.fromYaml(write(dir));
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
  }
}
