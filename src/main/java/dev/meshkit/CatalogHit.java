package dev.meshkit;

import static java.util.Objects.requireNonNull;

/**
 * One product found by {@link MeshCatalog#search(String)}.
 *
 * @param product qualified name, {@code domain.product}
 * @param score relevance, higher is better; always positive
 * @param description the product's description (its purpose), or null
 */
public record CatalogHit(String product, double score, String description) {

  public CatalogHit {
    requireNonNull(product, "product is null");
  }
}
