package dev.meshkit.catalog;

import dev.meshkit.engine.Domain;
import dev.meshkit.engine.Product;
import dev.meshkit.engine.Session;
import dev.meshkit.model.ProductStatus;
import dev.meshkit.policy.AccessDecision;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The catalog as one session sees it: released, discoverable products, plus every product the
 * principal may read. Unreleased products stay invisible to all but their readers, as elsewhere.
 * It also says what the principal may see about each entry beyond its metadata.
 */
final class Catalog implements Lineage.Sight {

  /** A product in the catalog and whether the asking principal may read it. */
  record Entry(Product product, boolean canRead) {}

  final Session session;
  private final List<Entry> entries = new ArrayList<>();
  private final Set<Product> listed = new HashSet<>();

  Catalog(Session session) {
    this.session = session;
    for (Domain domain : session.mesh().domains()) {
      for (Product product : domain.products().values()) {
        boolean canRead = session.canRead(product);
        if (canRead || discoverable(product)) {
          entries.add(new Entry(product, canRead));
          listed.add(product);
        }
      }
    }
  }

  /** In domain order, then declaration order. */
  List<Entry> entries() {
    return entries;
  }

  /** Whether the product is in this catalog: the asker may find or read it, so it may be named. */
  @Override
  public boolean names(Product product) {
    return listed.contains(product);
  }

  /** Whether the asker may see inside the product, as in its plan: then its source tables show. */
  @Override
  public boolean seesSources(Product product) {
    return session.seesInternals(product);
  }

  /**
   * Whether the asker reads the whole product, unfiltered and unmasked, and so may see values
   * measured from all of its data. A product whose source has not answered yet has no decision.
   */
  boolean readsWhole(Entry entry) {
    if (!entry.canRead() || !entry.product().isValidated()) {
      return false;
    }
    AccessDecision decision = session.decision(entry.product());
    return decision.rowFilters().isEmpty() && decision.masks().isEmpty();
  }

  /** Whether the asker may see who uses the product: its domain's members and those granted {@code sys}. */
  boolean seesConsumers(Product product) {
    return session.readsSys() || session.isMember(product.domain());
  }

  /** Whether every principal may find the product: released and discoverable. */
  static boolean discoverable(Product product) {
    ProductStatus status = product.model().status();
    return product.model().discoverable() && (status == ProductStatus.ACTIVE || status == ProductStatus.DEPRECATED);
  }
}
