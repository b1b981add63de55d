package dev.meshkit.planner;

import org.apache.calcite.plan.RelRule;
import org.apache.calcite.tools.RelBuilderFactory;

/**
 * A {@link RelRule.Config} written by hand. Calcite generates its own rules' configurations with
 * the Immutables annotation processor, which meshkit does not run; each meshkit rule's
 * {@code Config} is instead a record of the three properties every configuration has, and this
 * interface derives the {@code with} methods from the record's copy.
 *
 * @param <C> the rule's own configuration type
 */
interface MeshRuleConfig<C extends MeshRuleConfig<C>> extends RelRule.Config {

  /** A configuration with these properties, of the same rule. */
  C copy(RelBuilderFactory relBuilderFactory, String description, RelRule.OperandTransform operandSupplier);

  @Override
  default C withRelBuilderFactory(RelBuilderFactory factory) {
    return copy(factory, description(), operandSupplier());
  }

  @Override
  default C withDescription(String description) {
    return copy(relBuilderFactory(), description, operandSupplier());
  }

  @Override
  default C withOperandSupplier(RelRule.OperandTransform transform) {
    return copy(relBuilderFactory(), description(), transform);
  }
}
