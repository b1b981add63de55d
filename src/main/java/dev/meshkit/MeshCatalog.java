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
}
