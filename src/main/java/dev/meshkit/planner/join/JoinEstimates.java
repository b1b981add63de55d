package dev.meshkit.planner.join;

import dev.meshkit.planner.SourceStatement;
import java.util.List;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Row estimates for choosing dependent joins. Calcite estimates a join as the product of its sides
 * by a fixed selectivity, so TPC-H's lineitem joined to orders on the orders' key comes out at
 * 10^10 rows where it has lineitem's. Here a join on a unique key of one side keeps at most the
 * other side's rows, and every other operator scales its inputs' estimates as Calcite's own does.
 */
final class JoinEstimates {

  private final RelMetadataQuery mq;

  JoinEstimates(RelMetadataQuery mq) {
    this.mq = mq;
  }

  double rows(RelNode rel) {
    double calcite = mq.getRowCount(rel);
    RelNode inner = unwrapped(rel);
    if (inner instanceof Join join) {
      return join(join, calcite);
    }
    if (inner.getInputs().size() != 1) {
      return calcite;
    }
    RelNode input = inner.getInput(0);
    return scaled(calcite, rows(input), mq.getRowCount(input));
  }

  private double join(Join join, double calcite) {
    double left = rows(join.getLeft());
    if (!join.getJoinType().projectsRight()) {
      return scaled(calcite, left, mq.getRowCount(join.getLeft()));
    }
    double right = rows(join.getRight());
    JoinInfo info = join.analyzeCondition();
    if (join.getJoinType() == JoinRelType.INNER && !info.leftKeys.isEmpty()) {
      double viaLeft = unique(join.getLeft(), info.leftKeys) ? right * kept(join.getLeft(), left, info.leftKeys.get(0))
          : Double.POSITIVE_INFINITY;
      double viaRight = unique(join.getRight(), info.rightKeys)
          ? left * kept(join.getRight(), right, info.rightKeys.get(0)) : Double.POSITIVE_INFINITY;
      if (viaLeft < Double.POSITIVE_INFINITY || viaRight < Double.POSITIVE_INFINITY) {
        return Math.min(viaLeft, viaRight);
      }
    }
    return scaled(scaled(calcite, left, mq.getRowCount(join.getLeft())), right, mq.getRowCount(join.getRight()));
  }

  /**
   * The share of its table's keys a side with unique keys keeps: each row of the other side finds
   * its key there that often (a foreign key meets the rows a filter left of its table).
   */
  private double kept(RelNode side, double rows, int key) {
    Set<RelColumnOrigin> origins = mq.getColumnOrigins(unwrapped(side), key);
    double table = Double.POSITIVE_INFINITY;
    for (RelColumnOrigin origin : origins == null ? Set.<RelColumnOrigin>of() : origins) {
      table = Math.min(table, origin.getOriginTable().getRowCount());
    }
    return Double.isFinite(table) && table > 0 ? Math.min(1, rows / table) : 1;
  }

  private boolean unique(RelNode side, List<Integer> keys) {
    return Boolean.TRUE.equals(mq.areColumnsUnique(unwrapped(side), ImmutableBitSet.of(keys)));
  }

  /** {@code calcite}, Calcite's estimate over an input it estimated {@code was}, for an input of {@code now}. */
  private static double scaled(double calcite, double now, double was) {
    return was > 0 && Double.isFinite(was) && Double.isFinite(now) ? calcite * (now / was) : calcite;
  }

  /** The relation beneath a statement and a dependent join's nodes, whose keys Calcite's metadata knows. */
  static RelNode unwrapped(RelNode rel) {
    RelNode inner = rel;
    while (inner instanceof SourceStatement || inner instanceof DependentJoin
        || inner instanceof DependentJoin.DependentBuild || inner instanceof DependentJoin.DependentProbe
        || inner instanceof DependentJoin.DependentFilter) {
      inner = inner.getInput(0);
    }
    return inner;
  }
}
