package dev.meshkit.plan;

import dev.meshkit.Principal;
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
final class Session {

  /**
   * Where generated code finds database sources at run time. Never listed, and it holds no
   * tables, so naming it in SQL reaches nothing.
   */
  static final String RUNTIME_SCHEMA = "$meshkit$runtime";

  final Principal principal;
  final MeshRuntime mesh;
  final CalciteSchema root;
  private final Map<Product, ProductView> views = new ConcurrentHashMap<>();

  Session(Principal principal, MeshRuntime mesh) {
    this.principal = principal;
    this.mesh = mesh;
    Map<String, Schema> schemas = new LinkedHashMap<>();
    for (Domain domain : mesh.domains()) {
      Lookup<Table> products = new NameLookup<>(() -> domain.products, name -> domain.products.get(name).isValidated())
          .map((product, name) -> views.computeIfAbsent(product, p -> new ProductView(p, this)));
      schemas.put(domain.name(), new LookupSchema(products, Lookup.empty()));
    }
    schemas.put(RUNTIME_SCHEMA, mesh.runtimeSchema());
    Lookup<Schema> subSchemas = new NameLookup<>(() -> schemas, name -> !name.equals(RUNTIME_SCHEMA));
    this.root = CalciteSchema.createRootSchema(false, false, "", new Root(this, subSchemas));
  }

  /**
   * What makes two sessions' plans interchangeable. Until policies bite, every principal sees
   * the same mesh; the governance layer replaces this with a digest of the policies that apply.
   */
  String policyFingerprint() {
    return "";
  }

  /** The session whose root schema this is, or null for a schema that is not a session root. */
  static Session of(CalciteSchema root) {
    return root.schema instanceof Root r ? r.session : null;
  }

  /** The root schema object; it carries its session so the planner can find it. */
  private static final class Root extends LookupSchema {
    final Session session;

    Root(Session session, Lookup<Schema> subSchemas) {
      super(Lookup.empty(), subSchemas);
      this.session = session;
    }
  }
}
