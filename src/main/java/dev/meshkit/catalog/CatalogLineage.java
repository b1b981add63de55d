package dev.meshkit.catalog;

import dev.meshkit.engine.Product;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code catalog.lineage}: for each product in the asker's catalog, which inputs each column comes
 * from. Products whose lineage cannot be derived now (a source is down) have no rows. An input the
 * asker may not see (a product outside their catalog, a source table of a product they may not
 * see inside) is one {@code hidden} row per column, without names.
 */
final class CatalogLineage extends CatalogTable {

  private final Lineage lineage;

  CatalogLineage(Lineage lineage) {
    this.lineage = lineage;
  }

  @Override
  public String description() {
    return "Where each product column comes from: products and source tables";
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory types) {
    return types.builder()
        .add("domain_name", SqlTypeName.VARCHAR).nullable(false)
        .add("product_name", SqlTypeName.VARCHAR).nullable(false)
        .add("column_name", SqlTypeName.VARCHAR).nullable(false)
        .add("input_kind", SqlTypeName.VARCHAR).nullable(false)
        .add("input_domain", SqlTypeName.VARCHAR).nullable(true)
        .add("input_name", SqlTypeName.VARCHAR).nullable(true)
        .add("input_column", SqlTypeName.VARCHAR).nullable(true)
        .build();
  }

  @Override
  List<Object[]> rows(Catalog catalog) {
    List<Object[]> rows = new ArrayList<>();
    for (Catalog.Entry entry : catalog.entries()) {
      Product product = entry.product();
      Lineage.Of lineage = this.lineage.of(product, catalog);
      if (lineage == null) {
        continue;
      }
      for (Lineage.Column c : lineage.columns()) {
        Lineage.Input input = c.input();
        rows.add(new Object[] {product.domain().name(), product.name(), c.column(), input.kind(),
            input.hidden() ? null : input.domain(), input.hidden() ? null : input.name(), c.inputColumn()});
      }
    }
    return rows;
  }
}
