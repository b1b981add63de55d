package dev.meshkit.catalog;

import dev.meshkit.engine.Product;
import dev.meshkit.governance.UsageStats;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code catalog.usage_history}: the reads of each product in the asker's catalog per UTC day, one
 * row per product and day with reads, for usage over time. Counts only: no one is named.
 */
final class CatalogUsageHistory extends CatalogTable {

  private final UsageStats usage;

  CatalogUsageHistory(UsageStats usage) {
    this.usage = usage;
  }

  @Override
  public String description() {
    return "How much each product is used per day";
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory types) {
    return types.builder()
        .add("domain_name", SqlTypeName.VARCHAR).nullable(false)
        .add("product_name", SqlTypeName.VARCHAR).nullable(false)
        .add("day", SqlTypeName.DATE).nullable(false)
        .add("queries", SqlTypeName.BIGINT).nullable(false)
        .add("rows_served", SqlTypeName.BIGINT).nullable(false)
        .add("distinct_principals", SqlTypeName.BIGINT).nullable(false)
        .build();
  }

  @Override
  List<Object[]> rows(Catalog catalog) {
    Map<String, Product> listed = new HashMap<>();
    catalog.entries().forEach(e -> listed.put(e.product().qualifiedName(), e.product()));
    List<Object[]> rows = new ArrayList<>();
    for (UsageStats.Day day : usage.history()) {
      Product product = listed.get(day.product());
      if (product != null) {
        rows.add(new Object[] {product.domain().name(), product.name(), (int) day.day().toEpochDay(), day.queries(),
            day.rowsServed(), day.distinctPrincipals()});
      }
    }
    return rows;
  }
}
