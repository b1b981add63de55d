package dev.meshkit.catalog;

import dev.meshkit.Feedback;
import dev.meshkit.MeshException;
import dev.meshkit.engine.Product;
import dev.meshkit.store.FeedbackRecords;
import dev.meshkit.store.MetadataStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code catalog.feedback}: ratings and problem reports on the products in the asker's catalog,
 * newest first. Who gave or resolved each is a person, named only to that person, the product's
 * domain members and those granted {@code sys}, as {@code catalog.usage} names consumers.
 */
final class CatalogFeedback extends CatalogTable {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogFeedback.class);

  private final MetadataStore store;

  CatalogFeedback(MetadataStore store) {
    this.store = store;
  }

  @Override
  public String description() {
    return "Consumers' ratings and problem reports on products";
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory types) {
    return types.builder()
        .add("domain_name", SqlTypeName.VARCHAR).nullable(false)
        .add("product_name", SqlTypeName.VARCHAR).nullable(false)
        .add("id", SqlTypeName.BIGINT).nullable(false)
        .add("kind", SqlTypeName.VARCHAR).nullable(false)
        .add("rating", SqlTypeName.INTEGER).nullable(true)
        .add("comment", SqlTypeName.VARCHAR).nullable(false)
        .add("principal", SqlTypeName.VARCHAR).nullable(true)
        .add("created_at", SqlTypeName.TIMESTAMP).nullable(false)
        .add("status", SqlTypeName.VARCHAR).nullable(true)
        .add("resolved_by", SqlTypeName.VARCHAR).nullable(true)
        .add("resolved_at", SqlTypeName.TIMESTAMP).nullable(true)
        .build();
  }

  @Override
  List<Object[]> rows(Catalog catalog) {
    if (!store.hasFeedback()) {
      return List.of();
    }
    Map<String, Product> listed = new HashMap<>();
    catalog.entries().forEach(e -> listed.put(e.product().qualifiedName(), e.product()));
    List<Object[]> rows = new ArrayList<>();
    for (Feedback f : store.feedback().all()) {
      Product product = listed.get(f.product());
      if (product == null) {
        continue;
      }
      Feedback shown = ProductFeedback.asSeenBy(catalog, product, f);
      rows.add(new Object[] {
          product.domain().name(),
          product.name(),
          shown.id(),
          shown.kind().name().toLowerCase(java.util.Locale.ROOT),
          shown.rating(),
          shown.comment(),
          shown.principal(),
          shown.createdAt().toEpochMilli(),
          shown.status() == null ? null : shown.status().name().toLowerCase(java.util.Locale.ROOT),
          shown.resolvedBy(),
          shown.resolvedAt() == null ? null : shown.resolvedAt().toEpochMilli()
      });
    }
    return rows;
  }

  /** Every product's feedback summary; none while the store cannot be read, so the catalog still answers. */
  static Map<String, FeedbackRecords.Summary> summaries(MetadataStore store) {
    if (!store.hasFeedback()) {
      return Map.of();
    }
    try {
      return store.feedback().summaries();
    } catch (MeshException e) {
      LOG.debug("catalog.products shows no feedback: {}", e.getMessage());
      return Map.of();
    }
  }
}
