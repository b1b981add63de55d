package dev.meshkit.planner.join;

import dev.meshkit.planner.SourceStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableHashJoin;
import org.apache.calcite.adapter.enumerable.EnumerableInterpreter;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableSort;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.RelColumnOrigin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexPermuteInputsShuttle;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.mapping.Mappings;
import java.util.stream.IntStream;

/**
 * Turns hash joins into {@link DependentJoin}s where the build side's keys can narrow a source
 * statement of the probe side estimated several times larger than the build side, itself
 * estimated within {@link #MAX_KEYS} rows. Run once the plan is
 * physical: the decision rests on row estimates, and the join confirms it at run time by counting
 * the distinct keys.
 *
 * <p>A key narrows a statement when every row the join returns needs the statement's column to
 * equal it: the column is the probe side's key of an inner, semi or right join, followed down
 * through projections of the column, group keys of aggregates, sorts without a limit, and both
 * sides of the joins below (a key equal to the other side's is narrowed there too). Only exact
 * numbers and dates are keys: every database compares them as the JVM does.
 */
public final class DependentJoins {

  /** Past this many distinct keys a probe reads its statements whole. */
  public static final int MAX_KEYS = 10_000;

  /**
   * How many times more rows a statement must be estimated to have than the build side for its
   * keys to be worth sending: each batch is a statement of its own.
   */
  static final double MIN_NARROWING = 4;

  private DependentJoins() {
  }

  /** The plan with its eligible hash joins made dependent. */
  public static RelNode apply(RelNode plan) {
    return new Rewrite().visit(plan);
  }

  private static final class Rewrite {
    private int joins;

    RelNode visit(RelNode rel) {
      if (rel instanceof SourceStatement || !(rel instanceof EnumerableRel)) {
        return rel;
      }
      if (rel instanceof EnumerableHashJoin join) {
        RelNode dependent = dependent(join);
        if (dependent != null) {
          return dependent;
        }
      }
      return withInputs(rel, rel.getInputs().stream().map(this::visit).toList());
    }

    /**
     * An inner join whose right side is the larger, made dependent with its sides swapped (the
     * hash join builds on its right side) and its columns put back in order above; null if that
     * narrows nothing either.
     */
    private RelNode swapped(EnumerableHashJoin join) {
      JoinEstimates estimates = new JoinEstimates(join.getCluster().getMetadataQuery());
      if (estimates.rows(join.getLeft()) >= estimates.rows(join.getRight())) {
        return null;
      }
      int leftColumns = join.getLeft().getRowType().getFieldCount();
      int rightColumns = join.getRight().getRowType().getFieldCount();
      int[] moved = new int[leftColumns + rightColumns];
      for (int i = 0; i < moved.length; i++) {
        moved[i] = i < leftColumns ? i + rightColumns : i - leftColumns;
      }
      RexNode condition = join.getCondition().accept(new RexPermuteInputsShuttle(
          Mappings.source(IntStream.of(moved).boxed().toList(), moved.length), join.getRight(), join.getLeft()));
      EnumerableHashJoin swapped = EnumerableHashJoin.create(join.getRight(), join.getLeft(), condition,
          join.getVariablesSet(), JoinRelType.INNER);
      RelNode dependent = dependent(swapped, true, false);
      if (dependent == null) {
        return null;
      }
      RexProgramBuilder program = new RexProgramBuilder(dependent.getRowType(), join.getCluster().getRexBuilder());
      for (int i = 0; i < moved.length; i++) {
        program.addProject(moved[i], join.getRowType().getFieldNames().get(i));
      }
      return EnumerableCalc.create(dependent, program.getProgram());
    }

    /** The join made dependent, or with its inputs rewritten; null if neither was done yet. */
    private RelNode dependent(EnumerableHashJoin join) {
      JoinRelType type = join.getJoinType();
      if (type == JoinRelType.INNER || type == JoinRelType.SEMI || type == JoinRelType.RIGHT) {
        RelNode dependent = dependent(join, true, false);
        if (dependent != null) {
          return dependent;
        }
      }
      if (type == JoinRelType.INNER) {
        return swapped(join);
      }
      if (type != JoinRelType.SEMI && type != JoinRelType.ANTI && type != JoinRelType.LEFT) {
        return null;
      }
      // A join that keeps only the right side's matching rows may take its keys from the left, once
      // the left's own dependent joins are in place (they are what makes it small).
      RelNode left = visit(join.getLeft());
      EnumerableHashJoin visited = (EnumerableHashJoin) withInputs(join, List.of(left, join.getRight()));
      RelNode dependent = dependent(visited, false, true);
      return dependent != null ? dependent : withInputs(visited, List.of(left, visit(join.getRight())));
    }

    /**
     * The join made dependent with its keys from its right side (the side a hash join builds on) or
     * its left, whose rewrite is done if {@code buildVisited}; null if no statement of the other side
     * is worth narrowing.
     */
    private RelNode dependent(EnumerableHashJoin join, boolean fromRight, boolean buildVisited) {
      JoinInfo info = join.analyzeCondition();
      RelMetadataQuery mq = join.getCluster().getMetadataQuery();
      RelNode buildSide = fromRight ? join.getRight() : join.getLeft();
      RelNode probeSide = fromRight ? join.getLeft() : join.getRight();
      JoinEstimates estimates = new JoinEstimates(mq);
      // A build side that another dependent join narrows is estimated without its keys; the run-time
      // limit on its keys bounds it.
      boolean narrowedBuild = narrowed(buildSide);
      for (int i = 0; i < info.leftKeys.size(); i++) {
        int buildKey = (fromRight ? info.rightKeys : info.leftKeys).get(i);
        int probeKey = (fromRight ? info.leftKeys : info.rightKeys).get(i);
        RelDataType keyType = buildSide.getRowType().getFieldList().get(buildKey).getType();
        double originRows = originRows(buildSide, buildKey, mq);
        double buildRows = narrowedBuild
            ? Math.min(estimates.rows(buildSide), Math.min(MAX_KEYS, originRows / MIN_NARROWING))
            : estimates.rows(buildSide);
        // A build side past the run-time limit costs what a hash join costs, so only one estimated
        // to keep most of its table (whose keys are every key) stays a plain hash join.
        if (!info.nullExclusionFlags.get(i) || !isKey(keyType) || buildRows * MIN_NARROWING > originRows) {
          continue;
        }
        int maxKeys = (int) Math.min(MAX_KEYS, originRows / MIN_NARROWING);
        DependentJoin.Keys keys = new DependentJoin.Keys(joins + 1, buildKey,
            buildSide.getRowType().getFieldNames().get(buildKey), maxKeys);
        Narrowing narrowing = new Narrowing(keys, keyType, buildRows, estimates);
        RelNode probe = narrowing.narrow(probeSide, probeKey);
        if (narrowing.statements > 0) {
          joins++;
          RelNode build = buildVisited ? buildSide : visit(buildSide);
          RelNode keyed = new DependentJoin.DependentBuild(join.getCluster(), build.getTraitSet(), build, keys);
          RelNode joined = join.copy(join.getTraitSet(),
              fromRight ? List.of(visit(probe), keyed) : List.of(keyed, visit(probe)));
          return new DependentJoin(join.getCluster(), join.getTraitSet(), joined, keys);
        }
      }
      return null;
    }
  }

  /** Whether a dependent join's keys narrow a statement or file of {@code rel}. */
  private static boolean narrowed(RelNode rel) {
    if (rel instanceof DependentJoin.DependentProbe || rel instanceof DependentJoin.DependentFilter) {
      return true;
    }
    return rel.getInputs().stream().anyMatch(DependentJoins::narrowed);
  }

  /** Puts {@link DependentJoin.DependentProbe}s above the statements a key narrows. */
  private static final class Narrowing {
    private final DependentJoin.Keys keys;
    private final RelDataType keyType;
    private final double buildRows;
    private final JoinEstimates estimates;
    int statements;

    Narrowing(DependentJoin.Keys keys, RelDataType keyType, double buildRows, JoinEstimates estimates) {
      this.keys = keys;
      this.keyType = keyType;
      this.buildRows = buildRows;
      this.estimates = estimates;
    }

    RelNode narrow(RelNode rel, int column) {
      if (rel instanceof SourceStatement statement) {
        return probe(statement, column);
      }
      if (rel instanceof EnumerableInterpreter) {
        return filter(rel, column);
      }
      if (rel instanceof EnumerableCalc calc) {
        RexNode projected = calc.getProgram().expandLocalRef(calc.getProgram().getProjectList().get(column));
        int input = column(projected);
        return input < 0 ? rel : withInputs(rel, List.of(narrow(calc.getInput(), input)));
      }
      if (rel instanceof EnumerableAggregate aggregate) {
        boolean groupKey = aggregate.getGroupSets().size() == 1 && column < aggregate.getGroupCount();
        return groupKey ? withInputs(rel, List.of(narrow(aggregate.getInput(), aggregate.getGroupSet().nth(column))))
            : rel;
      }
      if (rel instanceof EnumerableSort sort) {
        return sort.fetch == null && sort.offset == null ? withInputs(rel, List.of(narrow(sort.getInput(), column)))
            : rel;
      }
      if (rel instanceof DependentJoin || rel instanceof DependentJoin.DependentBuild) {
        return withInputs(rel, List.of(narrow(rel.getInput(0), column)));
      }
      if (rel instanceof EnumerableHashJoin join) {
        return narrowJoin(join, column);
      }
      return rel;
    }

    /** Narrows the side the column comes from and, through an equality of keys, the other. */
    private RelNode narrowJoin(EnumerableHashJoin join, int column) {
      JoinRelType type = join.getJoinType();
      int leftColumns = join.getLeft().getRowType().getFieldCount();
      JoinInfo info = join.analyzeCondition();
      int left = -1;
      int right = -1;
      if (column < leftColumns) {
        left = column;
        int pair = info.leftKeys.indexOf(column);
        right = pair < 0 ? -1 : info.rightKeys.get(pair);
      } else if (type.projectsRight()) {
        right = column - leftColumns;
        int pair = info.rightKeys.indexOf(right);
        left = pair < 0 ? -1 : info.leftKeys.get(pair);
      }
      // A preserved side's rows stay whatever the other side holds; narrowing either side of an
      // inner, semi or anti join, or the preserved side of an outer one, keeps every row the key allows.
      boolean leftMay = type == JoinRelType.INNER || type == JoinRelType.SEMI || type == JoinRelType.ANTI
          || type == JoinRelType.LEFT || (type == JoinRelType.RIGHT && column < leftColumns);
      boolean rightMay = type == JoinRelType.INNER || type == JoinRelType.SEMI || type == JoinRelType.ANTI
          || type == JoinRelType.RIGHT || (type == JoinRelType.LEFT && column >= leftColumns);
      RelNode newLeft = left >= 0 && leftMay ? narrow(join.getLeft(), left) : join.getLeft();
      RelNode newRight = right >= 0 && rightMay ? narrow(join.getRight(), right) : join.getRight();
      return withInputs(join, List.of(newLeft, newRight));
    }

    private RelNode probe(SourceStatement statement, int column) {
      RelDataType type = statement.getRowType().getFieldList().get(column).getType();
      if (!sameKind(type, keyType) || estimates.rows(statement) < buildRows * MIN_NARROWING) {
        return statement;
      }
      statements++;
      String keyedBy = "with " + statement.getRowType().getFieldNames().get(column)
          + " among the keys of dependent join #" + keys.id + ", up to "
          + DependentJoin.BATCH_SIZES[DependentJoin.BATCH_SIZES.length - 1] + " a statement";
      return new DependentJoin.DependentProbe(statement.getCluster(), statement.getTraitSet(),
          statement.keyedBy(keyedBy), keys, column);
    }

    /** A file the JVM reads, whose rows the keys filter as they stream by. */
    private RelNode filter(RelNode scan, int column) {
      RelDataType type = scan.getRowType().getFieldList().get(column).getType();
      if (!sameKind(type, keyType) || estimates.rows(scan) < buildRows * MIN_NARROWING) {
        return scan;
      }
      statements++;
      boolean decimal = type.getSqlTypeName() == SqlTypeName.DECIMAL || keyType.getSqlTypeName() == SqlTypeName.DECIMAL;
      return new DependentJoin.DependentFilter(scan.getCluster(), scan.getTraitSet(), scan, keys, column, decimal);
    }
  }

  /**
   * The rows of the table the build side's key comes from, the fewest where it comes from several,
   * or infinity where it is unknown. A build side keeping a quarter of them or more holds about as
   * many keys as the probe side, and the join runs its probe side whole past a quarter of them (or
   * {@link #MAX_KEYS}) at run time.
   */
  private static double originRows(RelNode build, int key, RelMetadataQuery mq) {
    RelNode rel = JoinEstimates.unwrapped(build);
    double rows = Double.POSITIVE_INFINITY;
    Set<RelColumnOrigin> origins = mq.getColumnOrigins(rel, key);
    for (RelColumnOrigin origin : origins == null ? Set.<RelColumnOrigin>of() : origins) {
      rows = Math.min(rows, origin.getOriginTable().getRowCount());
    }
    return rows;
  }

  /** The input column an expression reads unchanged in value, or -1. */
  private static int column(RexNode expression) {
    if (expression instanceof RexInputRef ref) {
      return ref.getIndex();
    }
    if (expression instanceof RexCall call && call.getOperands().size() == 1) {
      RexNode operand = call.getOperands().get(0);
      boolean sameValue = call.getOperator().getName().equals("EQUAL_KEY")
          || call.getKind() == SqlKind.CAST && lossless(operand.getType(), call.getType());
      return sameValue ? column(operand) : -1;
    }
    return -1;
  }

  /** Whether every value of {@code from} is one of {@code to}: a widening of exact numbers, or a date kept a date. */
  private static boolean lossless(RelDataType from, RelDataType to) {
    if (!isKey(from) || !sameKind(from, to)) {
      return false;
    }
    if (from.getSqlTypeName() == SqlTypeName.DATE) {
      return true;
    }
    return to.getScale() >= from.getScale()
        && to.getPrecision() - to.getScale() >= integerDigits(from);
  }

  private static int integerDigits(RelDataType type) {
    return switch (type.getSqlTypeName()) {
      case TINYINT -> 3;
      case SMALLINT -> 5;
      case INTEGER -> 10;
      case BIGINT -> 19;
      default -> type.getPrecision() - type.getScale();
    };
  }

  private static boolean isKey(RelDataType type) {
    return SqlTypeFamily.EXACT_NUMERIC.contains(type) || type.getSqlTypeName() == SqlTypeName.DATE;
  }

  private static boolean sameKind(RelDataType a, RelDataType b) {
    return isKey(a) && isKey(b)
        && SqlTypeFamily.EXACT_NUMERIC.contains(a) == SqlTypeFamily.EXACT_NUMERIC.contains(b);
  }

  private static RelNode withInputs(RelNode rel, List<RelNode> inputs) {
    return inputs.equals(rel.getInputs()) ? rel : rel.copy(rel.getTraitSet(), new ArrayList<>(inputs));
  }
}
