package dev.meshkit.engine;

import dev.meshkit.GovernanceFinding;
import dev.meshkit.LoadListener;
import dev.meshkit.MeshException;
import dev.meshkit.Principal;
import dev.meshkit.SourceListener;
import dev.meshkit.engine.parallel.StatementWorkers;
import dev.meshkit.governance.AuditLog;
import dev.meshkit.governance.Standards;
import dev.meshkit.model.DomainModel;
import dev.meshkit.model.MeshModel;
import dev.meshkit.model.ModelDiff;
import dev.meshkit.model.ProductModel;
import dev.meshkit.model.SourceModel;
import dev.meshkit.policy.PolicyEngine;
import dev.meshkit.source.Source;
import dev.meshkit.source.SourceConfigException;
import dev.meshkit.source.SourceContext;
import dev.meshkit.source.SourceType;
import dev.meshkit.source.SourceTypes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.util.BuiltInMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loaded mesh: its domains with their opened sources and validated products, the policies, the
 * audit log and the plan cache. Sessions are opened here; the JDBC surface turns them into
 * connections. Internal; users hold a {@code dev.meshkit.Mesh}.
 */
public final class MeshRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MeshRuntime.class);

  /** Schemas the mesh itself provides to consumers. */
  private static final List<String> RESERVED_SCHEMAS = List.of(Session.SYS_SCHEMA, Session.CATALOG_SCHEMA);

  private final MeshModel model;
  private final Map<String, Domain> domains = new LinkedHashMap<>();
  private final ProductCompiler compiler = new ProductCompiler();
  private final PlanCache plans;
  /** Threads for source statements that run beside their queries' own. */
  private final StatementWorkers workers;
  /** Each database source's runtime schema, by "domain.source", as generated code looks it up. */
  private final Map<String, Schema> runtimeHandles = new LinkedHashMap<>();
  private final Schema runtimeSchema;
  private final PolicyEngine policies;
  private final AuditLog audit;
  private final ColumnChecks columnChecks;
  /** Set once the load is over: later findings are logged, and never fail anything. */
  private volatile boolean loaded;
  private final long maxQueryRows;
  /** Which version of the mesh this is: 1 for the first load, one more for each reload. */
  private long version = 1;
  /** The last version number given, shared by every version of one mesh. */
  private java.util.concurrent.atomic.AtomicLong versions = new java.util.concurrent.atomic.AtomicLong(1);
  /** A digest of the policies' content, part of every session's plan key. */
  private final String policyDigest;
  /** The sources this version closes: those it opened, and those it took over. */
  private final Set<Source> owned = Collections.newSetFromMap(new IdentityHashMap<>());
  /** Sources ({@code domain.source}) opened again though their settings are the same: files they read changed. */
  private Set<String> reopen = Set.of();
  /** Sources of the previous version this one uses until it takes them over. */
  private final Set<Source> borrowed = Collections.newSetFromMap(new IdentityHashMap<>());
  /** Whether closing this version closes the plan cache and audit log, shared by every version. */
  private boolean ownsShared;
  private boolean ownsWorkers;
  /** The mesh's own tables, {@code catalog.*} and {@code sys.audit}, which the catalog attaches after loading. */
  private volatile MeshTables tables;

  private MeshRuntime(MeshModel model, PlanCache plans, StatementWorkers workers, long maxQueryRows, AuditLog audit) {
    this.audit = audit;
    this.maxQueryRows = maxQueryRows;
    this.model = model;
    this.plans = plans;
    this.workers = workers;
    this.policies = new PolicyEngine(model);
    this.policyDigest = ModelDiff.policyDigest(model);
    this.columnChecks = new ColumnChecks(domains.values(), policies);
    this.runtimeSchema = new LookupSchema(Lookup.empty(), NameLookup.of(runtimeHandles));
  }

  /**
   * Opens every source, then validates every product. Products whose source cannot be reached are
   * kept as unavailable; anything wrong with the declaration fails the load with every finding.
   *
   * @param maxQueryRows rows one query may hold in memory, 0 for no limit
   * @throws MeshException naming each problem with its descriptor location
   */
  public static MeshRuntime load(MeshModel model, SourceListener listener, LoadListener progress, SourceTypes types,
      long planCacheSize, long maxQueryRows, AuditLog audit) {
    MeshRuntime mesh = new MeshRuntime(model, new PlanCache(planCacheSize),
        new StatementWorkers(model.settings().parallelStatements(), model.settings().splitRows()), maxQueryRows, audit);
    mesh.ownsShared = true;
    mesh.ownsWorkers = true;
    try {
      mesh.open(listener, new Steps(progress, model), types, null);
      return mesh;
    } catch (RuntimeException e) {
      mesh.close();
      throw e;
    }
  }

  /**
   * A new version of {@code previous}, validated as completely as a first load, which shares its
   * plan cache, audit log and (unless their number changed) statement threads, and borrows each of
   * its opened sources whose settings did not change, except those named in {@code reopen}: {@code progress} hears only of the sources it
   * opens. Nothing of {@code previous} changes until
   * {@link #takeOver}; closing a version that was not taken over leaves what it borrowed open.
   *
   * @throws MeshException naming each problem with its descriptor location
   */
  public static MeshRuntime reload(MeshModel model, SourceListener listener, LoadListener progress, SourceTypes types,
      long maxQueryRows, MeshRuntime previous, Set<String> reopen) {
    boolean sameWorkers = previous.model.settings().parallelStatements() == model.settings().parallelStatements()
        && previous.model.settings().splitRows() == model.settings().splitRows();
    MeshRuntime mesh = new MeshRuntime(model, previous.plans,
        sameWorkers ? previous.workers : new StatementWorkers(model.settings().parallelStatements(), model.settings().splitRows()), maxQueryRows,
        previous.audit);
    mesh.ownsWorkers = !sameWorkers;
    mesh.reopen = Set.copyOf(reopen);
    mesh.versions = previous.versions;
    mesh.version = previous.versions.incrementAndGet();
    try {
      mesh.open(listener, new Steps(progress, model), types, previous);
      return mesh;
    } catch (RuntimeException e) {
      mesh.close();
      throw e;
    }
  }

  /**
   * Makes this version the owner of what it shares with, and borrowed from, {@code previous}, which
   * keeps only what this one does not use: closing it then closes just that.
   */
  public void takeOver(MeshRuntime previous) {
    synchronized (previous) {
      previous.owned.removeAll(borrowed);
      owned.addAll(borrowed);
      borrowed.clear();
      ownsShared = previous.ownsShared;
      previous.ownsShared = false;
      if (previous.workers == workers) {
        ownsWorkers = previous.ownsWorkers;
        previous.ownsWorkers = false;
      }
    }
  }


  /** Counts loading steps for the {@link LoadListener}: every source, then every product. */
  private static final class Steps {
    private final LoadListener listener;
    private final int total;
    private int done;

    Steps(LoadListener listener, MeshModel model) {
      this.listener = listener;
      this.total = model.domains().stream().mapToInt(d -> d.sources().size() + d.products().size()).sum();
    }

    void starting(String step) {
      listener.starting(step, done++, total);
    }
  }

  private void open(SourceListener listener, Steps steps, SourceTypes types, MeshRuntime previous) {
    List<String> problems = new ArrayList<>();
    for (DomainModel domainModel : model.domains()) {
      if (RESERVED_SCHEMAS.contains(domainModel.name().toLowerCase(Locale.ROOT))) {
        problems.add(domainModel.location() + ": domain name '" + domainModel.name()
            + "' is reserved for the mesh's own tables (reserved: " + String.join(", ", RESERVED_SCHEMAS) + ")");
        continue;
      }
      Domain domain = new Domain(domainModel);
      domains.put(domain.name(), domain);
      for (SourceModel sourceModel : domainModel.sources()) {
        String where = sourceModel.location() + ": source '" + sourceModel.name() + "' of domain '"
            + domain.name() + "'";
        SourceType type = types.get(sourceModel.type());
        if (type == null) {
          problems.add(where + " has unknown type '" + sourceModel.type() + "' (known types: " + types.names() + ")");
          continue;
        }
        String handle = domain.name() + "." + sourceModel.name();
        Source kept = previous == null || reopen.contains(handle) ? null
            : previous.reusable(domain.name(), sourceModel, model);
        if (kept != null) {
          borrowed.add(kept);
          domain.sources.put(sourceModel.name(), kept);
          Schema runtime = kept.runtimeSchema();
          runtimeHandles.put(handle, runtime != null ? runtime : new AbstractSchema());
          continue;
        }
        steps.starting("source " + handle);
        SourceContext context = new SourceContext(domain.name(), domainModel.baseDir(), runtimeExpression(handle),
            listener);
        try {
          Source source = type.open(sourceModel, context);
          owned.add(source);
          domain.sources.put(sourceModel.name(), source);
          Schema runtime = source.runtimeSchema();
          runtimeHandles.put(handle, runtime != null ? runtime : new AbstractSchema());
        } catch (SourceConfigException e) {
          problems.add(where + ": " + e.getMessage());
        }
      }
      for (ProductModel productModel : domainModel.products()) {
        domain.products.put(productModel.name(), new Product(domain, productModel, compiler, this::validated));
      }
    }
    if (!problems.isEmpty()) {
      throw new MeshException(problems);
    }
    buildNamespaces();
    validateProducts(problems, steps);
    if (!problems.isEmpty()) {
      throw new MeshException(problems);
    }
    Standards.enforce(model.strict(), columnFindings());
    loaded = true;
  }

  /** This version's opened source for {@code now}, when its settings are those it was opened with. */
  private synchronized Source reusable(String domainName, SourceModel now, MeshModel next) {
    Domain domain = domains.get(domainName);
    if (domain == null) {
      return null;
    }
    for (SourceModel was : domain.model.sources()) {
      Source source = domain.sources.get(was.name());
      if (source != null && owned.contains(source) && ModelDiff.sameSource(model, was, next, now)) {
        return source;
      }
    }
    return null;
  }

  /** Checks the policies, and what the product declares, against its columns once they are known. */
  private void validated(Product product) {
    List<GovernanceFinding> found = columnChecks.check(product);
    if (loaded) {
      // After the load nothing fails over them, strict or not: the product's source was down until now.
      Standards.enforce(false, found);
    }
  }

  /** Product SQL of a domain sees that domain's sources and every domain's products. */
  private void buildNamespaces() {
    Map<String, Schema> productSchemas = new LinkedHashMap<>();
    for (Domain domain : domains.values()) {
      productSchemas.put(domain.name(), new LookupSchema(NameLookup.of(new LinkedHashMap<String, Table>(domain.products)),
          Lookup.empty()));
    }
    for (Domain domain : domains.values()) {
      Map<String, Schema> visible = new LinkedHashMap<>(productSchemas);
      domain.sources.forEach((name, source) ->
          visible.put(name, new LookupSchema(new NameLookup<>(source::tables, n -> true), Lookup.empty())));
      domain.namespace = CalciteSchema.createRootSchema(false, false, "",
          new LookupSchema(Lookup.empty(), NameLookup.of(visible)));
    }
  }

  private void validateProducts(List<String> problems, Steps steps) {
    for (Domain domain : domains.values()) {
      for (Product product : domain.products.values()) {
        steps.starting("product " + product.qualifiedName());
        try {
          product.rowType();
        } catch (ProductInvalidException e) {
          problems.add(product.model.location() + ": product " + product.qualifiedName() + ": " + e.getMessage());
        } catch (ProductUnavailableException e) {
          LOG.warn("{}: {}; it will be validated when the source answers", product.model.location(), e.getMessage());
        }
      }
    }
  }

  /** {@code root.getSubSchema(RUNTIME_SCHEMA).getSubSchema(handle)}, evaluated in generated code. */
  private static Expression runtimeExpression(String handle) {
    Expression root = Expressions.call(DataContext.ROOT, BuiltInMethod.DATA_CONTEXT_GET_ROOT_SCHEMA.method);
    Expression runtime = Expressions.call(root, BuiltInMethod.SCHEMA_GET_SUB_SCHEMA.method,
        Expressions.constant(Session.RUNTIME_SCHEMA));
    return Expressions.call(runtime, BuiltInMethod.SCHEMA_GET_SUB_SCHEMA.method, Expressions.constant(handle));
  }

  public Collection<Domain> domains() {
    return domains.values();
  }

  public PolicyEngine policies() {
    return policies;
  }

  Schema runtimeSchema() {
    return runtimeSchema;
  }

  public MeshModel model() {
    return model;
  }

  /**
   * Where policies, and what products declare, do not fit the columns products have, as found so
   * far: at load, and for a product whose source was down, when it validates.
   */
  public List<GovernanceFinding> columnFindings() {
    return columnChecks.findings();
  }

  /** Products that cannot be used now, with the reason; empty when every source answers. */
  public Map<String, String> unavailableProducts() {
    Map<String, String> unavailable = new LinkedHashMap<>();
    for (Domain domain : domains.values()) {
      for (Product product : domain.products.values()) {
        if (!product.isValidated()) {
          try {
            product.rowType();
          } catch (ProductUnavailableException | ProductInvalidException e) {
            unavailable.put(product.qualifiedName(), e.getMessage());
          }
        }
      }
    }
    return unavailable;
  }

  /** Plan cache hits and misses since load, for benchmarks and monitoring. */
  public long[] planCacheStats() {
    return new long[] {plans.hits(), plans.misses()};
  }

  /**
   * Closes the sources this version owns, its statement threads if no later version took them, and
   * the shared plan cache and audit log if it is the last version.
   */
  @Override
  public synchronized void close() {
    for (Source source : owned) {
      try {
        source.close();
      } catch (RuntimeException e) {
        LOG.warn("closing a source of mesh {} failed: {}", model.name(), e.getMessage());
      }
    }
    owned.clear();
    if (ownsWorkers) {
      workers.close();
    }
    if (ownsShared) {
      plans.clear();
      audit.close();
    }
  }

  /** Which version of the mesh this is, counted from 1 at the first load; refused versions count too. */
  public long version() {
    return version;
  }

  /** Part of every session's plan key: plans are not shared across different policy contents. */
  String policyDigest() {
    return policyDigest;
  }

  /** Called once by the assembly, before the first session opens. */
  public void attach(MeshTables tables) {
    this.tables = Objects.requireNonNull(tables, "tables is null");
  }

  MeshTables tables() {
    MeshTables attached = tables;
    if (attached == null) {
      throw new IllegalStateException("the mesh's own tables are not attached");
    }
    return attached;
  }

  /** The session of a principal, whose root schema holds what the principal may see. */
  public Session session(Principal principal) {
    return new Session(principal, this);
  }

  /** The session the mesh's own quality checks run in: every product, no policies. */
  public Session systemSession() {
    return Session.system(this);
  }

  public PlanCache plans() {
    return plans;
  }

  /** The threads on which source statements run beside their queries' own. */
  public StatementWorkers workers() {
    return workers;
  }

  public ProductCompiler compiler() {
    return compiler;
  }

  /** Rows the JVM operators of one query may hold in memory at once, 0 for no limit. */
  public long maxQueryRows() {
    return maxQueryRows;
  }

  public AuditLog audit() {
    return audit;
  }
}
