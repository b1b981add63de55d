package dev.meshkit.planner.split;

import dev.meshkit.planner.SourceStatement;
import dev.meshkit.planner.join.DependentJoin;
import dev.meshkit.source.SplittableTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableCorrelate;
import org.apache.calcite.adapter.enumerable.EnumerableFilter;
import org.apache.calcite.adapter.enumerable.EnumerableHashJoin;
import org.apache.calcite.adapter.enumerable.EnumerableIntersect;
import org.apache.calcite.adapter.enumerable.EnumerableLimit;
import org.apache.calcite.adapter.enumerable.EnumerableLimitSort;
import org.apache.calcite.adapter.enumerable.EnumerableMergeJoin;
import org.apache.calcite.adapter.enumerable.EnumerableMinus;
import org.apache.calcite.adapter.enumerable.EnumerableNestedLoopJoin;
import org.apache.calcite.adapter.enumerable.EnumerableProject;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableSort;
import org.apache.calcite.adapter.enumerable.EnumerableSortedAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableUnion;
import org.apache.calcite.adapter.enumerable.EnumerableWindow;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.adapter.jdbc.JdbcTableScan;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.Sarg;

/**
 * Splits a source statement that reads a large table into statements over ranges of the table's
 * leading key column, combined by a UNION ALL whose branches the engine then runs at once, each on
 * a connection of its own. Each range is a filter right above the table's scan; the first range is
 * open below and takes the NULL keys, the last is open above, so every row falls in exactly one
 * range whatever the bounds the split points were drawn from. A statement topped by an aggregate
 * computes it per range and the JVM combines the partial results ({@link PartialAggregates}); its
 * sort without a limit moves above the combination.
 *
 * <p>Run once the plan is physical and its dependent joins are placed: only statements generated
 * code reads once per execution are split, never one a dependent join narrows, nor one read per
 * outer row.
 */
public final class KeySplits {

  private final long minRows;
  private final int maxRanges;

  private KeySplits(long minRows, int maxRanges) {
    this.minRows = minRows;
    this.maxRanges = maxRanges;
  }

  /**
   * The plan with each eligible statement split.
   *
   * @param minRows a table estimated to hold more rows than this is split; 0 splits none
   * @param maxRanges statements a split makes at most; under 2 splits none
   */
  public static RelNode apply(RelNode plan, long minRows, int maxRanges) {
    if (minRows <= 0 || maxRanges < 2) {
      return plan;
    }
    return new KeySplits(minRows, maxRanges).visit(plan);
  }

  private RelNode visit(RelNode rel) {
    if (rel instanceof SourceStatement statement) {
      RelNode split = split(statement);
      return split == null ? rel : split;
    }
    if (!(rel instanceof EnumerableRel)) {
      return rel;
    }
    List<RelNode> inputs = new ArrayList<>(rel.getInputs());
    boolean changed = false;
    for (int i = 0; i < inputs.size(); i++) {
      if (readOnce(rel, i)) {
        RelNode visited = visit(inputs.get(i));
        changed |= visited != inputs.get(i);
        inputs.set(i, visited);
      }
    }
    return changed ? rel.copy(rel.getTraitSet(), inputs) : rel;
  }

  /**
   * Whether generated code reads {@code operator}'s input {@code i} once per execution: not a nested
   * loop's right side nor a correlated one (read per left row), nor a dependent join's probe side
   * (narrowed per batch of keys), nor any operator not listed.
   */
  public static boolean readOnce(RelNode operator, int i) {
    if (operator instanceof EnumerableNestedLoopJoin || operator instanceof EnumerableCorrelate) {
      return i == 0;
    }
    return operator instanceof EnumerableHashJoin || operator instanceof EnumerableMergeJoin
        || operator instanceof EnumerableUnion || operator instanceof EnumerableMinus
        || operator instanceof EnumerableIntersect || operator instanceof EnumerableProject
        || operator instanceof EnumerableFilter || operator instanceof EnumerableCalc
        || operator instanceof EnumerableAggregate || operator instanceof EnumerableSortedAggregate
        || operator instanceof EnumerableSort || operator instanceof EnumerableLimit
        || operator instanceof EnumerableLimitSort || operator instanceof EnumerableWindow
        || operator instanceof DependentJoin || operator instanceof DependentJoin.DependentBuild;
  }

  /** The statement split into ranges, or null where it is not worth it or not sure to keep its rows. */
  private RelNode split(SourceStatement statement) {
    RelNode top = statement.getInput();
    if (!RelOptUtil.getVariablesUsed(top).isEmpty()) {
      return null;
    }
    RelCollation collation = null;
    if (top instanceof Sort sort) {
      if (sort.fetch != null || sort.offset != null) {
        return null; // a limit applies to the whole statement
      }
      collation = sort.getCollation();
      top = sort.getInput();
    }
    PartialAggregates aggregates = PartialAggregates.of(top);
    RelNode body = aggregates == null ? top : aggregates.aggregate().getInput();
    List<Integer> path = new ArrayList<>();
    Target target = largest(body, path, null);
    if (target == null || keptRows(body, target) <= minRows || pointLookup(body, target.path, target.key)) {
      return null;
    }
    int ranges = Math.min(maxRanges, target.table.parallelConnections());
    RelDataType keyType = target.scan.getRowType().getFieldList().get(target.key).getType();
    List<BigDecimal> points = ranges < 2 ? List.of() : points(target.table.bounds(target.key), ranges, keyType);
    if (points.isEmpty()) {
      return null;
    }
    String column = target.scan.getRowType().getFieldNames().get(target.key);
    String table = target.scan.getTable().getQualifiedName().get(target.scan.getTable().getQualifiedName().size() - 1);
    BigDecimal[] typeRange = target.table.typeRange(target.key);
    List<RelNode> branches = new ArrayList<>();
    for (int i = 0; i <= points.size(); i++) {
      Range range = new Range(i == 0 ? null : points.get(i - 1), i == points.size() ? null : points.get(i), i == 0,
          typeRange);
      RelNode ranged = new Ranging(range, target.path).apply(body, 0);
      RelNode branch = aggregates == null ? ranged : aggregates.partial(ranged);
      branches.add(SourceStatement.of(branch).keyedBy("range " + (i + 1) + " of " + (points.size() + 1) + " of "
          + table + "." + column + ", " + range.describe(column)));
    }
    // A union keeps no order: a sort the statement had goes above it.
    RelNode combined = new EnumerableUnion(statement.getCluster(),
        statement.getCluster().traitSetOf(EnumerableConvention.INSTANCE), branches, true);
    if (aggregates != null) {
      combined = aggregates.combine(combined);
      if (combined == null) {
        return null;
      }
    }
    if (collation != null && !collation.getFieldCollations().isEmpty()) {
      combined = EnumerableSort.create(combined, collation, null, null);
    }
    return RelOptUtil.areRowTypesEqual(combined.getRowType(), statement.getRowType(), false) ? combined : null;
  }

  /**
   * The rows the statement keeps of the target's table, as estimated: a selective filter on another
   * column (TPC-H Q6's dates and discounts) reads a fraction of the table through that column's
   * index, which ranges of the key would only slow down.
   */
  private static double keptRows(RelNode body, Target target) {
    RelNode rel = body;
    for (int i = 0; i < target.path.size() - 1; i++) {
      rel = rel.getInput(target.path.get(i));
    }
    return !target.path.isEmpty() && rel instanceof Filter filter
        ? Math.min(target.rows, filter.getCluster().getMetadataQuery().getRowCount(filter)) : target.rows;
  }

  /** Whether the filter right above the target's scan picks single values of its key: a lookup, not a scan. */
  private static boolean pointLookup(RelNode body, List<Integer> path, int key) {
    RelNode rel = body;
    for (int i = 0; i < path.size() - 1; i++) {
      rel = rel.getInput(path.get(i));
    }
    if (path.isEmpty() || !(rel instanceof Filter filter)) {
      return false;
    }
    for (RexNode term : RelOptUtil.conjunctions(filter.getCondition())) {
      if (term instanceof RexCall call && call.getOperands().get(0) instanceof RexInputRef ref && ref.getIndex() == key
          && (call.getKind() == SqlKind.EQUALS && call.getOperands().get(1) instanceof RexLiteral
              || call.getKind() == SqlKind.EQUALS && call.getOperands().get(1) instanceof RexDynamicParam
              || call.getKind() == SqlKind.SEARCH && ((RexLiteral) call.getOperands().get(1)).getValueAs(Sarg.class)
                  .isPoints())) {
        return true;
      }
    }
    return false;
  }

  /** The split points: {@code ranges - 1} values evenly apart between the bounds, fewer where the bounds are close. */
  static List<BigDecimal> points(BigDecimal[] bounds, int ranges, RelDataType keyType) {
    if (bounds == null || bounds[0].compareTo(bounds[1]) >= 0) {
      return List.of();
    }
    int scale = Math.max(0, keyType.getScale() == RelDataType.SCALE_NOT_SPECIFIED ? 0 : keyType.getScale());
    BigDecimal step = bounds[1].subtract(bounds[0]).divide(BigDecimal.valueOf(ranges), scale, RoundingMode.FLOOR);
    List<BigDecimal> points = new ArrayList<>();
    for (int i = 1; i < ranges; i++) {
      BigDecimal point = bounds[0].add(step.multiply(BigDecimal.valueOf(i))).setScale(scale, RoundingMode.FLOOR);
      if (point.compareTo(bounds[0]) > 0 && (points.isEmpty() || point.compareTo(points.get(points.size() - 1)) > 0)) {
        points.add(point);
      }
    }
    return points;
  }

  /** The scan to range, its table, key column and estimated rows, and the input indexes leading to it. */
  private record Target(JdbcTableScan scan, SplittableTable table, int key, double rows, List<Integer> path) {
  }

  /**
   * The largest table read in {@code rel} whose every row the statement returns (or aggregates)
   * comes from at most one of its rows: reached through filters, projections and the sides of joins
   * that keep a row per row of theirs (both of an inner join, the preserved side of an outer one,
   * the left of a semi or anti join). Ranging such a table partitions the statement's rows.
   */
  private static Target largest(RelNode rel, List<Integer> path, Target best) {
    if (rel instanceof JdbcTableScan scan) {
      SplittableTable table = scan.getTable().unwrap(SplittableTable.class);
      if (table == null || table.leadingKey() < 0) {
        return best;
      }
      RelDataType type = scan.getRowType().getFieldList().get(table.leadingKey()).getType();
      Double rows = scan.getTable().getRowCount();
      if (!SqlTypeFamily.EXACT_NUMERIC.contains(type) || rows == null || best != null && best.rows >= rows) {
        return best;
      }
      return new Target(scan, table, table.leadingKey(), rows, List.copyOf(path));
    }
    List<Integer> sides = new ArrayList<>();
    if (rel instanceof Filter || rel instanceof Project) {
      sides.add(0);
    } else if (rel instanceof Join join) {
      JoinRelType type = join.getJoinType();
      if (type == JoinRelType.INNER || type == JoinRelType.LEFT || type == JoinRelType.SEMI
          || type == JoinRelType.ANTI) {
        sides.add(0);
      }
      if (type == JoinRelType.INNER || type == JoinRelType.RIGHT) {
        sides.add(1);
      }
    }
    for (int side : sides) {
      path.add(side);
      best = largest(rel.getInput(side), path, best);
      path.remove(path.size() - 1);
    }
    return best;
  }

  /**
   * One range of the key: from {@code low} (inclusive) to {@code high} (exclusive), either open; an
   * open end is written as the key type's own end where {@code typeRange} gives it, which every
   * value meets.
   */
  private record Range(BigDecimal low, BigDecimal high, boolean nulls, BigDecimal[] typeRange) {

    RexNode condition(RexBuilder rex, RexNode key) {
      List<RexNode> terms = new ArrayList<>();
      if (low != null || typeRange != null) {
        terms.add(rex.makeCall(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, key,
            literal(rex, low != null ? low : typeRange[0])));
      }
      if (high != null) {
        terms.add(rex.makeCall(SqlStdOperatorTable.LESS_THAN, key, literal(rex, high)));
      } else if (typeRange != null) {
        terms.add(rex.makeCall(SqlStdOperatorTable.LESS_THAN_OR_EQUAL, key, literal(rex, typeRange[1])));
      }
      RexNode range = terms.size() == 1 ? terms.get(0) : rex.makeCall(SqlStdOperatorTable.AND, terms);
      return nulls && key.getType().isNullable()
          ? rex.makeCall(SqlStdOperatorTable.OR, range, rex.makeCall(SqlStdOperatorTable.IS_NULL, key)) : range;
    }

    private static RexNode literal(RexBuilder rex, BigDecimal value) {
      boolean isLong = value.scale() <= 0 && value.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) >= 0
          && value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0;
      return isLong ? rex.makeExactLiteral(value, rex.getTypeFactory().createSqlType(SqlTypeName.BIGINT))
          : rex.makeExactLiteral(value);
    }

    String describe(String column) {
      return (low == null ? "" : low.toPlainString() + " <= ") + column
          + (high == null ? "" : " < " + high.toPlainString());
    }
  }

  /**
   * Puts the range's filter above the target's scan and, through inner joins on the key, above the
   * scans of the tables joined to it whose leading key the join equates with it: each range then
   * reads its part of both.
   */
  private static final class Ranging {
    private final Range range;
    private final List<Integer> path;

    Ranging(Range range, List<Integer> path) {
      this.range = range;
      this.path = path;
    }

    RelNode apply(RelNode rel, int depth) {
      if (depth == path.size()) {
        JdbcTableScan scan = (JdbcTableScan) rel;
        return filtered(scan, scan.getTable().unwrap(SplittableTable.class).leadingKey());
      }
      int side = path.get(depth);
      List<RelNode> inputs = new ArrayList<>(rel.getInputs());
      inputs.set(side, apply(inputs.get(side), depth + 1));
      if (rel instanceof Join join && join.getJoinType() == JoinRelType.INNER) {
        int key = keyColumn(rel.getInput(side), depth + 1);
        JoinInfo info = join.analyzeCondition();
        List<Integer> own = side == 0 ? info.leftKeys : info.rightKeys;
        List<Integer> other = side == 0 ? info.rightKeys : info.leftKeys;
        int pair = key < 0 ? -1 : own.indexOf(key);
        if (pair >= 0) {
          inputs.set(1 - side, narrow(inputs.get(1 - side), other.get(pair)));
        }
      }
      return copy(rel, inputs);
    }

    /** Where the target's key is among {@code rel}'s columns, {@code rel} being at {@code depth} on the path; -1 if gone. */
    private int keyColumn(RelNode rel, int depth) {
      if (depth == path.size()) {
        return ((JdbcTableScan) rel).getTable().unwrap(SplittableTable.class).leadingKey();
      }
      int below = keyColumn(rel.getInput(path.get(depth)), depth + 1);
      if (below < 0) {
        return -1;
      }
      if (rel instanceof Project project) {
        for (int i = 0; i < project.getProjects().size(); i++) {
          if (project.getProjects().get(i) instanceof RexInputRef ref && ref.getIndex() == below) {
            return i;
          }
        }
        return -1;
      }
      if (rel instanceof Join join && path.get(depth) == 1) {
        return join.getJoinType().projectsRight() ? join.getLeft().getRowType().getFieldCount() + below : -1;
      }
      return below;
    }

    /**
     * {@code rel} with the range on its column {@code column} where that is a table's leading key
     * reached through filters, projections and inner joins; the inner join above keeps only rows
     * whose column equals the ranged key, so nothing it returns is lost.
     */
    private RelNode narrow(RelNode rel, int column) {
      if (rel instanceof JdbcTableScan scan) {
        SplittableTable table = scan.getTable().unwrap(SplittableTable.class);
        RelDataType type = scan.getRowType().getFieldList().get(column).getType();
        return table != null && table.leadingKey() == column && SqlTypeFamily.EXACT_NUMERIC.contains(type)
            ? filtered(scan, column) : rel;
      }
      if (rel instanceof Filter) {
        return copy(rel, List.of(narrow(rel.getInput(0), column)));
      }
      if (rel instanceof Project project && project.getProjects().get(column) instanceof RexInputRef ref) {
        return rel.copy(rel.getTraitSet(), List.of(narrow(rel.getInput(0), ref.getIndex())));
      }
      if (rel instanceof Join join && join.getJoinType() == JoinRelType.INNER) {
        int leftColumns = join.getLeft().getRowType().getFieldCount();
        List<RelNode> inputs = new ArrayList<>(rel.getInputs());
        if (column < leftColumns) {
          inputs.set(0, narrow(inputs.get(0), column));
        } else {
          inputs.set(1, narrow(inputs.get(1), column - leftColumns));
        }
        return rel.copy(rel.getTraitSet(), inputs);
      }
      return rel;
    }

    /** {@code rel} over {@code inputs}; a filter over a scan's range filter joins it, for a statement without a sub-query. */
    private static RelNode copy(RelNode rel, List<RelNode> inputs) {
      if (rel instanceof JdbcRules.JdbcFilter filter && inputs.get(0) instanceof JdbcRules.JdbcFilter range
          && range.getInput() instanceof JdbcTableScan) {
        RexNode both = RexUtil.composeConjunction(rel.getCluster().getRexBuilder(),
            List.of(range.getCondition(), filter.getCondition()));
        return new JdbcRules.JdbcFilter(rel.getCluster(), range.getTraitSet(), range.getInput(), both);
      }
      return rel.copy(rel.getTraitSet(), inputs);
    }

    private RelNode filtered(JdbcTableScan scan, int column) {
      RexBuilder rex = scan.getCluster().getRexBuilder();
      RexNode condition = range.condition(rex, rex.makeInputRef(scan, column));
      return new JdbcRules.JdbcFilter(scan.getCluster(), scan.getTraitSet(), scan, condition);
    }
  }
}
