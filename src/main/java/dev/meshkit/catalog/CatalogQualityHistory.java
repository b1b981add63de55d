package dev.meshkit.catalog;

import dev.meshkit.QualityResult;
import dev.meshkit.store.MetadataStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code catalog.quality_history}: every kept quality result of the products in the asker's
 * catalog, oldest first, with the observed value shown as {@code catalog.quality} shows it.
 */
final class CatalogQualityHistory extends CatalogTable {

  private final MetadataStore store;

  CatalogQualityHistory(MetadataStore store) {
    this.store = store;
  }

  @Override
  public String description() {
    return "Every kept result of each quality check";
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory types) {
    return types.builder()
        .add("domain_name", SqlTypeName.VARCHAR).nullable(false)
        .add("product_name", SqlTypeName.VARCHAR).nullable(false)
        .add("check_name", SqlTypeName.VARCHAR).nullable(false)
        .add("metric", SqlTypeName.VARCHAR).nullable(true)
        .add("column_name", SqlTypeName.VARCHAR).nullable(true)
        .add("status", SqlTypeName.VARCHAR).nullable(false)
        .add("observed", SqlTypeName.VARCHAR).nullable(true)
        .add("expected", SqlTypeName.VARCHAR).nullable(true)
        .add("severity", SqlTypeName.VARCHAR).nullable(true)
        .add("checked_at", SqlTypeName.TIMESTAMP).nullable(false)
        .build();
  }

  @Override
  List<Object[]> rows(Catalog catalog) {
    Map<String, Catalog.Entry> listed = new HashMap<>();
    catalog.entries().forEach(e -> listed.put(e.product().qualifiedName().toLowerCase(Locale.ROOT), e));
    List<Object[]> rows = new ArrayList<>();
    for (QualityResult r : store.qualityHistory()) {
      Catalog.Entry entry = listed.get(r.product().toLowerCase(Locale.ROOT));
      if (entry == null) {
        continue;
      }
      rows.add(CatalogQuality.row(catalog, entry, r));
    }
    return rows;
  }
}
