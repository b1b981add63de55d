package dev.meshkit.fuzz;

import dev.meshkit.fuzz.Ast.Query;
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

  /** None yet: every difference the harness finds is a bug until the semantics say otherwise. */
  static final List<Entry> ENTRIES = List.of();

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
}
