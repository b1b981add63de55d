package dev.meshkit.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.rules.MultiJoin;
import org.apache.calcite.tools.RelBuilderFactory;
import org.junit.jupiter.api.Test;

/** The planner rules' hand-written {@link RelRule.Config}s, which no annotation processor checks. */
class RuleConfigTest {

  @Test
  void eachRuleKeepsItsDescriptionAndOperand() {
    assertRule(CloseSourceStatementsRule.INSTANCE, "CloseSourceStatementsRule", RelNode.class);
    assertRule(LeakproofFilterRule.INSTANCE, "LeakproofFilterRule", LogicalFilter.class);
    assertRule(NestedLoopOrderRule.INSTANCE, "NestedLoopOrderRule", LogicalJoin.class);
    assertRule(PullFactorsRule.INSTANCE, "PullFactorsRule", LogicalFilter.class);
    assertRule(PushToSourceRule.INSTANCE, "PushToSourceRule", RelNode.class);
    assertRule(SourceJoinOrderRule.INSTANCE, "SourceJoinOrderRule", MultiJoin.class);
    assertEquals(List.of(LogicalFilter.class, PolicyBarrier.class),
        LeakproofFilterRule.INSTANCE.getOperands().stream().map(o -> o.getMatchedClass()).toList());
  }

  @Test
  void withMethodsCopyTheConfigurationOfTheSameRule() {
    PullFactorsRule.Config config = PullFactorsRule.Config.DEFAULT;
    RelBuilderFactory factory = RelFactories.LOGICAL_BUILDER;
    PullFactorsRule.Config renamed = config.withDescription("Renamed");
    assertEquals("Renamed", renamed.description());
    assertSame(config.operandSupplier(), renamed.operandSupplier());
    assertSame(factory, renamed.withRelBuilderFactory(factory).relBuilderFactory());
    assertEquals("PullFactorsRule", config.description());

    PullFactorsRule rule = renamed.toRule();
    assertNotSame(PullFactorsRule.INSTANCE, rule);
    assertEquals("Renamed", rule.toString());
    assertSame(renamed, rule.config);

    PullFactorsRule.Config join = config.withOperandSupplier(b -> b.operand(LogicalJoin.class).anyInputs());
    assertEquals(LogicalJoin.class, join.toRule().getOperand().getMatchedClass());
  }

  private static void assertRule(RelOptRule rule, String description, Class<?> matched) {
    assertEquals(description, rule.toString());
    assertEquals(matched, rule.getOperand().getMatchedClass());
    assertSame(RelFactories.LOGICAL_BUILDER, ((RelRule<?>) rule).config.relBuilderFactory());
  }
}
