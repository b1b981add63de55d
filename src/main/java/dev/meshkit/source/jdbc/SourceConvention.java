package dev.meshkit.source.jdbc;

import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.sql.SqlDialect;

/**
 * A database source's convention: Calcite's, except that literal rows ({@code VALUES}) stay in
 * the JVM. Sent to a source they come back as {@code (VALUES (NULL)) WHERE 1 = 0} for an empty
 * relation, whose column the database types as text: PostgreSQL then refuses arithmetic on it and
 * H2 a {@code SUM(DISTINCT ...)}. Literal rows are few, so computing over them here costs nothing.
 */
final class SourceConvention extends JdbcConvention {

  SourceConvention(SqlDialect dialect, Expression expression, String name) {
    super(dialect, expression, name);
  }

  @Override
  public void register(RelOptPlanner planner) {
    for (RelOptRule rule : JdbcRules.rules(this)) {
      if (!(rule instanceof JdbcRules.JdbcValuesRule)) {
        planner.addRule(rule);
      }
    }
    planner.addRule(CoreRules.FILTER_SET_OP_TRANSPOSE);
    planner.addRule(CoreRules.PROJECT_REMOVE);
  }
}
