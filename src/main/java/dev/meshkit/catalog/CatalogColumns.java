package dev.meshkit.catalog;

import dev.meshkit.engine.Product;
import dev.meshkit.engine.Session;
import dev.meshkit.model.ColumnModel;
import dev.meshkit.policy.AccessDecision;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code catalog.columns}: the columns of each product in the asker's catalog, with their
 * documentation and whether a mask applies to the asker. A product whose source has not answered
 * yet lists its declared columns, without types: the catalog never waits for a source.
 */
final class CatalogColumns extends CatalogTable {

  @Override
  public String description() {
    return "Columns of the products you can find, with classification and whether they are masked for you";
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory types) {
    return types.builder()
        .add("domain_name", SqlTypeName.VARCHAR).nullable(false)
        .add("product_name", SqlTypeName.VARCHAR).nullable(false)
        .add("column_name", SqlTypeName.VARCHAR).nullable(false)
        .add("ordinal_position", SqlTypeName.INTEGER).nullable(false)
        .add("data_type", SqlTypeName.VARCHAR).nullable(true)
        .add("nullable", SqlTypeName.BOOLEAN).nullable(true)
        .add("description", SqlTypeName.VARCHAR).nullable(true)
        .add("classification", SqlTypeName.VARCHAR).nullable(true)
        .add("tags", SqlTypeName.VARCHAR).nullable(true)
        .add("masked_for_me", SqlTypeName.BOOLEAN).nullable(true)
        .build();
  }

  @Override
  List<Object[]> rows(Catalog catalog) {
    List<Object[]> rows = new ArrayList<>();
    for (Catalog.Entry entry : catalog.entries()) {
      Product product = entry.product();
      // Masks mean something only to a reader; for anyone else masked_for_me is null.
      AccessDecision decision = entry.canRead() ? decision(catalog.session, product) : null;
      if (product.isValidated()) {
        List<RelDataTypeField> fields = product.rowType().getFieldList();
        for (RelDataTypeField field : fields) {
          rows.add(row(product, field.getName(), field.getIndex() + 1, field.getType(), decision));
        }
      } else {
        List<ColumnModel> declared = product.model().columns();
        for (int i = 0; i < declared.size(); i++) {
          rows.add(row(product, declared.get(i).name(), i + 1, null, decision));
        }
      }
    }
    return rows;
  }

  /** The session's cached decision once the columns are known; otherwise one for the declared columns. */
  private static AccessDecision decision(Session session, Product product) {
    return product.isValidated() ? session.decision(product)
        : session.mesh().policies().decide(session.principal(), product.domain().name(), product.name());
  }

  private static Object[] row(Product product, String name, int ordinal, RelDataType type, AccessDecision decision) {
    ColumnModel declared = product.model().columns().stream()
        .filter(c -> c.name().equalsIgnoreCase(name)).findFirst().orElse(null);
    return new Object[] {
        product.domain().name(),
        product.name(),
        name,
        ordinal,
        type == null ? null : type.toString(),
        type == null ? null : type.isNullable(),
        declared == null ? null : declared.description(),
        declared == null || declared.classification() == null ? null : declared.classification().word(),
        declared == null ? null : joined(declared.tags()),
        decision == null ? null : decision.masks().containsKey(name.toLowerCase(Locale.ROOT))
    };
  }
}
