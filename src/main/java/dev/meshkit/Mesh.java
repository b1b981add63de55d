package dev.meshkit;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A data mesh: domains that own sources and publish data products over them, queried through
 * one JDBC connection per principal while the data stays where it lives.
 *
 * <pre>{@code
 * try (Mesh mesh = Mesh.fromYaml(Path.of("mesh.yaml"));
 *      Connection c = mesh.connect(Principal.of("ann", "analyst"))) {
 *   ResultSet rs = c.createStatement().executeQuery("SELECT * FROM sales.orders");
 * }
 * }</pre>
 *
 * Loading opens every source and validates every product; a mesh is then shared by any number of
 * connections and threads. Closing it closes the connections still open, auditing each result
 * still open with the rows read from it, then its connection pools and audit sinks.
 */
public final class Mesh implements AutoCloseable {

  private final MeshEngine engine;
  private final PrincipalResolver resolver;

  private Mesh(MeshEngine engine, PrincipalResolver resolver) {
    this.engine = engine;
    this.resolver = resolver != null ? resolver : engine::declaredPrincipal;
  }

  /**
   * Loads the mesh a YAML descriptor declares.
   *
   * @throws MeshException naming the file and line of each problem found
   */
  public static Mesh fromYaml(Path descriptor) {
    return builder().descriptor(descriptor).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Opens a connection for a principal the application has already authenticated. The
   * connection is read-only and sees the mesh as that principal may.
   */
  public Connection connect(Principal principal) throws SQLException {
    Objects.requireNonNull(principal, "principal is null");
    return engine.connect(principal);
  }

  /**
   * The principal a JDBC user name stands for, through the mesh's {@link PrincipalResolver}
   * (by default the descriptor's {@code principals:}).
   */
  public Optional<Principal> principal(String name) {
    return resolver.resolve(name);
  }

  /**
   * Whether {@code password} matches the salted hash the descriptor declares for principal
   * {@code user} under {@code password:}. False for an unknown user and for a principal without a
   * password, after the same work as a real check, so timing does not reveal which users exist.
   * This is what {@code MeshServer}'s default authenticator checks; applications with their own
   * user store do not need it.
   */
  public boolean verifyPassword(String user, char[] password) {
    Objects.requireNonNull(user, "user is null");
    Objects.requireNonNull(password, "password is null");
    return engine.verifyPassword(user, password);
  }

  public String name() {
    return engine.name();
  }

  /**
   * Products that cannot be queried right now, each with the reason (typically an unreachable
   * source). They come back by themselves when their source answers again.
   */
  public Map<String, String> unavailableProducts() {
    return engine.unavailableProducts();
  }

  /** The most recent audit events, oldest first: one per statement execution. */
  public List<AuditEvent> auditEvents() {
    return engine.auditEvents();
  }

  /**
   * Where the mesh falls short of its governance standards, as found when it loaded: the built-in
   * ones ({@code domain-has-owner}, {@code product-has-description}, {@code pii-is-masked}) and those
   * under {@code standards:} in the descriptor; then policies that do not fit the mesh, such as a
   * product pattern that matches no product or a mask over a column the product lacks. A product
   * whose source was down at load has its policies checked when it validates, so its findings join
   * the list later. In strict mode none found at load has severity error, or the load would have
   * failed.
   */
  public List<GovernanceFinding> governanceFindings() {
    return engine.governanceFindings();
  }

  /** Runs the products' quality checks on demand; results also show in {@code catalog.quality}. */
  public MeshQuality quality() {
    return engine.quality();
  }

  /** The governance report, with products counted as unused after 30 days without a read. */
  public GovernanceReport report() {
    return report(Duration.ofDays(30));
  }

  /**
   * Where the mesh stands on governance now: missing metadata, unmasked pii, deprecated products
   * still read and by whom, failing quality checks (of the latest {@link #quality()} run), products
   * not read within {@code unusedFor}, and policy coverage per domain. Usage is counted from the
   * audit since the mesh loaded.
   *
   * @throws IllegalArgumentException if {@code unusedFor} is negative
   */
  public GovernanceReport report(Duration unusedFor) {
    Objects.requireNonNull(unusedFor, "unusedFor is null");
    if (unusedFor.isNegative()) {
      throw new IllegalArgumentException("unusedFor is negative: " + unusedFor);
    }
    return engine.report(unusedFor);
  }

  /** The product catalog, for searching it and drawing its lineage from Java. */
  public MeshCatalog catalog() {
    return engine.catalog();
  }

  /** Consumers' ratings and problem reports on products, kept in the metadata store. */
  public MeshFeedback feedback() {
    return engine.feedback();
  }

  /**
   * The published contract of every product, in declaration order: its version, status and
   * columns with their types, nullability and declared {@code required}/{@code unique}. A product
   * whose source has not answered yet has no known columns.
   */
  public List<ProductContract> contracts() {
    return engine.contracts();
  }

  /**
   * Every policy, global ones first and then each domain's, by name, each as one line that says
   * what it is ({@code grant products [sales.*] to roles [analyst]}); two policies declared alike
   * read alike, so the lines show which policies changed between two versions of a mesh.
   */
  public Map<String, String> policies() {
    return engine.policies();
  }

  /**
   * Reads the descriptor again (or, for a mesh declared in code, its declaration with every
   * {@link #update} over it) and, if it is valid, serves the new version: validated as completely as
   * a first load (product SQL against the live sources, policies, standards), it replaces the old
   * one at once for every statement that starts from then on. Statements already running, and
   * statements created before, finish on the version they started with. If it is not valid, the old
   * version keeps serving and the result names the problems. Sources whose settings did not change
   * keep their connection pools, and only the plans of the products that changed are planned again.
   * A reload that changes nothing is accepted with no products and leaves no history.
   *
   * @return the change, accepted or refused; also in {@link #changes()}, {@code sys.mesh_changes}
   *     and the audit log
   * @throws IllegalStateException if the mesh is closed
   */
  public MeshChange reload() {
    return engine.reload();
  }

  /**
   * Registers domains, products, sources and policies at run time, with the same calls as
   * {@link Mesh#builder()}: {@code mesh.update(c -> c.domain("sales", d -> d.product(...)))}. A
   * domain declared here replaces the domain of that name, or adds it; policies and principals are
   * replaced or added by name. The result is validated and swapped in exactly as by {@link #reload()}.
   * Changes made in code stay on top of the descriptor: a later reload of its files (by hand or by
   * the watcher) applies them again over the new version, until they are removed with
   * {@link Changes#removeDomain} or {@link Changes#removePolicy}.
   *
   * @return the change, accepted or refused
   * @throws IllegalStateException if the mesh is closed
   */
  public MeshChange update(Consumer<Changes> changes) {
    Objects.requireNonNull(changes, "changes is null");
    Changes collected = new Changes();
    changes.accept(collected);
    return engine.update(collected.toEngine());
  }

  /** The changes this mesh accepted or refused since it loaded, oldest first (at most the last 1,000). */
  public List<MeshChange> changes() {
    return engine.changes();
  }

  /** How often statements found a ready plan: hits are statements that skipped planning. */
  public PlanCacheStats planCacheStats() {
    return engine.planCacheStats();
  }

  /**
   * Closes the connections still open (each open result is audited with the rows read from it),
   * then the sources' connection pools and the audit sinks; later connections are refused.
   */
  @Override
  public void close() {
    engine.close();
  }

  /**
   * Plan cache counters since the mesh loaded.
   *
   * @param hits statements that reused a plan (same text and same policies)
   * @param misses statements that were planned
   */
  public record PlanCacheStats(long hits, long misses) {
  }

  @Override
  public String toString() {
    return "Mesh[" + name() + "]";
  }

  /** The engine implementation, found once. */
  private static final class Engines {
    static final MeshEngine.Factory FACTORY = ServiceLoader.load(MeshEngine.Factory.class, Mesh.class.getClassLoader())
        .findFirst().orElseThrow(() -> new IllegalStateException(
            "no meshkit engine on the class path (META-INF/services/dev.meshkit.MeshEngine$Factory is missing)"));
  }

  /**
   * Builds a {@link Mesh}, either from a descriptor or declared in code. Setters fail fast;
   * {@link #build()} checks the whole declaration, exactly as it checks a descriptor.
   */
  public static final class Builder {
    private Path descriptor;
    private Map<String, String> environment;
    private SourceListener listener = SourceListener.NONE;
    private LoadListener loadListener = LoadListener.NONE;
    private long planCacheSize = 10_000;
    /** Negative until set: the descriptor's {@code settings: maxQueryRows} applies. */
    private long maxQueryRows = -1;
    private final List<AuditSink> auditSinks = new ArrayList<>();
    private PrincipalResolver resolver;
    private MeshEngine.MetadataStoreChoice metadataStore;
    private String name;
    private String hashKey;
    private Boolean watch;
    private final List<Map<String, Object>> domains = new ArrayList<>();
    private final List<Map<String, Object>> principals = new ArrayList<>();
    private final List<Map<String, Object>> policies = new ArrayList<>();

    private Builder() {
    }

    /**
     * @throws IllegalStateException if domains were already declared in code
     */
    public Builder descriptor(Path descriptor) {
      Objects.requireNonNull(descriptor, "descriptor is null");
      if (name != null || !domains.isEmpty() || !policies.isEmpty()) {
        throw new IllegalStateException("a mesh comes from a descriptor or from code, not both");
      }
      this.descriptor = descriptor;
      return this;
    }

    /** Replaces the process environment for {@code ${VAR}} substitution (for tests and embedding). */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
      return this;
    }

    /** Told about each statement a database source executes. */
    public Builder sourceListener(SourceListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener is null");
      return this;
    }

    /** Told as each source opens and each product is validated, for a progress display. */
    public Builder loadListener(LoadListener listener) {
      this.loadListener = Objects.requireNonNull(listener, "listener is null");
      return this;
    }

    /** Resolves JDBC user names to principals instead of the descriptor's {@code principals:}. */
    public Builder principalResolver(PrincipalResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver is null");
      return this;
    }

    /**
     * Adds a sink for audit events, beside the {@code meshkit.audit} log and the in-memory buffer
     * behind {@code sys.audit}. A sink that throws never fails a query.
     */
    public Builder auditSink(AuditSink sink) {
      auditSinks.add(Objects.requireNonNull(sink, "sink is null"));
      return this;
    }

    /**
     * Keeps the mesh's metadata store (usage, quality results and their history, feedback, audit,
     * changes) in this database instead of where {@code settings.metadataStore} says. Its tables
     * ({@code meshkit_*}) are created and migrated by the mesh; the data source stays open after
     * {@link Mesh#close()}.
     */
    public Builder metadataStore(DataSource dataSource) {
      this.metadataStore = new MeshEngine.MetadataStoreChoice(Objects.requireNonNull(dataSource, "dataSource is null"),
          null, false);
      return this;
    }

    /** Keeps the mesh's metadata store in an H2 file in this folder, created if missing. */
    public Builder metadataStore(Path directory) {
      this.metadataStore = new MeshEngine.MetadataStoreChoice(null,
          Objects.requireNonNull(directory, "directory is null"), false);
      return this;
    }

    /**
     * Keeps the mesh's metadata in memory only: it starts empty and is gone when the mesh closes
     * (what tests want, and the default for a mesh declared in code).
     */
    public Builder metadataStoreInMemory() {
      this.metadataStore = new MeshEngine.MetadataStoreChoice(null, null, true);
      return this;
    }

    /**
     * How many prepared plans the mesh keeps (default 10,000).
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder planCacheSize(long size) {
      if (size < 0) {
        throw new IllegalArgumentException("planCacheSize cannot be negative: " + size);
      }
      this.planCacheSize = size;
      return this;
    }

    /**
     * Rows the JVM may take into memory for one execution of a query: the rows kept by its joins (a
     * hash join's build side), sorts, windows, set operations and the groups of its aggregates,
     * added up. A query that needs more fails with SQLState 53200 naming the limit, and gives back
     * its source connections; rows merely streamed to the application do not count. 0, the default,
     * sets no limit. Overrides the descriptor's {@code settings: maxQueryRows}.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder maxQueryRows(long rows) {
      if (rows < 0) {
        throw new IllegalArgumentException("maxQueryRows cannot be negative: " + rows);
      }
      this.maxQueryRows = rows;
      return this;
    }

    /**
     * Follows the descriptor's files: each save is loaded as by {@link Mesh#reload()} within about two
     * seconds, a burst of saves once it settles. Overrides the descriptor's {@code settings: watch}.
     *
     * @throws IllegalStateException if the mesh is declared in code, which has no files to watch
     */
    public Builder watch(boolean watch) {
      if (name != null || !domains.isEmpty()) {
        throw new IllegalStateException("a mesh declared in code has no files to watch; call update() instead");
      }
      this.watch = watch;
      return this;
    }

    /** Names a mesh declared in code. */
    public Builder name(String name) {
      requireCode();
      if (watch != null) {
        throw new IllegalStateException("a mesh declared in code has no files to watch; call update() instead");
      }
      this.name = Objects.requireNonNull(name, "name is null");
      return this;
    }

    /** Declares a domain in code: {@code .domain("sales", d -> d.owner("...").jdbcSource(...).product(...))}. */
    public Builder domain(String name, Consumer<DomainBuilder> declaration) {
      requireCode();
      DomainBuilder domain = new DomainBuilder(name);
      declaration.accept(domain);
      domains.add(domain.fields);
      return this;
    }

    /** Declares a principal that the JDBC driver can resolve by name. */
    public Builder principal(Principal principal) {
      principals.add(principalFields(principal));
      return this;
    }

    private static Map<String, Object> principalFields(Principal principal) {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("name", principal.name());
      fields.put("roles", new ArrayList<>(principal.roles()));
      fields.put("attributes", new LinkedHashMap<>(principal.attributes()));
      return fields;
    }

    /**
     * Declares a global policy, as under {@code policies:} in a descriptor:
     * {@code .policy("analysts-read-sales", "grant", Map.of("products", List.of("sales.*"), "roles", List.of("analyst")))}.
     *
     * @param kind {@code grant}, {@code deny}, {@code rowFilter} or {@code mask}
     */
    public Builder policy(String name, String kind, Map<String, ?> fields) {
      requireCode();
      Map<String, Object> policy = new LinkedHashMap<>();
      policy.put("name", name);
      policy.put(kind, new LinkedHashMap<>(fields));
      policies.add(policy);
      return this;
    }

    /**
     * The secret key of the {@code hash} mask for a mesh declared in code, as {@code masking.hashKey}
     * is in a descriptor: at least 32 bytes, which {@link #build()} checks.
     */
    public Builder hashKey(String key) {
      requireCode();
      this.hashKey = Objects.requireNonNull(key, "key is null");
      return this;
    }

    /** Grants everyone read access to the products matching the patterns ({@code *}, {@code domain.*}, {@code domain.product}). */
    public Builder grant(String name, String... productPatterns) {
      return policy(name, "grant", Map.of("products", List.of(productPatterns)));
    }

    private void requireCode() {
      if (descriptor != null) {
        throw new IllegalStateException("a mesh comes from a descriptor or from code, not both");
      }
    }

    /**
     * Loads the mesh: checks its governance standards, opens sources, validates products.
     *
     * @throws IllegalStateException if neither a descriptor nor a name was given
     * @throws MeshException listing every problem in the declaration, or in strict mode every
     *     governance finding of severity error
     */
    public Mesh build() {
      if (descriptor == null && name == null) {
        throw new IllegalStateException("give a descriptor, or a name and domains");
      }
      MeshEngine.Declaration declaration = new MeshEngine.Declaration(descriptor,
          descriptor == null ? declarationAsYaml() : null,
          environment != null ? environment : System.getenv(), listener, loadListener, planCacheSize, auditSinks,
          metadataStore, maxQueryRows, watch);
      return new Mesh(Engines.FACTORY.load(declaration), resolver);
    }

    private String declarationAsYaml() {
      Map<String, Object> mesh = new LinkedHashMap<>();
      mesh.put("name", name);
      mesh.put("domains", domains);
      if (!principals.isEmpty()) {
        mesh.put("principals", principals);
      }
      if (!policies.isEmpty()) {
        mesh.put("policies", policies);
      }
      if (hashKey != null) {
        mesh.put("masking", Map.of("hashKey", hashKey));
      }
      return yaml(mesh);
    }
  }

  /** Code declarations go through the descriptor reader as YAML, so that both are checked the same way. */
  private static String yaml(Map<String, Object> mesh) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(options).dump(escapePlaceholders(mesh));
  }

  /** Values given in code are literal: nothing in them is an environment variable. */
  private static Object escapePlaceholders(Object value) {
    if (value instanceof String s) {
      return s.replace("${", "$${");
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(k, escapePlaceholders(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(escapePlaceholders(v)));
      return copy;
    }
    return value;
  }

  /**
   * Changes to a running mesh, declared with the calls of {@link Mesh.Builder}; see
   * {@link Mesh#update}. Each call fails fast on a null; the whole is validated when applied.
   */
  public static final class Changes {
    private final List<Map<String, Object>> domains = new ArrayList<>();
    private final List<Map<String, Object>> principals = new ArrayList<>();
    private final List<Map<String, Object>> policies = new ArrayList<>();
    private final List<String> removedDomains = new ArrayList<>();
    private final List<String> removedPolicies = new ArrayList<>();

    private Changes() {
    }

    /** Declares a domain, replacing the domain of that name: {@code .domain("sales", d -> d.owner("...").product(...))}. */
    public Changes domain(String name, Consumer<DomainBuilder> declaration) {
      DomainBuilder domain = new DomainBuilder(name);
      declaration.accept(domain);
      domains.add(domain.fields);
      return this;
    }

    /** Removes a domain, with its sources and products. */
    public Changes removeDomain(String name) {
      removedDomains.add(Objects.requireNonNull(name, "name is null"));
      return this;
    }

    /** Declares a principal, replacing the principal of that name. */
    public Changes principal(Principal principal) {
      principals.add(Builder.principalFields(principal));
      return this;
    }

    /** Declares a global policy, replacing the policy of that name; as {@link Builder#policy}. */
    public Changes policy(String name, String kind, Map<String, ?> fields) {
      Map<String, Object> policy = new LinkedHashMap<>();
      policy.put("name", Objects.requireNonNull(name, "name is null"));
      policy.put(Objects.requireNonNull(kind, "kind is null"), new LinkedHashMap<>(fields));
      policies.add(policy);
      return this;
    }

    /** As {@link Builder#grant}. */
    public Changes grant(String name, String... productPatterns) {
      return policy(name, "grant", Map.of("products", List.of(productPatterns)));
    }

    /** Removes a global policy. */
    public Changes removePolicy(String name) {
      removedPolicies.add(Objects.requireNonNull(name, "name is null"));
      return this;
    }

    private MeshEngine.Changes toEngine() {
      Map<String, Object> mesh = new LinkedHashMap<>();
      mesh.put("name", "update");
      mesh.put("domains", domains);
      if (!principals.isEmpty()) {
        mesh.put("principals", principals);
      }
      if (!policies.isEmpty()) {
        mesh.put("policies", policies);
      }
      return new MeshEngine.Changes(yaml(mesh), removedDomains, removedPolicies);
    }
  }

  /** Declares one domain in code. */
  public static final class DomainBuilder {
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final List<Map<String, Object>> sources = new ArrayList<>();
    private final List<Map<String, Object>> products = new ArrayList<>();

    private DomainBuilder(String name) {
      fields.put("name", Objects.requireNonNull(name, "domain name is null"));
      fields.put("sources", sources);
      fields.put("products", products);
    }

    public DomainBuilder owner(String owner) {
      fields.put("owner", owner);
      return this;
    }

    public DomainBuilder description(String description) {
      fields.put("description", description);
      return this;
    }

    /** A database source: {@code url}, and {@code user}/{@code password} when the database needs them. */
    public DomainBuilder jdbcSource(String name, String url, String user, String password) {
      Map<String, Object> settings = new LinkedHashMap<>();
      settings.put("url", url);
      if (user != null) {
        settings.put("user", user);
      }
      if (password != null) {
        settings.put("password", password);
      }
      return source(name, "jdbc", settings);
    }

    /** A source of any type, with the settings its descriptor entry would have. */
    public DomainBuilder source(String name, String type, Map<String, ?> settings) {
      Map<String, Object> source = new LinkedHashMap<>();
      source.put("name", name);
      source.put("type", type);
      source.putAll(settings);
      sources.add(source);
      return this;
    }

    public DomainBuilder product(String name, String sql) {
      return product(name, null, sql);
    }

    public DomainBuilder product(String name, String description, String sql) {
      Map<String, Object> product = new LinkedHashMap<>();
      if (description != null) {
        product.put("description", description);
      }
      product.put("sql", sql);
      return product(name, product);
    }

    /**
     * A product with the fields its descriptor entry would have: {@code sql}, and any of
     * {@code description}, {@code version}, {@code status}, {@code columns}, {@code quality}...
     */
    public DomainBuilder product(String name, Map<String, ?> fields) {
      Map<String, Object> product = new LinkedHashMap<>();
      product.put("name", name);
      product.putAll(fields);
      products.add(product);
      return this;
    }
  }
}
