package dev.meshkit.engine;

import dev.meshkit.Principal;
import dev.meshkit.masking.MaskContext;
import dev.meshkit.model.HashKey;
import dev.meshkit.model.ProductStatus;
import dev.meshkit.policy.AccessDecision;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.Lookup;

/**
 * One connection's view of the mesh: the principal, and a root schema in which domains are
 * schemas and products are tables. Sources are not in it; only product SQL can name them.
 */
public final class Session {

  /**
   * Where generated code finds database sources at run time. Never listed, and it holds no
   * tables, so naming it in SQL reaches nothing.
   */
  static final String RUNTIME_SCHEMA = "$meshkit$runtime";

  /** Mesh tables such as {@code sys.audit}, present only for principals a policy grants them. */
  static final String SYS_SCHEMA = "sys";

  /** Metadata about products, for every principal. */
  static final String CATALOG_SCHEMA = "catalog";

  /** The name the system session's connection carries; policies never see it. */
  static final String SYSTEM_PRINCIPAL = "$meshkit";

  final Principal principal;
  final MeshRuntime mesh;
  /** The mesh's own session (quality checks): every product, no policies, no sys schema. */
  final boolean system;
  final CalciteSchema root;
  private final String fingerprint;
  private final boolean readsSys;
  private final Map<Product, ProductView> views = new ConcurrentHashMap<>();
  private final Map<Product, AccessDecision> decisions = new ConcurrentHashMap<>();

  Session(Principal principal, MeshRuntime mesh) {
    this(principal, mesh, false);
  }

  private Session(Principal principal, MeshRuntime mesh, boolean system) {
    this.principal = principal;
    this.mesh = mesh;
    this.system = system;
    // Not a hex digest, so no consumer's plans are ever shared with the unrestricted session.
    this.fingerprint = system ? "$system"
        : mesh.policies().fingerprint(principal) + mesh.policyDigest() + unreleasedReadable(mesh) + memberships(mesh);
    Map<String, Schema> schemas = new LinkedHashMap<>();
    Map<String, Domain> domains = new LinkedHashMap<>();
    for (Domain domain : mesh.domains()) {
      // Unreleased products this principal may not read are left out of the lookup: they do not exist here.
      Lookup<Table> products = new NameLookup<>(() -> resolvable(domain), name -> listed(domain.products.get(name)))
          .map((product, name) -> views.computeIfAbsent(product, p -> new ProductView(p, this)));
      schemas.put(domain.name(), new LookupSchema(products, Lookup.empty()));
      domains.put(domain.name(), domain);
    }
    schemas.put(RUNTIME_SCHEMA, mesh.runtimeSchema());
    // Each sys table is there for principals a policy grants it (sys.* grants them all).
    Map<String, Table> sys = new LinkedHashMap<>();
    if (!system && mesh.policies().canRead(principal, SYS_SCHEMA, "audit")) {
      sys.put("audit", mesh.tables().audit());
    }
    if (!system && mesh.policies().canRead(principal, SYS_SCHEMA, "mesh_changes")) {
      sys.put("mesh_changes", mesh.tables().changes());
    }
    this.readsSys = sys.containsKey("audit");
    if (!sys.isEmpty()) {
      schemas.put(SYS_SCHEMA, new LookupSchema(NameLookup.of(sys), Lookup.empty()));
      domains.put(SYS_SCHEMA, null);
    }
    schemas.put(CATALOG_SCHEMA, mesh.tables().catalog());
    domains.put(CATALOG_SCHEMA, null);
    // Metadata lists only what this principal may read: domains with no readable product vanish.
    Lookup<Schema> subSchemas = new NameLookup<>(() -> schemas,
        name -> domains.containsKey(name)
            && (domains.get(name) == null || domains.get(name).products.values().stream().anyMatch(this::listed)));
    this.root = CalciteSchema.createRootSchema(false, false, "", new Root(this, subSchemas));
  }

  public Principal principal() {
    return principal;
  }

  public MeshRuntime mesh() {
    return mesh;
  }

  /** The root schema a connection of this session plans and runs against. */
  public CalciteSchema root() {
    return root;
  }

  /** The session quality checks run in: it reads every product without policies applying. */
  static Session system(MeshRuntime mesh) {
    return new Session(Principal.of(SYSTEM_PRINCIPAL), mesh, true);
  }

  /** What makes two sessions' plans interchangeable: a digest of the policies that apply to the principal. */
  String policyFingerprint() {
    return fingerprint;
  }

  /** The policy decision for a product, made once per session. */
  public AccessDecision decision(Product product) {
    if (system) {
      return AccessDecision.unrestricted();
    }
    return decisions.computeIfAbsent(product, p -> mesh.policies().decide(principal, p.domain.name(), p.name(),
        p.rowType().getFieldNames()));
  }

  /**
   * Whether the principal may see the product's internals: its SQL, the plan below it, the
   * statements its sources receive and its source tables. Its domain's members may, and so may
   * principals a grant with {@code explain: true} covers; nobody sees inside a product hidden from them.
   */
  public boolean seesInternals(Product product) {
    if (system) {
      return true;
    }
    return !hidden(product) && (Lifecycle.isMember(principal, product.domain.model.members())
        || mesh.policies().canExplain(principal, product.domain.name(), product.name()));
  }

  /** Whether the principal belongs to the domain's {@code members}. */
  public boolean isMember(Domain domain) {
    return !system && Lifecycle.isMember(principal, domain.model.members());
  }

  /** Whether a policy grants the principal the mesh's own tables ({@code sys.audit}), which name people. */
  public boolean readsSys() {
    return readsSys;
  }

  /** Metadata lists what the principal may read, except retired products, which remain only to explain themselves. */
  private boolean listed(Product product) {
    return !hidden(product) && product.model.status() != ProductStatus.RETIRED && product.isValidated()
        && decision(product).allowed();
  }

  /** Whether the principal may query the product: it exists for them, is not retired, and a policy grants it. */
  public boolean canRead(Product product) {
    if (system) {
      return product.model.status() != ProductStatus.RETIRED;
    }
    return !hidden(product) && product.model.status() != ProductStatus.RETIRED
        && mesh.policies().canRead(principal, product.domain.name(), product.name());
  }

  /** An unreleased product is there only for its domain's members who also hold a grant. */
  private boolean hidden(Product product) {
    return !system && product.model.status().unreleased()
        && !(Lifecycle.isMember(principal, product.domain.model.members())
            && mesh.policies().canRead(principal, product.domain.name(), product.name()));
  }

  private Map<String, Product> resolvable(Domain domain) {
    Map<String, Product> products = new LinkedHashMap<>();
    domain.products.forEach((name, product) -> {
      if (!hidden(product)) {
        products.put(name, product);
      }
    });
    return products;
  }

  /**
   * Plans are shared by policy fingerprint, but membership is not a policy: two principals under the
   * same policies may differ in the unreleased products they see, so those are part of the key.
   */
  private String unreleasedReadable(MeshRuntime mesh) {
    StringBuilder seen = new StringBuilder();
    for (Domain domain : mesh.domains()) {
      for (Product product : domain.products.values()) {
        if (product.model.status().unreleased() && !hidden(product)) {
          seen.append('|').append(product.qualifiedName());
        }
      }
    }
    return seen.toString();
  }

  /** Membership is not a policy either, and it decides whose EXPLAIN shows a product's internals. */
  private String memberships(MeshRuntime mesh) {
    StringBuilder member = new StringBuilder();
    for (Domain domain : mesh.domains()) {
      if (Lifecycle.isMember(principal, domain.model.members())) {
        member.append("|member:").append(domain.name());
      }
    }
    return member.toString();
  }

  /** The session whose root schema this is, or null for a schema that is not a session root. */
  public static Session of(CalciteSchema root) {
    return root.schema instanceof Root r ? r.session : null;
  }

  /**
   * The root schema object; it carries its session so the planner can find it, and gives masks
   * what they need from the mesh when the statement runs.
   */
  private static final class Root extends LookupSchema implements MaskContext {
    final Session session;

    Root(Session session, Lookup<Schema> subSchemas) {
      super(Lookup.empty(), subSchemas);
      this.session = session;
    }

    @Override
    public HashKey hashKey() {
      return session.mesh.model().hashKey();
    }
  }
}
