package dev.meshkit.planner;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.type.RelDataType;

/**
 * A data product as an EXPLAIN shows it to a consumer who may not see inside it: a leaf named
 * after the product, with the columns as the consumer sees them, and nothing of its SQL, its
 * sources, its row filters or its masks. Its cost is a constant, so no statistic of the data shows
 * either. It only explains: a plan holding it is never run.
 */
public final class ProductScan extends AbstractRelNode implements EnumerableRel {

  private final String product;
  private final RelDataType columns;

  private ProductScan(RelOptCluster cluster, RelDataType columns, String product) {
    super(cluster, cluster.traitSetOf(EnumerableConvention.INSTANCE));
    this.columns = columns;
    this.product = product;
  }

  /** @param product the qualified name, {@code domain.product} */
  public static ProductScan create(RelOptCluster cluster, RelDataType rowType, String product) {
    return new ProductScan(cluster, rowType, product);
  }

  @Override
  protected RelDataType deriveRowType() {
    return columns;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return this;
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("product", product);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    throw new IllegalStateException("data product " + product + " is opaque here: this plan only explains");
  }
}
