package dev.meshkit.catalog;

import dev.meshkit.engine.Product;
import dev.meshkit.governance.UsageStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code catalog.usage}: how each product in the asker's catalog has been used, from the audit
 * events, as the metadata store keeps them (across restarts when it is durable). Products never read are listed with zeros, so disuse shows. The
 * top consumers are people, named only to the product's domain members and those granted {@code sys}.
 */
final class CatalogUsage extends CatalogTable {

  private final UsageStats usage;

  CatalogUsage(UsageStats usage) {
    this.usage = usage;
  }

  @Override
  public String description() {
    return "How much each product is used, and by whom";
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory types) {
    return types.builder()
        .add("domain_name", SqlTypeName.VARCHAR).nullable(false)
        .add("product_name", SqlTypeName.VARCHAR).nullable(false)
        .add("queries", SqlTypeName.BIGINT).nullable(false)
        .add("distinct_principals", SqlTypeName.BIGINT).nullable(false)
        .add("rows_served", SqlTypeName.BIGINT).nullable(false)
        .add("last_used", SqlTypeName.TIMESTAMP).nullable(true)
        .add("top_consumers", SqlTypeName.VARCHAR).nullable(true)
        .build();
  }

  @Override
  List<Object[]> rows(Catalog catalog) {
    Map<String, UsageStats.Usage> totals = usage.all();
    List<Object[]> rows = new ArrayList<>();
    for (Catalog.Entry entry : catalog.entries()) {
      Product product = entry.product();
      UsageStats.Usage usage = totals.getOrDefault(product.qualifiedName(), UsageStats.Usage.NONE);
      rows.add(new Object[] {
          product.domain().name(),
          product.name(),
          usage.queries(),
          usage.distinctPrincipals(),
          usage.rowsServed(),
          usage.lastUsed() == null ? null : usage.lastUsed().toEpochMilli(),
          catalog.seesConsumers(product) ? joined(usage.topConsumers()) : null
      });
    }
    return rows;
  }
}
