package dev.meshkit.engine;

import dev.meshkit.model.ProductModel;
import java.util.function.Consumer;
import dev.meshkit.planner.PolicyBarrier;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A data product of a loaded mesh. As a table, it is what product SQL sees when it names
 * {@code domain.product}: the product read with its domain's rights, no consumer policy applied.
 * Consumers reach it only through a {@link ProductView}.
 */
public final class Product extends AbstractTable implements TranslatableTable {

  final Domain domain;
  final ProductModel model;
  private final ProductCompiler compiler;
  private final Consumer<Product> validated;
  private volatile RelDataType rowType;

  /**
   * @param validated told when the product's SQL validates, at load or later when its source answers
   *     (twice in the rare case that two threads validate it at once)
   */
  Product(Domain domain, ProductModel model, ProductCompiler compiler, Consumer<Product> validated) {
    this.domain = domain;
    this.model = model;
    this.compiler = compiler;
    this.validated = validated;
  }

  public Domain domain() {
    return domain;
  }

  public ProductModel model() {
    return model;
  }

  public String name() {
    return model.name();
  }

  public String qualifiedName() {
    return domain.name() + "." + model.name();
  }

  /** The validated row type, validating first if the product has not been (its source was down). */
  public RelDataType rowType() {
    RelDataType known = rowType;
    if (known == null) {
      known = compiler.validate(this);
      rowType = known;
      validated.accept(this);
    }
    return known;
  }

  public boolean isValidated() {
    return rowType != null;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return typeFactory.copyType(rowType());
  }

  /**
   * The product read inside another product's SQL, behind its own barrier: the reading product's
   * conditions must not run on rows this one removes.
   */
  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return PolicyBarrier.over(expand(context.getCluster()), qualifiedName());
  }

  /** The product's SQL as relational algebra inside a statement being planned, without its barrier. */
  RelNode expand(RelOptCluster cluster) {
    PlanningScope scope = PlanningScope.current();
    if (scope != null) {
      scope.expanded(this);
    }
    return compiler.expand(this, cluster);
  }

  @Override
  public String toString() {
    return "product " + qualifiedName();
  }
}
