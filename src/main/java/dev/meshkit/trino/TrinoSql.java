package dev.meshkit.trino;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.dialect.PrestoSqlDialect;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * SQL in Trino's dialect, unparsed from Calcite's trees with Calcite's Presto dialect (Trino
 * descends from Presto and reads it), never rewritten as strings.
 */
final class TrinoSql {

  private TrinoSql() {
  }

  static String unparse(SqlNode node) {
    return node.toSqlString(config -> config.withDialect(PrestoSqlDialect.DEFAULT).withClauseStartsLine(false)
        .withIndentation(0)).getSql();
  }

  /** A string literal, quoted for Trino. */
  static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /** An identifier, quoted for Trino. */
  static String identifier(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  /** The names a query reads in its FROM clauses, each the identifier node as it stands in the tree. */
  static List<SqlIdentifier> tables(SqlNode query) {
    Set<SqlIdentifier> found = Collections.newSetFromMap(new IdentityHashMap<>());
    List<SqlIdentifier> tables = new ArrayList<>();
    query.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (call instanceof SqlSelect select && select.getFrom() != null) {
          from(select.getFrom(), found, tables);
        }
        return super.visit(call);
      }
    });
    return tables;
  }

  private static void from(SqlNode from, Set<SqlIdentifier> found, List<SqlIdentifier> tables) {
    if (from instanceof SqlIdentifier id) {
      if (found.add(id)) {
        tables.add(id);
      }
    } else if (from instanceof SqlJoin join) {
      from(join.getLeft(), found, tables);
      from(join.getRight(), found, tables);
    } else if (from instanceof SqlBasicCall call && call.getKind() == SqlKind.AS) {
      from(call.operand(0), found, tables);
    }
  }

  /** The query with each table name replaced as {@code rename} says (by node identity); other names stay. */
  static SqlNode renameTables(SqlNode query, List<SqlIdentifier> tables, Function<SqlIdentifier, List<String>> rename) {
    Set<SqlIdentifier> targets = Collections.newSetFromMap(new IdentityHashMap<>());
    targets.addAll(tables);
    return query.accept(new SqlShuttle() {
      @Override
      public SqlNode visit(SqlIdentifier id) {
        if (!targets.contains(id)) {
          return id;
        }
        List<String> names = rename.apply(id);
        return names == null ? id : new SqlIdentifier(names, id.getParserPosition());
      }

      @Override
      public SqlNode visit(SqlCall call) {
        // SqlSelect and SqlJoin copy themselves only through their operands' setters.
        if (call instanceof SqlSelect || call instanceof SqlJoin) {
          for (int i = 0; i < call.operandCount(); i++) {
            SqlNode operand = call.operand(i);
            if (operand != null) {
              SqlNode replaced = operand.accept(this);
              if (replaced != operand) {
                call.setOperand(i, replaced);
              }
            }
          }
          return call;
        }
        return super.visit(call);
      }
    });
  }
}
