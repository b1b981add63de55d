package dev.meshkit.catalog;

import dev.meshkit.CatalogHit;
import dev.meshkit.MeshCatalog;
import dev.meshkit.MeshQuality;
import dev.meshkit.Principal;
import dev.meshkit.engine.Domain;
import dev.meshkit.engine.MeshRuntime;
import dev.meshkit.engine.MeshTables;
import dev.meshkit.engine.Product;
import dev.meshkit.engine.ProductUnavailableException;
import dev.meshkit.governance.MeshChanges;
import dev.meshkit.governance.OdcsContracts;
import dev.meshkit.store.MetadataStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The catalog of a loaded mesh: it mounts the {@code catalog} schema and {@code sys.audit} in the
 * engine, and answers {@link MeshCatalog} for Java callers. Without a principal, search, lineage
 * and contracts show only the products every principal finds in the catalog; lineage for a
 * principal shows their catalog, as {@code catalog.lineage} does.
 */
public final class ProductCatalog implements MeshCatalog {

  private final MeshRuntime mesh;
  private final Lineage lineage;

  /** Attaches the mesh's own tables to {@code mesh}; call once, before the first session opens. */
  public ProductCatalog(MeshRuntime mesh, MeshQuality quality, MeshChanges changes, MetadataStore store) {
    this.mesh = mesh;
    this.lineage = new Lineage(mesh.domains(), mesh.compiler());
    mesh.attach(new MeshTables(new CatalogSchema(CatalogTable.all(lineage, quality, mesh.audit().usage(), changes,
        store)),
        new AuditTable(mesh.audit().memory(), store), new MeshChangesTable(changes)));
  }

  @Override
  public List<CatalogHit> search(String terms) {
    Objects.requireNonNull(terms, "terms is null");
    List<Product> products = mesh.domains().stream().flatMap(d -> d.products().values().stream())
        .filter(Catalog::discoverable).toList();
    return CatalogSearch.rank(products, terms);
  }

  /**
   * Without a principal, the caller holds the mesh and its descriptor: the products every principal
   * finds are drawn with their source tables, and any other product they read is hidden.
   */
  private static final Lineage.Sight WITHOUT_PRINCIPAL = new Lineage.Sight() {
    @Override
    public boolean names(Product product) {
      return Catalog.discoverable(product);
    }

    @Override
    public boolean seesSources(Product product) {
      return true;
    }
  };

  @Override
  public String lineage(String product, String format) {
    return draw(WITHOUT_PRINCIPAL, product, format);
  }

  @Override
  public String lineage(Principal principal, String product, String format) {
    Objects.requireNonNull(principal, "principal is null");
    return draw(new Catalog(mesh.session(principal)), product, format);
  }

  private String draw(Lineage.Sight sight, String product, String format) {
    Objects.requireNonNull(format, "format is null");
    List<Lineage.Of> all = new ArrayList<>();
    Lineage.Input focus = null;
    for (Domain domain : mesh.domains()) {
      for (Product p : domain.products().values()) {
        if (!sight.names(p)) {
          continue;
        }
        if (product != null && p.qualifiedName().equalsIgnoreCase(product)) {
          focus = LineageGraph.self(p);
        }
        Lineage.Of of = lineage.of(p, sight);
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

  /** A product whose source is down is exported with its declared columns alone. */
  @Override
  public String exportContract(String product) {
    Objects.requireNonNull(product, "product is null");
    Product p = discoverable(product);
    List<OdcsContracts.Field> fields;
    try {
      fields = p.rowType().getFieldList().stream()
          .map(f -> new OdcsContracts.Field(f.getName(), f.getType().getSqlTypeName().getName())).toList();
    } catch (ProductUnavailableException e) {
      fields = List.of();
    }
    return OdcsContracts.export(p.model(), p.domain().model(), fields);
  }

  @Override
  public String importContract(String product, String contractYaml) {
    Objects.requireNonNull(product, "product is null");
    Objects.requireNonNull(contractYaml, "contractYaml is null");
    return OdcsContracts.toDescriptor(OdcsContracts.importInto(discoverable(product).model(), contractYaml));
  }

  private Product discoverable(String product) {
    for (Domain domain : mesh.domains()) {
      for (Product p : domain.products().values()) {
        if (Catalog.discoverable(p) && p.qualifiedName().equalsIgnoreCase(product)) {
          return p;
        }
      }
    }
    throw new IllegalArgumentException("no data product " + product + " in the catalog");
  }
}
