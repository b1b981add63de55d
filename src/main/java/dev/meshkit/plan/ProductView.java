package dev.meshkit.plan;

import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A product as one session's consumer sees it. Every path by which a consumer statement reaches
 * a product (joins, subqueries, CTEs, set operations, prepared statements, EXPLAIN) passes through
 * {@link #toRel}: this is where the session's policies are applied.
 */
final class ProductView extends AbstractTable implements TranslatableTable {

  final Product product;
  final Session session;

  ProductView(Product product, Session session) {
    this.product = product;
    this.session = session;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return product.getRowType(typeFactory);
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return product.toRel(context, relOptTable);
  }

  /** The product's description, for {@code DatabaseMetaData} remarks. */
  String description() {
    return product.model.description();
  }
}
