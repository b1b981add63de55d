package dev.meshkit.planner;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcImplementor;
import org.apache.calcite.adapter.jdbc.JdbcRel;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverter;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.util.SqlString;

/** Renders the SQL that each database source receives for a physical plan, for EXPLAIN. */
public final class SourceSql {

  private SourceSql() {
  }

  public static String describe(RelNode plan) {
    List<String> statements = new ArrayList<>();
    collect(plan, statements);
    if (statements.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder(System.lineSeparator()).append("Source statements:");
    for (String statement : statements) {
      text.append(System.lineSeparator()).append(statement);
    }
    return text.append(System.lineSeparator()).toString();
  }

  /** The statement the source receives for {@code input}, as Calcite's converter writes it. */
  static SqlString of(JdbcRel input) {
    SqlDialect dialect = ((JdbcConvention) input.getConvention()).dialect;
    JdbcImplementor implementor = new JdbcImplementor(dialect, (JavaTypeFactory) input.getCluster().getTypeFactory());
    return implementor.visitRoot(input).asStatement().toSqlString(dialect);
  }

  private static void collect(RelNode rel, List<String> statements) {
    RelNode boundary = rel instanceof JdbcToEnumerableConverter || rel instanceof SourceStatement ? rel.getInput(0) : null;
    if (boundary instanceof JdbcRel input) {
      JdbcConvention convention = (JdbcConvention) input.getConvention();
      String sql = of(input).getSql().replace('\n', ' ');
      String keyedBy = rel instanceof SourceStatement statement ? statement.keyedBy() : null;
      statements.add("  " + convention.getName().substring("JDBC.".length()) + ": " + sql
          + (keyedBy == null ? "" : System.lineSeparator() + "    " + keyedBy));
      return;
    }
    for (RelNode input : rel.getInputs()) {
      collect(input, statements);
    }
  }
}
