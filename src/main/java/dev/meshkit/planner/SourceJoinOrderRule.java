package dev.meshkit.planner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.rules.MultiJoin;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.tools.RelBuilderFactory;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Orders an inner {@link MultiJoin} so that the tables of one database source are joined with
 * each other first, where join conditions connect them. Such a group becomes a single statement
 * inside that database, which chooses its own join order with its own statistics; meshkit then
 * joins the groups, largest first and each next the smallest connected one, so hash joins build
 * on the small side. Outer joins are left to Calcite's {@code LoptOptimizeJoinRule}.
 */
final class SourceJoinOrderRule extends RelRule<SourceJoinOrderRule.Config> {

  static final SourceJoinOrderRule INSTANCE = Config.DEFAULT.toRule();

  private SourceJoinOrderRule(Config config) {
    super(config);
  }

  @Override
  public boolean matches(RelOptRuleCall call) {
    MultiJoin join = call.rel(0);
    if (join.isFullOuterJoin()) {
      return false;
    }
    for (int i = 0; i < join.getInputs().size(); i++) {
      if (join.getJoinTypes().get(i) != JoinRelType.INNER || join.getOuterJoinConditions().get(i) != null) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    MultiJoin multiJoin = call.rel(0);
    Plan plan = new Plan(multiJoin, call.getMetadataQuery(), call.builder());
    call.transformTo(plan.build());
  }

  /** One reordering: factors, the conjuncts that join them, and the tree being built. */
  private static final class Plan {
    private final MultiJoin multiJoin;
    private final RelMetadataQuery mq;
    private final RelBuilder builder;
    private final RexBuilder rex;
    private final List<RelNode> factors;
    private final int[] offsets;
    private final int totalFields;
    private final List<RexNode> conjuncts;
    private final List<BitSet> conjunctFactors = new ArrayList<>();
    private final boolean[] applied;

    Plan(MultiJoin multiJoin, RelMetadataQuery mq, RelBuilder builder) {
      this.multiJoin = multiJoin;
      this.mq = mq;
      this.builder = builder;
      this.rex = multiJoin.getCluster().getRexBuilder();
      this.factors = multiJoin.getInputs();
      this.offsets = new int[factors.size() + 1];
      for (int i = 0; i < factors.size(); i++) {
        offsets[i + 1] = offsets[i] + factors.get(i).getRowType().getFieldCount();
      }
      this.totalFields = offsets[factors.size()];
      this.conjuncts = RelOptUtil.conjunctions(multiJoin.getJoinFilter());
      for (RexNode conjunct : conjuncts) {
        BitSet used = new BitSet();
        for (int field : RelOptUtil.InputFinder.bits(conjunct)) {
          used.set(factorOf(field));
        }
        conjunctFactors.add(used);
      }
      this.applied = new boolean[conjuncts.size()];
    }

    private int factorOf(int field) {
      for (int f = 0; f < factors.size(); f++) {
        if (field < offsets[f + 1]) {
          return f;
        }
      }
      throw new IllegalArgumentException("field " + field + " is outside the join");
    }

    RelNode build() {
      List<Part> parts = new ArrayList<>();
      for (BitSet group : sourceGroups()) {
        parts.add(joinGroup(group));
      }
      Part current = parts.stream().max((a, b) -> Double.compare(a.rows, b.rows)).orElseThrow();
      parts.remove(current);
      while (!parts.isEmpty()) {
        Part next = null;
        int nextLink = -1;
        for (Part candidate : parts) {
          int link = link(current.factors, candidate.factors);
          if (link > nextLink || link == nextLink && candidate.rows < next.rows) {
            next = candidate;
            nextLink = link;
          }
        }
        parts.remove(next);
        current = join(current, next);
      }
      return restoreFieldOrder(current);
    }

    /** Factors of one database source, connected by join conditions among themselves. */
    private List<BitSet> sourceGroups() {
      int n = factors.size();
      int[] parent = new int[n];
      Object[] source = new Object[n];
      for (int i = 0; i < n; i++) {
        parent[i] = i;
        source[i] = sourceOf(factors.get(i));
      }
      for (BitSet used : conjunctFactors) {
        if (used.cardinality() < 2) {
          continue;
        }
        int first = used.nextSetBit(0);
        boolean oneSource = source[first] != null;
        for (int f = used.nextSetBit(0); f >= 0 && oneSource; f = used.nextSetBit(f + 1)) {
          oneSource = Objects.equals(source[f], source[first]);
        }
        if (oneSource) {
          for (int f = used.nextSetBit(0); f >= 0; f = used.nextSetBit(f + 1)) {
            parent[find(parent, f)] = find(parent, first);
          }
        }
      }
      List<BitSet> groups = new ArrayList<>();
      BitSet[] byRoot = new BitSet[n];
      for (int i = 0; i < n; i++) {
        int root = find(parent, i);
        if (byRoot[root] == null) {
          byRoot[root] = new BitSet();
          groups.add(byRoot[root]);
        }
        byRoot[root].set(i);
      }
      return groups;
    }

    private static int find(int[] parent, int i) {
      while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
      }
      return i;
    }

    /** The JDBC convention all scans under a factor share, or null if it is not one database's. */
    private static Object sourceOf(RelNode rel) {
      List<Convention> conventions = new ArrayList<>();
      collectScans(rel, conventions);
      if (conventions.isEmpty() || !(conventions.get(0) instanceof JdbcConvention)) {
        return null;
      }
      for (Convention c : conventions) {
        if (c != conventions.get(0)) {
          return null;
        }
      }
      return conventions.get(0);
    }

    private static void collectScans(RelNode rel, List<Convention> conventions) {
      RelNode node = rel instanceof org.apache.calcite.plan.hep.HepRelVertex v ? v.getCurrentRel() : rel;
      if (node instanceof TableScan scan) {
        conventions.add(scan.getConvention());
      }
      for (RelNode input : node.getInputs()) {
        collectScans(input, conventions);
      }
    }

    /** Joins a group's factors, starting from the largest, each next one connected to those before. */
    private Part joinGroup(BitSet group) {
      BitSet remaining = (BitSet) group.clone();
      int start = -1;
      for (int f = remaining.nextSetBit(0); f >= 0; f = remaining.nextSetBit(f + 1)) {
        if (start < 0 || rows(f) > rows(start)) {
          start = f;
        }
      }
      remaining.clear(start);
      Part current = leaf(start);
      while (!remaining.isEmpty()) {
        int next = -1;
        int nextLink = -1;
        for (int f = remaining.nextSetBit(0); f >= 0; f = remaining.nextSetBit(f + 1)) {
          BitSet single = new BitSet();
          single.set(f);
          int link = link(current.factors, single);
          if (link > nextLink || link == nextLink && rows(f) < rows(next)) {
            next = f;
            nextLink = link;
          }
        }
        remaining.clear(next);
        current = join(current, leaf(next));
      }
      return current;
    }

    private double rows(int factor) {
      Double rows = mq.getRowCount(factors.get(factor));
      return rows == null ? 100d : rows;
    }

    private Part leaf(int factor) {
      BitSet set = new BitSet();
      set.set(factor);
      List<Integer> order = List.of(factor);
      RelNode rel = factors.get(factor);
      RexNode condition = takeApplicable(set, order);
      if (!condition.isAlwaysTrue()) {
        rel = LogicalFilter.create(rel, condition);
      }
      return new Part(rel, set, order, mq.getRowCount(rel));
    }

    private Part join(Part first, Part second) {
      // Without an equality the join is a nested loop, which reads its right side once per left
      // row: a source's statement there would run that many times, so the smaller side goes left.
      boolean hashed = link(first.factors, second.factors) == 2;
      boolean swap = !hashed && second.rows < first.rows;
      Part left = swap ? second : first;
      Part right = swap ? first : second;
      BitSet set = (BitSet) left.factors.clone();
      set.or(right.factors);
      List<Integer> order = new ArrayList<>(left.order);
      order.addAll(right.order);
      RexNode condition = takeApplicable(set, order);
      RelNode rel = LogicalJoin.create(left.rel, right.rel, List.of(), condition, Set.of(), JoinRelType.INNER);
      Double rows = mq.getRowCount(rel);
      return new Part(rel, set, order, rows == null ? left.rows * right.rows : rows);
    }

    /**
     * How strongly joining {@code b} to {@code a} is supported by pending conditions: 2 for an
     * equality between their columns (a hash join), 1 for any other condition, 0 for none.
     */
    private int link(BitSet a, BitSet b) {
      int best = 0;
      BitSet both = (BitSet) a.clone();
      both.or(b);
      for (int i = 0; i < conjuncts.size() && best < 2; i++) {
        BitSet used = conjunctFactors.get(i);
        BitSet outside = (BitSet) used.clone();
        outside.andNot(both);
        if (!applied[i] && used.intersects(a) && used.intersects(b) && outside.isEmpty()) {
          best = Math.max(best, isEquiJoin(conjuncts.get(i)) ? 2 : 1);
        }
      }
      return best;
    }

    /** Column = column, allowing casts, which later become projections below the join. */
    private static boolean isEquiJoin(RexNode conjunct) {
      return conjunct.getKind() == SqlKind.EQUALS
          && ((RexCall) conjunct).getOperands().stream().allMatch(o -> RexUtil.removeCast(o) instanceof RexInputRef);
    }

    /** The conjuncts that can be evaluated once {@code set} is joined, rewritten to its field layout. */
    private RexNode takeApplicable(BitSet set, List<Integer> order) {
      int[] position = positions(order);
      List<RexNode> now = new ArrayList<>();
      for (int i = 0; i < conjuncts.size(); i++) {
        BitSet used = (BitSet) conjunctFactors.get(i).clone();
        used.andNot(set);
        if (!applied[i] && used.isEmpty()) {
          applied[i] = true;
          now.add(remap(conjuncts.get(i), position));
        }
      }
      return RexUtil.composeConjunction(rex, now);
    }

    private int[] positions(List<Integer> order) {
      int[] position = new int[totalFields];
      Arrays.fill(position, -1);
      int next = 0;
      for (int factor : order) {
        for (int field = offsets[factor]; field < offsets[factor + 1]; field++) {
          position[field] = next++;
        }
      }
      return position;
    }

    private static RexNode remap(RexNode node, int[] position) {
      return node.accept(new RexShuttle() {
        @Override
        public RexNode visitInputRef(RexInputRef ref) {
          return new RexInputRef(position[ref.getIndex()], ref.getType());
        }
      });
    }

    /** Puts the fields back in the MultiJoin's order, then applies its post-join filter. */
    private RelNode restoreFieldOrder(Part part) {
      int[] position = positions(part.order);
      List<RexNode> projects = new ArrayList<>();
      List<String> names = new ArrayList<>();
      List<RelDataTypeField> fields = multiJoin.getRowType().getFieldList();
      for (int field = 0; field < totalFields; field++) {
        projects.add(rex.makeInputRef(part.rel, position[field]));
        names.add(fields.get(field).getName());
      }
      builder.push(part.rel).project(projects, names, true);
      if (multiJoin.getPostJoinFilter() != null) {
        builder.filter(multiJoin.getPostJoinFilter());
      }
      return builder.build();
    }
  }

  /** A joined subset of the factors, with its fields in {@code order}. */
  private record Part(RelNode rel, BitSet factors, List<Integer> order, double rows) {
  }

  /** Matches every multi-join; {@link SourceJoinOrderRule#matches} keeps the inner ones. */
  record Config(RelBuilderFactory relBuilderFactory, String description, OperandTransform operandSupplier)
      implements MeshRuleConfig<Config> {

    static final Config DEFAULT = new Config(RelFactories.LOGICAL_BUILDER, "SourceJoinOrderRule",
        b -> b.operand(MultiJoin.class).anyInputs());

    @Override
    public SourceJoinOrderRule toRule() {
      return new SourceJoinOrderRule(this);
    }

    @Override
    public Config copy(RelBuilderFactory relBuilderFactory, String description, OperandTransform operandSupplier) {
      return new Config(relBuilderFactory, description, operandSupplier);
    }
  }
}
