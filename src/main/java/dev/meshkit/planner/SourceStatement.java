package dev.meshkit.planner;

import dev.meshkit.source.PlannedStatements;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcRel;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverter;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverterRule;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlString;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * One statement a database source runs, as the JVM side of the plan sees it. Unlike Calcite's
 * converter, which the cost-based planner treats as equivalent to its input (and so would pull
 * more work into the source), this node is opaque: the statement ends exactly where the policy
 * and pushdown rules decided.
 */
public final class SourceStatement extends SingleRel implements EnumerableRel {

  /** How a dependent join narrows this statement, for EXPLAIN; null if none does. */
  private final String keyedBy;

  private SourceStatement(RelOptCluster cluster, RelTraitSet traits, RelNode input, String keyedBy) {
    super(cluster, traits, input);
    this.keyedBy = keyedBy;
  }

  /** The plan with Calcite's converters, which the planner puts above a plan run wholly in one source, as ours. */
  static RelNode replaceConverters(RelNode rel) {
    if (rel instanceof JdbcToEnumerableConverter converter) {
      return of(converter.getInput());
    }
    List<RelNode> inputs = new ArrayList<>();
    boolean changed = false;
    for (RelNode input : rel.getInputs()) {
      RelNode replaced = replaceConverters(input);
      changed |= replaced != input;
      inputs.add(replaced);
    }
    return changed ? rel.copy(rel.getTraitSet(), inputs) : rel;
  }

  /** The statement that runs {@code jdbc}, a plan wholly in one database source. */
  public static SourceStatement of(RelNode jdbc) {
    return new SourceStatement(jdbc.getCluster(), jdbc.getTraitSet().replace(EnumerableConvention.INSTANCE), jdbc,
        null);
  }

  /** This statement, described in EXPLAIN as narrowed by {@code keyedBy} (say, the keys of a dependent join). */
  public SourceStatement keyedBy(String keyedBy) {
    return new SourceStatement(getCluster(), traitSet, input, keyedBy);
  }

  /** How a dependent join narrows this statement, or null. */
  String keyedBy() {
    return keyedBy;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new SourceStatement(getCluster(), traitSet, sole(inputs), keyedBy);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return planner.getCostFactory().makeCost(mq.getRowCount(this), 0, 0).multiplyBy(0.1);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    JdbcConvention convention = (JdbcConvention) getInput().getConvention();
    EnumerableRel converter = (EnumerableRel) JdbcToEnumerableConverterRule.create(convention).convert(getInput());
    Result result = converter.implement(implementor, pref);
    Expression record = recordFacts((JdbcRel) getInput());
    if (record == null) {
      return result;
    }
    // Each execution states the facts just before the statement binds its parameters.
    BlockBuilder block = new BlockBuilder();
    block.add(Expressions.statement(record));
    block.add(Expressions.return_(null, block.append("source", result.block)));
    return new Result(block.toBlock(), result.physType, result.format);
  }

  /**
   * The call that tells the source which of its statement's parameters are temporal, which its
   * driver may not know or must ask the database, and whether it returns at most one row; null for
   * a statement with neither parameters nor that bound.
   */
  private static Expression recordFacts(JdbcRel input) {
    SqlString sql = SourceSql.of(input);
    List<Integer> order = sql.getDynamicParameters();
    RelMetadataQuery mq = input.getCluster().getMetadataQuery();
    Double maxRows = mq.getMaxRowCount(input);
    boolean singleRow = Boolean.TRUE.equals(mq.areColumnsUnique(input, ImmutableBitSet.of()))
        || maxRows != null && maxRows <= 1;
    if ((order == null || order.isEmpty()) && !singleRow) {
      return null;
    }
    Map<Integer, SqlTypeName> types = new HashMap<>();
    RexShuttle collector = new RexShuttle() {
      @Override
      public RexNode visitDynamicParam(RexDynamicParam param) {
        types.put(param.getIndex(), param.getType().getSqlTypeName());
        return param;
      }
    };
    collect(input, collector);
    List<Expression> jdbcTypes = new ArrayList<>();
    for (Integer index : order == null ? List.<Integer>of() : order) {
      SqlTypeName type = types.get(index);
      int jdbcType = switch (type == null ? SqlTypeName.ANY : type) {
        case DATE -> Types.DATE;
        case TIME -> Types.TIME;
        case TIMESTAMP -> Types.TIMESTAMP;
        default -> Types.OTHER;
      };
      jdbcTypes.add(Expressions.constant(jdbcType));
    }
    return Expressions.call(PlannedStatements.class, "record", Expressions.constant(sql.getSql()),
        Expressions.newArrayInit(int.class, jdbcTypes), Expressions.constant(singleRow));
  }

  private static void collect(RelNode rel, RexShuttle collector) {
    rel.accept(collector);
    rel.getInputs().forEach(input -> collect(input, collector));
  }
}
