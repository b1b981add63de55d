package dev.meshkit.testing;

import dev.meshkit.Mesh;
import dev.meshkit.MeshException;
import dev.meshkit.descriptor.DescriptorReader;
import dev.meshkit.model.DomainModel;
import dev.meshkit.model.MeshModel;
import dev.meshkit.model.PrincipalModel;
import dev.meshkit.model.SourceModel;
import dev.meshkit.source.SourceConfigException;
import dev.meshkit.source.jdbc.Seeds;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One loaded mesh and the in-memory H2 databases behind it, with what it takes to put them back in
 * their seeded state. The databases stay open through the fixture's own connections, so that a reset
 * (drop everything, seed again) never lets H2 discard them, and the mesh's plans stay valid because
 * the tables come back with the same names and types.
 */
// Both interfaces: JUnit 5.13+ closes AutoCloseable store values, older versions only CloseableResource.
@SuppressWarnings("deprecation")
final class Fixture implements ExtensionContext.Store.CloseableResource, AutoCloseable {

  /** A seeded source: where it lives and the files that fill it, in order. */
  private record Seeded(String name, Connection connection, List<SeedFile> files) {
  }

  /** A seed file and how messages name it. */
  record SeedFile(Path path, String shownAs) {
  }

  private final String descriptorName;
  private final List<Seeded> sources;
  private final List<String> principals;
  private final Mesh mesh;
  /** Whether a test may have changed the data since the last seeding. */
  boolean dirty;

  /** Every in-memory H2 source by {@code domain.source}, and the one annotation seeds fill (or ""). */
  private final Map<String, SourceModel> inMemory;
  private final String seedSource;
  private final Path descriptorDir;

  private Fixture(String descriptorName, Path descriptorDir, List<Seeded> sources, Map<String, SourceModel> inMemory,
      String seedSource, List<String> principals, Mesh mesh) {
    this.descriptorName = descriptorName;
    this.descriptorDir = descriptorDir;
    this.sources = sources;
    this.inMemory = inMemory;
    this.seedSource = seedSource;
    this.principals = principals;
    this.mesh = mesh;
  }

  /**
   * Seeds the descriptor's in-memory H2 sources (its own {@code seed:} lists, then {@code extraSeeds}
   * into {@code seedSource}), then loads the mesh over them.
   *
   * @throws MeshException naming the descriptor, source or seed file at fault
   */
  static Fixture load(Path descriptor, String descriptorName, List<SeedFile> extraSeeds, String seedSource) {
    MeshModel model = DescriptorReader.read(descriptor);
    List<Seeded> sources = new ArrayList<>();
    try {
      Map<String, SourceModel> inMemory = new LinkedHashMap<>();
      for (DomainModel domain : model.domains()) {
        for (SourceModel source : domain.sources()) {
          Object url = source.settings().get("url");
          if ("jdbc".equals(source.type()) && url instanceof String u && Seeds.isInMemoryH2(u)) {
            inMemory.put(domain.name() + "." + source.name(), source);
          }
        }
      }
      String target = extraSeeds.isEmpty() ? null : seedTarget(inMemory.keySet(), seedSource, descriptorName);
      for (DomainModel domain : model.domains()) {
        for (SourceModel source : domain.sources()) {
          String name = domain.name() + "." + source.name();
          if (!inMemory.containsKey(name)) {
            continue;
          }
          List<SeedFile> files = new ArrayList<>();
          try {
            String url = (String) source.settings().get("url");
            for (Path file : Seeds.files(source.settings().get("seed"), url, domain.baseDir())) {
              files.add(new SeedFile(file, domain.baseDir().relativize(file).toString().replace('\\', '/')));
            }
          } catch (SourceConfigException e) {
            throw new MeshException(source.location() + ": source '" + source.name() + "' of domain '"
                + domain.name() + "': " + e.getMessage());
          }
          if (name.equals(target)) {
            files.addAll(extraSeeds);
          }
          if (!files.isEmpty()) {
            sources.add(new Seeded(name, open(source, name), List.copyOf(files)));
          }
        }
      }
      seed(sources);
      List<String> principals = model.principals().stream().map(PrincipalModel::name).collect(Collectors.toList());
      // A test starts from nothing remembered: no usage, quality history or feedback of earlier runs.
      Mesh mesh = Mesh.builder().descriptor(descriptor).metadataStoreInMemory().build();
      return new Fixture(descriptorName, descriptor.getParent(), List.copyOf(sources), inMemory, seedSource,
          List.copyOf(principals), mesh);
    } catch (RuntimeException e) {
      sources.forEach(s -> closeQuietly(s.connection()));
      throw e;
    }
  }

  private static String seedTarget(Collection<String> inMemory, String seedSource, String descriptorName) {
    if (!seedSource.isEmpty()) {
      if (!inMemory.contains(seedSource)) {
        throw new MeshException("@MeshTest(seedSource = \"" + seedSource + "\"): " + descriptorName
            + " has no in-memory H2 source of that name (in-memory H2 sources: " + listOrNone(inMemory) + ")");
      }
      return seedSource;
    }
    if (inMemory.size() != 1) {
      throw new MeshException("seed files named in @MeshTest(seed = ...) or @MeshSeed need one in-memory H2 source"
          + " (jdbc:h2:mem:...) to fill, but " + descriptorName + " has " + (inMemory.isEmpty() ? "none"
          : inMemory.size() + ": " + listOrNone(inMemory) + " (name one with @MeshTest(seedSource = \"domain.source\"))"));
    }
    return inMemory.iterator().next();
  }

  private static String listOrNone(Collection<String> names) {
    return names.isEmpty() ? "none" : String.join(", ", names);
  }

  /** Runs one test's own seed files into the annotation seeds' source, after the reset. */
  void seedForTest(List<SeedFile> files) {
    String target = seedTarget(inMemory.keySet(), seedSource, descriptorName);
    for (Seeded source : sources) {
      if (source.name().equals(target)) {
        run(source.name(), source.connection(), files);
        return;
      }
    }
    // Nothing else seeds this source, so the fixture holds no connection to it; the mesh's pool keeps it alive.
    Connection connection = open(inMemory.get(target), target);
    try {
      run(target, connection, files);
    } finally {
      closeQuietly(connection);
    }
  }

  Path descriptorDir() {
    return descriptorDir;
  }

  private static Connection open(SourceModel source, String name) {
    Map<String, Object> settings = source.settings();
    // As the source's pool connects: driver properties such as MODE take effect when H2 creates the database.
    Properties properties = new Properties();
    if (settings.get("properties") instanceof Map<?, ?> driverProperties) {
      driverProperties.forEach((k, v) -> properties.setProperty(String.valueOf(k), String.valueOf(v)));
    }
    for (String key : new String[] {"user", "password"}) {
      if (settings.get(key) != null) {
        properties.setProperty(key, settings.get(key).toString());
      }
    }
    try {
      return DriverManager.getConnection((String) settings.get("url"), properties);
    } catch (SQLException e) {
      throw new MeshException(source.location() + ": in-memory source " + name + " cannot be opened for seeding: "
          + e.getMessage());
    }
  }

  /** Back to the seeded state: everything dropped, then every seed file run again in order. */
  void reseed() {
    seed(sources);
    dirty = false;
  }

  private static void seed(List<Seeded> sources) {
    for (Seeded source : sources) {
      try {
        Seeds.reset(source.connection());
      } catch (SQLException e) {
        throw new MeshException("in-memory source " + source.name() + " cannot be reset: " + e.getMessage()
            + " (is a connection from an earlier test still open in a transaction?)");
      }
      run(source.name(), source.connection(), source.files());
    }
  }

  private static void run(String name, Connection connection, List<SeedFile> files) {
    for (SeedFile file : files) {
      try {
        Seeds.run(connection, file.path(), file.shownAs());
      } catch (SourceConfigException e) {
        throw new MeshException("seeding source " + name + ": " + e.getMessage());
      }
    }
  }

  Mesh mesh() {
    return mesh;
  }

  String descriptorName() {
    return descriptorName;
  }

  List<String> principals() {
    return principals;
  }

  @Override
  public void close() {
    mesh.close();
    sources.forEach(s -> closeQuietly(s.connection()));
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // An in-memory database has nothing to flush; the JVM reclaims it.
    }
  }
}
