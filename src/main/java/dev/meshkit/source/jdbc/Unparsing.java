package dev.meshkit.source.jdbc;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;

/** What the source dialects write differently from Calcite's own, shared between them. */
final class Unparsing {

  private Unparsing() {
  }

  /**
   * Writes a LIKE in parentheses. Calcite ranks LIKE above the comparisons, as PostgreSQL does,
   * and leaves out the parentheses in {@code (a <> b) <> (c LIKE d)}; H2 and MySQL read
   * {@code a <> b <> c LIKE d} otherwise.
   *
   * @return whether it wrote the call
   */
  static boolean parenthesizedLike(SqlWriter writer, SqlCall call, DialectWriter delegate) {
    if (call.getKind() != SqlKind.LIKE && call.getKind() != SqlKind.SIMILAR) {
      return false;
    }
    SqlWriter.Frame frame = writer.startList("(", ")");
    delegate.unparse(writer, call, 0, 0);
    writer.endList(frame);
    return true;
  }

  /** Writes {@code CONCAT(a, b)}, for databases where {@code ||} is not concatenation. */
  static void concatFunction(SqlWriter writer, SqlCall call) {
    SqlWriter.Frame frame = writer.startFunCall("CONCAT");
    for (SqlNode operand : call.getOperandList()) {
      writer.sep(",");
      operand.unparse(writer, 0, 0);
    }
    writer.endFunCall(frame);
  }

  /** The dialect's own way of writing a call, which the helpers above wrap. */
  interface DialectWriter {
    void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec);
  }
}
