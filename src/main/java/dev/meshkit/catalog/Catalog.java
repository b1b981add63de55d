package dev.meshkit.catalog;

import dev.meshkit.engine.Domain;
import dev.meshkit.engine.Product;
import dev.meshkit.engine.Session;
import dev.meshkit.model.ProductStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The catalog as one session sees it: released, discoverable products, plus every product the
 * principal may read. Unreleased products stay invisible to all but their readers, as elsewhere.
 */
final class Catalog {

  /** A product in the catalog and whether the asking principal may read it. */
  record Entry(Product product, boolean canRead) {}

  final Session session;
  private final List<Entry> entries = new ArrayList<>();

  Catalog(Session session) {
    this.session = session;
    for (Domain domain : session.mesh().domains()) {
      for (Product product : domain.products().values()) {
        boolean canRead = session.canRead(product);
        if (canRead || discoverable(product)) {
          entries.add(new Entry(product, canRead));
        }
      }
    }
  }

  /** In domain order, then declaration order. */
  List<Entry> entries() {
    return entries;
  }

  /** Whether every principal may find the product: released and discoverable. */
  static boolean discoverable(Product product) {
    ProductStatus status = product.model().status();
    return product.model().discoverable() && (status == ProductStatus.ACTIVE || status == ProductStatus.DEPRECATED);
  }
}
