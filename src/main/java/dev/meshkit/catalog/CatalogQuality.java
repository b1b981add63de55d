package dev.meshkit.catalog;

import dev.meshkit.MeshQuality;
import dev.meshkit.QualityResult;
import dev.meshkit.engine.Product;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code catalog.quality}: the latest result of each quality check of the products in the asker's
 * catalog. The observed value is shown only to those who read the whole product, unfiltered and
 * unmasked, since it is measured from all of its data (a newest timestamp, a query's answer, an
 * error message); everyone else sees whether the check passed.
 */
final class CatalogQuality extends CatalogTable {

  private final MeshQuality quality;

  CatalogQuality(MeshQuality quality) {
    this.quality = quality;
  }

  @Override
  public String description() {
    return "Latest result of each quality check";
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory types) {
    return types.builder()
        .add("domain_name", SqlTypeName.VARCHAR).nullable(false)
        .add("product_name", SqlTypeName.VARCHAR).nullable(false)
        .add("check_name", SqlTypeName.VARCHAR).nullable(false)
        .add("metric", SqlTypeName.VARCHAR).nullable(false)
        .add("column_name", SqlTypeName.VARCHAR).nullable(true)
        .add("status", SqlTypeName.VARCHAR).nullable(false)
        .add("observed", SqlTypeName.VARCHAR).nullable(true)
        .add("expected", SqlTypeName.VARCHAR).nullable(false)
        .add("severity", SqlTypeName.VARCHAR).nullable(false)
        .add("checked_at", SqlTypeName.TIMESTAMP).nullable(false)
        .build();
  }

  @Override
  List<Object[]> rows(Catalog catalog) {
    List<Object[]> rows = new ArrayList<>();
    for (Catalog.Entry entry : catalog.entries()) {
      for (QualityResult r : quality.latest(entry.product().qualifiedName())) {
        rows.add(row(catalog, entry, r));
      }
    }
    return rows;
  }

  /** One result as this table and {@code catalog.quality_history} show it. */
  static Object[] row(Catalog catalog, Catalog.Entry entry, QualityResult r) {
    Product product = entry.product();
    return new Object[] {product.domain().name(), product.name(), r.checkName(), r.metric(), r.column(), r.status(),
        catalog.readsWhole(entry) ? r.observedText() : null, r.expected(), r.severity(), r.checkedAt().toEpochMilli()};
  }
}
