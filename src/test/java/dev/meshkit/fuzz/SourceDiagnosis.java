package dev.meshkit.fuzz;

import dev.meshkit.fuzz.Ast.Lit;
import dev.meshkit.fuzz.Ast.Node;
import dev.meshkit.fuzz.Oracles.NoRec;
import dev.meshkit.fuzz.Oracles.Tlp;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * For a reduced case, what the sources were asked: the statements EXPLAIN lists, each run again
 * directly on its database, whose own error names what the mesh's message leaves out (by design:
 * it never quotes source SQL). A wrong answer shows which statement a source computed it in.
 */
final class SourceDiagnosis {

  private static final String MARK = "Source statements:";

  private SourceDiagnosis() {
  }

  /** Lines for the report, empty when the plan sends nothing to a database source. */
  static List<String> of(Node root, Connection mesh, FuzzWorld world) {
    Node query = root instanceof Tlp tlp ? tlp.partitioned() : root instanceof NoRec noRec ? noRec.base() : root;
    List<String> lines = new ArrayList<>();
    String plan;
    // With its parameters as they ran (the plan needs no values); the sources get them as parameters too.
    try (PreparedStatement s = mesh.prepareStatement("EXPLAIN PLAN FOR " + query.sql())) {
      List<Lit> params = Ast.params(query);
      for (int i = 0; i < params.size(); i++) {
        Outcome.bind(s, i + 1, params.get(i));
      }
      try (ResultSet rs = s.executeQuery()) {
        plan = rs.next() ? rs.getString(1) : "";
      }
    } catch (SQLException e) {
      return List.of("EXPLAIN fails: " + e.getMessage());
    }
    int at = plan.indexOf(MARK);
    if (at < 0) {
      return lines;
    }
    for (String line : plan.substring(at + MARK.length()).strip().split("\n  ")) {
      int colon = line.indexOf(": ");
      if (colon < 0) {
        continue;
      }
      String source = line.substring(0, colon).strip();
      String sql = line.substring(colon + 2).strip();
      lines.add(source + ": " + sql + directly(world, source, sql));
    }
    return lines;
  }

  /** " → what the database says", when it fails the statement on its own. */
  private static String directly(FuzzWorld world, String source, String sql) {
    if (sql.contains("?")) {
      return "";
    }
    try (Connection c = world.sourceDatabase(source)) {
      if (c == null) {
        return "";
      }
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        return "";
      }
    } catch (SQLException e) {
      String message = e.getMessage() == null ? "" : e.getMessage().strip();
      int end = message.indexOf('\n');
      return "\n            → the source itself fails it: [" + e.getSQLState() + "] "
          + (end < 0 ? message : message.substring(0, end));
    }
  }
}
