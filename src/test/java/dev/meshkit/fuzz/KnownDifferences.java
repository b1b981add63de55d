package dev.meshkit.fuzz;

import dev.meshkit.fuzz.Ast.Agg;
import dev.meshkit.fuzz.Ast.AggFn;
import dev.meshkit.fuzz.Ast.Call;
import dev.meshkit.fuzz.Ast.Fn;
import dev.meshkit.fuzz.Ast.Node;
import dev.meshkit.fuzz.Ast.Query;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * The documented, deliberate differences between the mesh and the reference database, which the
 * comparison accepts and counts apart. Each entry names the semantic choice and matches only the
 * queries or values it explains, never a whole query shape. An entry belongs here only when the
 * mesh is right by its documented semantics (docs: SQL semantics) and the reference differs, as where
 * H2 departs from PostgreSQL and the mesh follows PostgreSQL; never to quiet a bug.
 */
final class KnownDifferences {

  /** A documented difference: a short name, why the answers legitimately differ, and its matcher. */
  record Entry(String name, String reason, Matcher matcher) {
  }

  /** Decides whether an entry explains one difference. */
  interface Matcher {
    /** Whether the reference's {@code expected} and the mesh's {@code actual} differ only as documented. */
    boolean explains(Query query, Outcome expected, Outcome actual);
  }

  static final List<Entry> ENTRIES = List.of(
      new Entry("quotient scale", "a decimal quotient has scale max(16, s1, s2) and AVG of an exact number"
          + " max(6, s), rounded half away from zero (docs/sql.md); the reference keeps other digits",
          KnownDifferences::quotientScale));

  /** The smallest scale the mesh gives a quotient or an average (docs/sql.md: AVG keeps at least 6). */
  private static final int LEAST_QUOTIENT_SCALE = 6;

  private KnownDifferences() {
  }

  /** The entry that explains this difference, if one does. */
  static Optional<Entry> explain(Query query, Outcome expected, Outcome actual) {
    for (Entry entry : ENTRIES) {
      if (entry.matcher().explains(query, expected, actual)) {
        return Optional.of(entry);
      }
    }
    return Optional.empty();
  }

  /**
   * Both answer with rows that pair up, and each cell that differs is the mesh's exact number at its
   * scale where the reference has the same value with other digits: only where the query divides or
   * averages, since nothing else rounds to that scale.
   */
  private static boolean quotientScale(Query query, Outcome expected, Outcome actual) {
    if (!expected.ok() || !actual.ok() || expected.rows().size() != actual.rows().size() || !dividesOrAverages(query)) {
      return false;
    }
    boolean ordered = Oracles.ordered(query);
    List<List<Object>> reference = ordered ? expected.rows() : Outcome.sorted(expected.rows());
    List<List<Object>> mesh = ordered ? actual.rows() : Outcome.sorted(actual.rows());
    for (int r = 0; r < reference.size(); r++) {
      List<Object> referenceRow = reference.get(r);
      List<Object> meshRow = mesh.get(r);
      if (referenceRow.size() != meshRow.size()) {
        return false;
      }
      for (int c = 0; c < referenceRow.size(); c++) {
        Object want = referenceRow.get(c);
        Object got = meshRow.get(c);
        if (!Outcome.same(want, got) && !roundedToScale(want, got)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean dividesOrAverages(Query query) {
    for (Node node : Ast.walk(query)) {
      if (node instanceof Call c && c.fn() == Fn.DIVIDE || node instanceof Agg a && a.fn() == AggFn.AVG) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the reference's number, rounded half up to the scale of the mesh's decimal, is the mesh's;
   * within one unit in the last place when the reference's is a double (H2's AVG of integers), whose
   * last digits are binary rounding. Or, where the reference's decimal keeps fewer digits than the
   * mesh's (H2's {@code d / 1.5} has 5), both are roundings of one value: they differ by at most half a
   * unit in the last place of each (rounding the mesh's again could move it one unit further).
   */
  private static boolean roundedToScale(Object reference, Object mesh) {
    if (!(mesh instanceof BigDecimal m) || m.scale() < LEAST_QUOTIENT_SCALE) {
      return false;
    }
    if (reference instanceof BigDecimal d && d.scale() < m.scale()) {
      BigDecimal half = d.ulp().add(m.ulp()).divide(BigDecimal.valueOf(2));
      return m.subtract(d).abs().compareTo(half) <= 0;
    }
    BigDecimal exact;
    if (reference instanceof BigDecimal d) {
      exact = d;
    } else if (reference instanceof Double d && Double.isFinite(d)) {
      exact = BigDecimal.valueOf(d);
    } else {
      return false;
    }
    BigDecimal difference = exact.setScale(m.scale(), RoundingMode.HALF_UP).subtract(m).abs();
    return reference instanceof Double ? difference.compareTo(m.ulp()) <= 0 : difference.signum() == 0;
  }
}
