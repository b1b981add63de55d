package dev.meshkit.engine;

import dev.meshkit.model.ProductStatus;
import dev.meshkit.planner.ProductScan;
import dev.meshkit.policy.AccessDecision;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A product as one session's consumer sees it. Every path by which a consumer statement reaches
 * a product (joins, subqueries, CTEs, set operations, prepared statements, EXPLAIN) passes through
 * {@link #toRel}: this is where the product's barrier is set and the session's policies are applied.
 */
public final class ProductView extends AbstractTable implements TranslatableTable {

  public final Product product;
  final Session session;

  ProductView(Product product, Session session) {
    this.product = product;
    this.session = session;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return PolicyRewriter.rowType(typeFactory, product.getRowType(typeFactory), allowedDecision());
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    AccessDecision decision = allowedDecision();
    PlanningScope scope = PlanningScope.current();
    RelNode rel = scope != null && scope.opaque()
        ? ProductScan.create(context.getCluster(), relOptTable.getRowType(), product.qualifiedName())
        : PolicyRewriter.apply(product.expand(context.getCluster()), decision, product.qualifiedName());
    if (scope != null) {
      scope.authorize(rel);
      scope.read(product.qualifiedName(), rel, decision,
          Lifecycle.deprecationWarning(product.qualifiedName(), product.model));
    }
    return rel;
  }

  /** The decision, if it allows reading; a denial stops the statement here, before any plan exists. */
  private AccessDecision allowedDecision() {
    if (product.model.status() == ProductStatus.RETIRED) {
      throw Lifecycle.retired(product.qualifiedName(), product.model);
    }
    AccessDecision decision = session.decision(product);
    if (!decision.allowed()) {
      throw new AccessDeniedException(product.qualifiedName(), decision.decidingPolicy(), decision.reason());
    }
    return decision;
  }

  /** The product's description, for {@code DatabaseMetaData} remarks. */
  public String description() {
    return product.model.description();
  }
}
