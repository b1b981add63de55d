package dev.meshkit.testing;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link MeshTest}; registered by that annotation, not used directly.
 *
 * <p>Shared meshes are kept in the root store, one per descriptor and seed list, and closed when
 * the test run ends. A test method's connections and a {@code MESH_PER_TEST} mesh live in the
 * method's store, which JUnit closes when the test ends. Data is reset as
 * {@link MeshTest#isolation()} says. With JUnit's parallel execution, classes that share in-memory H2
 * database names must not run concurrently (for example {@code @ResourceLock("mesh-test.yaml")} on
 * each), because a reset empties the database for everyone.
 */
public final class MeshExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MeshExtension.class);
  private static final String FIXTURE = "fixture";
  private static final String CONNECTIONS = "connections";

  @Override
  public void beforeAll(ExtensionContext context) {
    MeshTest config = config(context);
    if (config.isolation() == Isolation.MESH_PER_TEST) {
      List<Field> statics = fields(context.getRequiredTestClass(), true);
      if (!statics.isEmpty()) {
        throw new ExtensionConfigurationException("static field " + statics.get(0).getName() + " of "
            + context.getRequiredTestClass().getSimpleName() + " cannot be injected with Isolation.MESH_PER_TEST,"
            + " where each test has its own mesh; make it an instance field");
      }
      return;
    }
    Object enclosing = context.getStore(NAMESPACE).get(FIXTURE);
    Fixture fixture = shared(context, config);
    // A @Nested class of the same mesh carries on with its enclosing class's data.
    if (!(enclosing instanceof SharedFixture outer && outer.fixture() == fixture)) {
      if (fixture.dirty) {
        fixture.reseed();
      }
      // @BeforeAll methods and PER_CLASS tests may change the data from here on.
      fixture.dirty = true;
    }
    // A plain reference: the class's store must not close the shared fixture when the class ends.
    context.getStore(NAMESPACE).put(FIXTURE, new SharedFixture(fixture));
    inject(context, fixture, null);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    MeshTest config = config(context);
    Fixture fixture;
    MeshSeed testSeeds = context.getRequiredTestMethod().getAnnotation(MeshSeed.class);
    if (config.isolation() == Isolation.MESH_PER_TEST) {
      fixture = load(context, config, testSeeds == null ? new String[0] : testSeeds.value());
      context.getStore(NAMESPACE).put(FIXTURE, fixture);
    } else {
      fixture = fixture(context);
      if (config.isolation() == Isolation.PER_TEST && fixture.dirty) {
        fixture.reseed();
      }
      fixture.dirty = true;
      if (testSeeds != null) {
        List<Fixture.SeedFile> files = new ArrayList<>();
        for (String seed : testSeeds.value()) {
          files.add(new Fixture.SeedFile(seedFile(context, seed, fixture.descriptorDir()), seed));
        }
        fixture.seedForTest(files);
      }
    }
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      inject(context, fixture, instance);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == Mesh.class
        || ((type == Connection.class || type == DataSource.class) && parameter.isAnnotated(MeshConnection.class));
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Fixture fixture = current(context);
    if (fixture == null) {
      throw new ParameterResolutionException("no mesh is loaded yet for parameter " + parameter.getParameter().getName()
          + " (with Isolation.MESH_PER_TEST a mesh exists only inside each test)");
    }
    if (parameter.getParameter().getType() == Mesh.class) {
      return fixture.mesh();
    }
    String user = parameter.findAnnotation(MeshConnection.class).orElseThrow().user();
    return principalResource(context, fixture, user, parameter.getParameter().getType());
  }

  private static MeshTest config(ExtensionContext context) {
    for (Class<?> type = context.getRequiredTestClass(); type != null; type = type.getEnclosingClass()) {
      MeshTest config = type.getAnnotation(MeshTest.class);
      if (config != null) {
        return config;
      }
    }
    throw new ExtensionConfigurationException(context.getRequiredTestClass().getSimpleName()
        + " uses MeshExtension without @MeshTest; annotate the class with @MeshTest(descriptor = \"...\")");
  }

  /** The fixture of a test method or class: its own (MESH_PER_TEST), else the shared one, else null. */
  private static Fixture current(ExtensionContext context) {
    Object value = context.getStore(NAMESPACE).get(FIXTURE);
    return value instanceof SharedFixture shared ? shared.fixture() : (Fixture) value;
  }

  private static Fixture fixture(ExtensionContext context) {
    Fixture fixture = current(context);
    if (fixture == null) {
      throw new IllegalStateException("@MeshTest fixture missing for " + context.getDisplayName());
    }
    return fixture;
  }

  /** One mesh per descriptor and seed list for the whole run: loading is the expensive part. */
  private static Fixture shared(ExtensionContext context, MeshTest config) {
    Path descriptor = descriptor(context, config);
    String key = "fixture:" + descriptor + "|" + String.join(",", config.seed()) + "|" + config.seedSource();
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(key, k -> load(context, config, new String[0]), Fixture.class);
  }

  private static Fixture load(ExtensionContext context, MeshTest config, String[] testSeeds) {
    Path descriptor = descriptor(context, config);
    List<Fixture.SeedFile> seeds = new ArrayList<>();
    for (String[] names : List.of(config.seed(), testSeeds)) {
      for (String seed : names) {
        seeds.add(new Fixture.SeedFile(seedFile(context, seed, descriptor.getParent()), seed));
      }
    }
    return Fixture.load(descriptor, config.descriptor(), seeds, config.seedSource());
  }

  /** The test classpath first (where src/test/resources lands), then the file system. */
  private static Path descriptor(ExtensionContext context, MeshTest config) {
    String name = config.descriptor();
    Optional<Path> onClasspath = classpathFile(context, name);
    if (onClasspath.isPresent()) {
      return onClasspath.get();
    }
    Path file = Path.of(name).toAbsolutePath().normalize();
    if (Files.isRegularFile(file)) {
      return file;
    }
    throw new ExtensionConfigurationException("@MeshTest on " + context.getRequiredTestClass().getSimpleName()
        + ": descriptor " + name + " not found on the test classpath nor as a file (looked for " + file + ")");
  }

  private static Path seedFile(ExtensionContext context, String name, Path descriptorDir) {
    Optional<Path> onClasspath = classpathFile(context, name);
    if (onClasspath.isPresent()) {
      return onClasspath.get();
    }
    for (Path candidate : List.of(descriptorDir.resolve(name), Path.of(name))) {
      if (Files.isRegularFile(candidate)) {
        return candidate.toAbsolutePath().normalize();
      }
    }
    throw new ExtensionConfigurationException("@MeshTest on " + context.getRequiredTestClass().getSimpleName()
        + ": seed file " + name + " not found on the test classpath, next to the descriptor (" + descriptorDir
        + ") nor as a file");
  }

  private static Optional<Path> classpathFile(ExtensionContext context, String name) {
    ClassLoader loader = context.getRequiredTestClass().getClassLoader();
    URL url = loader.getResource(name.startsWith("/") ? name.substring(1) : name);
    if (url == null) {
      return Optional.empty();
    }
    if (!"file".equals(url.getProtocol())) {
      throw new ExtensionConfigurationException("@MeshTest: " + name + " is on the classpath inside " + url
          + ", but seeds and relative paths need a plain file; keep test descriptors in test resources");
    }
    try {
      return Optional.of(Path.of(url.toURI()));
    } catch (URISyntaxException e) {
      throw new ExtensionConfigurationException("@MeshTest: cannot read " + url, e);
    }
  }

  /** Static fields when {@code instance} is null, else that instance's fields. */
  private static void inject(ExtensionContext context, Fixture fixture, Object instance) {
    Class<?> type = instance == null ? context.getRequiredTestClass() : instance.getClass();
    for (Field field : fields(type, instance == null)) {
      Object value = field.getType() == Mesh.class
          ? fixture.mesh()
          : principalResource(context, fixture, field.getAnnotation(MeshConnection.class).user(), field.getType());
      try {
        field.setAccessible(true);
        field.set(instance, value);
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new ExtensionConfigurationException("cannot inject field " + field.getName() + " of "
            + type.getSimpleName() + ": " + e.getMessage(), e);
      }
    }
  }

  /** {@code Mesh} fields, and {@code Connection} or {@code DataSource} fields annotated {@link MeshConnection}. */
  private static List<Field> fields(Class<?> type, boolean statics) {
    List<Field> found = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) != statics) {
          continue;
        }
        if (field.getType() == Mesh.class
            || ((field.getType() == Connection.class || field.getType() == DataSource.class)
                && field.isAnnotationPresent(MeshConnection.class))) {
          found.add(field);
        }
      }
    }
    return found;
  }

  /**
   * A connection, or a data source whose connections are all for the principal. Either way the
   * connections are closed with the context that asked: the test method, or the class for statics.
   */
  private static Object principalResource(ExtensionContext context, Fixture fixture, String user, Class<?> type) {
    Principal principal = fixture.mesh().principal(user).orElseThrow(() -> new ParameterResolutionException(
        "@MeshConnection(user = \"" + user + "\"): no principal '" + user + "' in " + fixture.descriptorName()
            + " (declared: " + (fixture.principals().isEmpty() ? "none" : String.join(", ", fixture.principals()))
            + ")"));
    // Keyed by context: a store lookup also sees the parent's values, which must not collect these.
    OpenConnections open = context.getStore(NAMESPACE)
        .getOrComputeIfAbsent(CONNECTIONS + context.getUniqueId(), k -> new OpenConnections(), OpenConnections.class);
    if (type == DataSource.class) {
      return new PrincipalDataSource(fixture.mesh(), principal, open::add);
    }
    try {
      Connection connection = fixture.mesh().connect(principal);
      open.add(connection);
      return connection;
    } catch (SQLException e) {
      throw new ParameterResolutionException("cannot connect to the mesh as " + user + ": " + e.getMessage(), e);
    }
  }

  private record SharedFixture(Fixture fixture) {
  }

  /** The connections one context opened, closed when JUnit closes its store. */
  @SuppressWarnings("deprecation") // see Fixture
  private static final class OpenConnections implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private final List<Connection> connections = new ArrayList<>();

    synchronized void add(Connection connection) {
      connections.add(connection);
    }

    @Override
    public synchronized void close() throws SQLException {
      SQLException first = null;
      for (Connection connection : connections) {
        try {
          connection.close();
        } catch (SQLException e) {
          first = first == null ? e : first;
        }
      }
      if (first != null) {
        throw first;
      }
    }
  }
}
