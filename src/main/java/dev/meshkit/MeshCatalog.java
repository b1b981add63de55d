package dev.meshkit;

import java.util.List;

/** The mesh's product catalog, for applications; SQL consumers use the {@code catalog} schema. */
public interface MeshCatalog {

  /**
   * Ranks products by relevance to the words in {@code terms}, best first, leaving out those that
   * do not match. There is no principal here, so only what every principal may see is searched:
   * {@code active} and {@code deprecated} products with {@code discoverable: true}.
   *
   * @throws NullPointerException if terms is null
   */
  List<CatalogHit> search(String terms);

  /**
   * The lineage derived from the products' plans, drawn product by product (sources as
   * {@code source.table}, never connection details), as {@code "mermaid"} (a flowchart) or
   * {@code "dot"} (a Graphviz digraph). With a qualified product name, only that product's upstream
   * and downstream; with null, the whole mesh. As with search, only the products every principal
   * finds in the catalog are drawn, with the source tables they read; any other product they read
   * is drawn as {@code (hidden)}, and nothing it reads is drawn.
   *
   * @throws IllegalArgumentException for an unknown format, or a product not in the catalog
   */
  String lineage(String product, String format);

  /**
   * The lineage as {@link #lineage(String, String)} draws it, for what {@code principal} may see:
   * the products in their catalog (those they may find or read). A product's source tables are
   * drawn only where they may see inside it (its domain's members, grants with {@code explain:
   * true}); any other input is drawn as {@code (hidden)}, and nothing it reads is drawn.
   *
   * @throws IllegalArgumentException for an unknown format, or a product not in their catalog
   */
  String lineage(Principal principal, String product, String format);

  /**
   * The product ({@code domain.product}) as an ODCS v3.1 data contract in YAML: its actual columns
   * with logical types and what the descriptor declares about them, its quality checks, freshness
   * SLA, support, owner, version and status. As with search, only products every principal finds
   * in the catalog.
   *
   * @throws IllegalArgumentException for a product not in the catalog
   */
  String exportContract(String product);

  /**
   * Applies an ODCS data contract (as {@link #exportContract} writes it) to the declared metadata of
   * the product ({@code domain.product}) and returns the resulting product entry as descriptor YAML,
   * to paste under its domain's {@code products} in the descriptor. The running mesh is immutable:
   * nothing changes until the mesh is started again from the edited descriptor. As with search, only
   * products every principal finds in the catalog.
   *
   * @throws IllegalArgumentException for a product not in the catalog, or text that is not an ODCS
   *     data contract
   */
  String importContract(String product, String contractYaml);
}
