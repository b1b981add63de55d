package dev.meshkit.plan;

import dev.meshkit.CatalogHit;
import dev.meshkit.GovernanceReport;
import dev.meshkit.LoadListener;
import dev.meshkit.MeshException;
import dev.meshkit.Principal;
import dev.meshkit.SourceListener;
import dev.meshkit.governance.AuditLog;
import dev.meshkit.governance.OdcsContracts;
import dev.meshkit.governance.QualityRunner;
import dev.meshkit.governance.Reports;
import dev.meshkit.model.DomainModel;
import dev.meshkit.model.MeshModel;
import dev.meshkit.model.ProductModel;
import dev.meshkit.model.SourceModel;
import dev.meshkit.policy.PolicyEngine;
import dev.meshkit.source.Source;
import dev.meshkit.source.SourceConfigException;
import dev.meshkit.source.SourceContext;
import dev.meshkit.source.SourceType;
import dev.meshkit.source.SourceTypes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
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
 * A loaded mesh: opened sources, validated products, the plan cache and the engine that opens
 * connections. Internal; users hold a {@code dev.meshkit.Mesh}.
 */
public final class MeshRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MeshRuntime.class);

  /** Schemas the mesh itself provides to consumers. */
  private static final List<String> RESERVED_SCHEMAS = List.of(Session.SYS_SCHEMA, Session.CATALOG_SCHEMA);

  private final MeshModel model;
  private final Map<String, Domain> domains = new LinkedHashMap<>();
  private final ProductCompiler compiler = new ProductCompiler();
  private final Lineage lineage = new Lineage(domains.values(), compiler);
  private final PlanCache plans;
  private final EngineDriver engine;
  /** Each database source's runtime schema, by "domain.source", as generated code looks it up. */
  private final Map<String, Schema> runtimeHandles = new LinkedHashMap<>();
  private final Schema runtimeSchema;
  private final PolicyEngine policies;
  private final AuditLog audit;
  private final AuditTable auditTable;
  private final Map<String, Table> catalogTables = CatalogTable.all();
  private final QualityRunner quality;

  private MeshRuntime(MeshModel model, long planCacheSize, AuditLog audit) {
    this.audit = audit;
    this.auditTable = new AuditTable(audit.memory());
    this.model = model;
    this.plans = new PlanCache(planCacheSize);
    this.engine = new EngineDriver(plans);
    this.policies = new PolicyEngine(model);
    this.runtimeSchema = new LookupSchema(Lookup.empty(), NameLookup.of(runtimeHandles));
    this.quality = new QualityRunner(model, this::connectUnrestricted);
  }

  /**
   * Opens every source, then validates every product. Products whose source cannot be reached are
   * kept as unavailable; anything wrong with the declaration fails the load with every finding.
   *
   * @throws MeshException naming each problem with its descriptor location
   */
  public static MeshRuntime load(MeshModel model, SourceListener listener, LoadListener progress, SourceTypes types,
      long planCacheSize, AuditLog audit) {
    MeshRuntime mesh = new MeshRuntime(model, planCacheSize, audit);
    try {
      mesh.open(listener, new Steps(progress, model), types);
      return mesh;
    } catch (RuntimeException e) {
      mesh.close();
      throw e;
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

  private void open(SourceListener listener, Steps steps, SourceTypes types) {
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
        steps.starting("source " + handle);
        SourceContext context = new SourceContext(domain.name(), model.baseDir(), runtimeExpression(handle), listener);
        try {
          Source source = type.open(sourceModel, context);
          domain.sources.put(sourceModel.name(), source);
          Schema runtime = source.runtimeSchema();
          runtimeHandles.put(handle, runtime != null ? runtime : new AbstractSchema());
        } catch (SourceConfigException e) {
          problems.add(where + ": " + e.getMessage());
        }
      }
      for (ProductModel productModel : domainModel.products()) {
        domain.products.put(productModel.name(), new Product(domain, productModel, compiler));
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

  Collection<Domain> domains() {
    return domains.values();
  }

  PolicyEngine policies() {
    return policies;
  }

  Schema runtimeSchema() {
    return runtimeSchema;
  }

  public MeshModel model() {
    return model;
  }

  /** Opens a connection through which {@code principal} queries the mesh. */
  public Connection connect(Principal principal) throws SQLException {
    return GuardedConnection.wrap(engine.connect(new Session(principal, this)), principal, audit);
  }

  /**
   * A connection that reads every product with no policy applying and no audit, for the mesh's own
   * quality checks. Never handed to consumers.
   */
  private Connection connectUnrestricted() throws SQLException {
    return engine.connect(Session.system(this));
  }

  /** The quality checks and their latest results. */
  public QualityRunner quality() {
    return quality;
  }

  /** The governance report as of now; usage counts are those since the mesh loaded. */
  public GovernanceReport report(Duration unusedFor) {
    return Reports.build(model, policies, audit.usage(), quality, unusedFor, Instant.now());
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

  /** Search without a principal: only the products every principal finds in the catalog. */
  public List<CatalogHit> search(String terms) {
    Objects.requireNonNull(terms, "terms is null");
    List<Product> products = domains.values().stream().flatMap(d -> d.products.values().stream())
        .filter(Catalog::discoverable).toList();
    return CatalogSearch.rank(products, terms);
  }

  /**
   * Product-level lineage as a Mermaid flowchart or Graphviz digraph: of the whole mesh when
   * {@code product} is null, else of that product's upstream and downstream. Like search, it
   * shows only the products every principal finds in the catalog (their inputs are named).
   */
  public String lineage(String product, String format) {
    Objects.requireNonNull(format, "format is null");
    List<Lineage.Of> all = new ArrayList<>();
    Lineage.Input focus = null;
    for (Domain domain : domains.values()) {
      for (Product p : domain.products.values()) {
        if (!Catalog.discoverable(p)) {
          continue;
        }
        if (product != null && p.qualifiedName().equalsIgnoreCase(product)) {
          focus = LineageGraph.self(p);
        }
        Lineage.Of of = lineage.of(p);
        if (of != null) {
          all.add(of);
        }
      }
    }
    if (product != null && focus == null) {
      throw new IllegalArgumentException("no data product " + product + " in the catalog");
    }
    return LineageGraph.render(all, focus, format);
  }

  /**
   * The product as an ODCS data contract, with its actual column types. Like search, only products
   * every principal finds in the catalog; a product whose source is down is exported with its
   * declared columns alone.
   */
  public String exportContract(String product) {
    Objects.requireNonNull(product, "product is null");
    for (Domain domain : domains.values()) {
      for (Product p : domain.products.values()) {
        if (Catalog.discoverable(p) && p.qualifiedName().equalsIgnoreCase(product)) {
          List<OdcsContracts.Field> fields;
          try {
            fields = p.rowType().getFieldList().stream()
                .map(f -> new OdcsContracts.Field(f.getName(), f.getType().getSqlTypeName().getName())).toList();
          } catch (ProductUnavailableException e) {
            fields = List.of();
          }
          return OdcsContracts.export(p.model, domain.model, fields);
        }
      }
    }
    throw new IllegalArgumentException("no data product " + product + " in the catalog");
  }
  /**
   * The product's declared metadata with the contract applied, as its descriptor entry in YAML.
   * Like export, only products every principal finds in the catalog; the running mesh is unchanged.
   */
  public String importContract(String product, String contractYaml) {
    Objects.requireNonNull(product, "product is null");
    Objects.requireNonNull(contractYaml, "contractYaml is null");
    for (Domain domain : domains.values()) {
      for (Product p : domain.products.values()) {
        if (Catalog.discoverable(p) && p.qualifiedName().equalsIgnoreCase(product)) {
          return OdcsContracts.toDescriptor(OdcsContracts.importInto(p.model, contractYaml));
        }
      }
    }
    throw new IllegalArgumentException("no data product " + product + " in the catalog");
  }


  Lineage lineage() {
    return lineage;
  }

  /** Plan cache hits and misses since load, for benchmarks and monitoring. */
  public long[] planCacheStats() {
    return new long[] {plans.hits(), plans.misses()};
  }

  @Override
  public void close() {
    quality.close();
    for (Domain domain : domains.values()) {
      for (Source source : domain.sources.values()) {
        try {
          source.close();
        } catch (RuntimeException e) {
          LOG.warn("closing source of domain {} failed: {}", domain.name(), e.getMessage());
        }
      }
    }
    plans.clear();
    audit.close();
  }

  AuditTable auditTable() {
    return auditTable;
  }

  Map<String, Table> catalogTables() {
    return catalogTables;
  }

  public AuditLog audit() {
    return audit;
  }
}
