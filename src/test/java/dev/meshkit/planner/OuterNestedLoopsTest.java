package dev.meshkit.planner;

import dev.meshkit.SqlMeshTestBase;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Right and full joins the JVM runs as nested loops keep every unmatched right row, also when the
 * rows are one shared object (no column, or one column of small numbers): Calcite's loop tells
 * them apart by identity.
 */
class OuterNestedLoopsTest extends SqlMeshTestBase {

  static List<String[]> pairs() {
    return domains().stream().flatMap(a -> domains().stream().filter(b -> !b.equals(a))
        .map(b -> new String[] {a, b})).toList();
  }

  @ParameterizedTest
  @MethodSource("pairs")
  void everyUnmatchedRightRowIsKept(String left, String right) throws SQLException {
    for (String q : List.of(
        "SELECT a1.col0 FROM %1$stab0 a1 JOIN %1$stab1 a2 ON ('AB' LIKE '_') RIGHT JOIN %2$stab1 a3 ON TRUE",
        "SELECT a1.col0 FROM %1$stab0 a1 JOIN %1$stab1 a2 ON (1 = 0) RIGHT JOIN %2$stab1 a3 ON TRUE",
        "SELECT a3.col1 FROM %1$stab0 a1 RIGHT JOIN %2$stab1 a3 ON a3.col0 > a1.col0 + 100",
        "SELECT a1.col0 FROM %1$stab0 a1 JOIN %1$stab1 a2 ON ('AB' LIKE '_') RIGHT JOIN %2$stab1 a3 ON a3.col0 > 0")) {
      String ordered = q + " ORDER BY 1 NULLS FIRST";
      assertAnswersAsReference(ordered.formatted("", ""), ordered.formatted(left + ".", right + "."));
    }
  }
}
