package dev.meshkit.planner.join;

import dev.meshkit.planner.SourceStatement;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.linq4j.function.Function0;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.ParameterExpression;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A hash join whose build side's distinct keys narrow the source statements of its probe side:
 * they run with {@code key IN (?, …)} for each batch of keys, so a large table sends only the rows
 * that can match. Past {@link Keys#maxKeys} keys at run time the statements run whole, as for a
 * plain hash join. This node sits above the join; {@link DependentBuild} above its build side and
 * {@link DependentProbe} above each narrowed statement share one {@link DependentKeys} per execution.
 */
public final class DependentJoin extends SingleRel implements EnumerableRel {

  /** Batch sizes of the keyed statements: a batch takes the smallest that holds it, or the largest. */
  static final int[] BATCH_SIZES = {8, 64, 512};

  /**
   * Parameters from this index on carry keys; a query's own parameters come before. Each dependent
   * join has its own range, so nested ones do not meet.
   */
  static final int FIRST_KEY_PARAMETER = 1 << 20;

  /**
   * {@code key IN (?, ?, …)}: a database reads a list where it would test a chain of ORs row by row
   * (H2 uses its index for the one, not the other). Only unparsed into a source's statement.
   */
  static final SqlOperator KEY_IN = new SqlSpecialOperator("IN", SqlKind.OTHER, 32, true, ReturnTypes.BOOLEAN,
      null, null) {
    @Override
    public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      call.operand(0).unparse(writer, getLeftPrec(), getRightPrec());
      writer.keyword("IN");
      SqlWriter.Frame list = writer.startList("(", ")");
      for (SqlNode value : call.getOperandList().subList(1, call.operandCount())) {
        writer.sep(",");
        value.unparse(writer, 0, 0);
      }
      writer.endList(list);
    }
  };

  private final Keys keys;

  DependentJoin(RelOptCluster cluster, RelTraitSet traits, RelNode join, Keys keys) {
    super(cluster, traits, join);
    this.keys = keys;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new DependentJoin(getCluster(), traitSet, sole(inputs), keys);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("keys", "#" + keys.id).item("from", keys.buildKeyName)
        .item("maxKeys", keys.maxKeys);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder block = new BlockBuilder();
    keys.variable = Expressions.parameter(Modifier.FINAL, DependentKeys.class,
        block.newName("dependentKeys" + keys.id));
    block.add(Expressions.declare(Modifier.FINAL, keys.variable, Expressions.new_(DependentKeys.class,
        Expressions.constant(keys.maxKeys), Expressions.constant(keys.firstParameter()))));
    // The build side's operators come first, so that the probe side finds them however early it reads.
    DependentBuild build = build(getInput());
    Result rows = implementor.visitChild(build, 0, (EnumerableRel) build.getInput(), pref);
    keys.buildType = rows.physType;
    block.add(Expressions.statement(Expressions.call(keys.variable, "register", block.append("build", rows.block),
        rows.physType.generateAccessor(List.of(keys.buildKey)))));
    Result join = implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref);
    block.add(Expressions.return_(null, block.append("joined", join.block)));
    return implementor.result(join.physType, block.toBlock());
  }

  /** The build side of this join, beneath the checkpoints the engine put between the operators. */
  private DependentBuild build(RelNode rel) {
    if (rel instanceof DependentBuild build && build.keys == keys) {
      return build;
    }
    for (RelNode input : rel.getInputs()) {
      DependentBuild build = build(input);
      if (build != null) {
        return build;
      }
    }
    return null;
  }

  /** What the three nodes of one dependent join share. */
  static final class Keys {
    final int id;
    final int buildKey;
    final String buildKeyName;
    final int maxKeys;
    /** The execution's {@link DependentKeys}, while the join generates its code. */
    ParameterExpression variable;
    /** The build side's rows as generated code holds them, while the join generates its code. */
    PhysType buildType;

    Keys(int id, int buildKey, String buildKeyName, int maxKeys) {
      this.id = id;
      this.buildKey = buildKey;
      this.buildKeyName = buildKeyName;
      this.maxKeys = maxKeys;
    }

    int firstParameter() {
      return FIRST_KEY_PARAMETER * id;
    }
  }

  /** The build side of a dependent join: read once, its keys kept for the probe side. */
  public static final class DependentBuild extends SingleRel implements EnumerableRel {

    private final Keys keys;

    DependentBuild(RelOptCluster cluster, RelTraitSet traits, RelNode input, Keys keys) {
      super(cluster, traits, input);
      this.keys = keys;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
      return new DependentBuild(getCluster(), traitSet, sole(inputs), keys);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
      return super.explainTerms(pw).item("keys", "#" + keys.id);
    }

    /** The rows the join registered before its own code. */
    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
      BlockBuilder block = new BlockBuilder();
      block.add(Expressions.return_(null, Expressions.call(keys.variable, "build")));
      return implementor.result(keys.buildType, block.toBlock());
    }
  }

  /** An input of the probe side that the JVM reads (a file), whose rows the build side's keys filter as they stream. */
  public static final class DependentFilter extends SingleRel implements EnumerableRel {

    private final Keys keys;
    private final int column;
    private final boolean decimal;

    DependentFilter(RelOptCluster cluster, RelTraitSet traits, RelNode input, Keys keys, int column, boolean decimal) {
      super(cluster, traits, input);
      this.keys = keys;
      this.column = column;
      this.decimal = decimal;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
      return new DependentFilter(getCluster(), traitSet, sole(inputs), keys, column, decimal);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
      return super.explainTerms(pw).item("keys", "#" + keys.id)
          .item("column", getRowType().getFieldNames().get(column));
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
      Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref);
      BlockBuilder block = new BlockBuilder();
      Expression rows = block.append("rows", input.block);
      block.add(Expressions.return_(null, Expressions.call(keys.variable, "filter", rows,
          input.physType.generateAccessor(List.of(column)), Expressions.constant(decimal))));
      return implementor.result(input.physType, block.toBlock());
    }
  }

  /** A source statement of the probe side, run once per batch of the build side's keys. */
  public static final class DependentProbe extends SingleRel implements EnumerableRel {

    private final Keys keys;
    private final int column;

    DependentProbe(RelOptCluster cluster, RelTraitSet traits, RelNode statement, Keys keys, int column) {
      super(cluster, traits, statement);
      this.keys = keys;
      this.column = column;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
      return new DependentProbe(getCluster(), traitSet, sole(inputs), keys, column);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
      return super.explainTerms(pw).item("keys", "#" + keys.id)
          .item("column", getRowType().getFieldNames().get(column));
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
      Result full = implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref);
      SourceStatement statement = statement(getInput());
      List<Expression> keyed = new ArrayList<>();
      List<Expression> sizes = new ArrayList<>();
      for (int size : BATCH_SIZES) {
        Result batch = keyed(statement, size).implement(implementor, pref);
        // The statement reads its parameters from the context the lambda is given, which carries the batch.
        keyed.add(Expressions.lambda(Function1.class, batch.block, DataContext.ROOT));
        sizes.add(Expressions.constant(size));
      }
      BlockBuilder block = new BlockBuilder();
      block.add(Expressions.return_(null, Expressions.call(keys.variable, "probe",
          Expressions.lambda(Function0.class, full.block),
          Expressions.newArrayInit(Function1.class, keyed),
          Expressions.newArrayInit(int.class, sizes),
          DataContext.ROOT)));
      return implementor.result(full.physType, block.toBlock());
    }

    /** The statement with {@code column IN (?, …)}, one parameter per key of a batch of {@code size}. */
    private SourceStatement keyed(SourceStatement statement, int size) {
      RexBuilder rex = getCluster().getRexBuilder();
      RelDataType type = statement.getRowType().getFieldList().get(column).getType();
      List<RexNode> equalities = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        equalities.add(rex.makeDynamicParam(type, keys.firstParameter() + i));
      }
      return SourceStatement.of(narrowed(statement.getInput(), column, equalities));
    }

    /**
     * {@code rel} with its column equal to one of {@code values}: beneath projections of the
     * column, aggregates grouped by it and inner joins, beside the filter there, so that the source
     * reads the condition where it reads the column's table (H2 uses no index through a derived
     * table, and filters a HAVING only after grouping the whole table).
     */
    private static RelNode narrowed(RelNode rel, int column, List<RexNode> values) {
      RexBuilder rex = rel.getCluster().getRexBuilder();
      if (rel instanceof JdbcRules.JdbcProject project
          && project.getProjects().get(column) instanceof RexInputRef ref) {
        return project.copy(project.getTraitSet(), List.of(narrowed(project.getInput(), ref.getIndex(), values)));
      }
      if (rel instanceof JdbcRules.JdbcAggregate aggregate && aggregate.getGroupSets().size() == 1
          && column < aggregate.getGroupCount()) {
        // A WHERE on the grouped column, not a HAVING: the database then reads only the keys' rows.
        return aggregate.copy(aggregate.getTraitSet(),
            List.of(narrowed(aggregate.getInput(), aggregate.getGroupSet().nth(column), values)));
      }
      if (rel instanceof JdbcRules.JdbcJoin join && join.getJoinType() == JoinRelType.INNER) {
        int leftColumns = join.getLeft().getRowType().getFieldCount();
        return column < leftColumns
            ? join.copy(join.getTraitSet(), List.of(narrowed(join.getLeft(), column, values), join.getRight()))
            : join.copy(join.getTraitSet(),
                List.of(join.getLeft(), narrowed(join.getRight(), column - leftColumns, values)));
      }
      List<RexNode> operands = new ArrayList<>();
      operands.add(rex.makeInputRef(rel, column));
      operands.addAll(values);
      RexNode condition = rex.makeCall(rex.getTypeFactory().createSqlType(SqlTypeName.BOOLEAN), KEY_IN, operands);
      if (rel instanceof JdbcRules.JdbcFilter filter) {
        return new JdbcRules.JdbcFilter(rel.getCluster(), rel.getTraitSet(), filter.getInput(),
            RexUtil.composeConjunction(rex, List.of(filter.getCondition(), condition)));
      }
      return new JdbcRules.JdbcFilter(rel.getCluster(), rel.getTraitSet(), rel, condition);
    }

    /** The statement beneath the checkpoints the engine put above it. */
    private static SourceStatement statement(RelNode rel) {
      RelNode node = rel;
      while (!(node instanceof SourceStatement) && node.getInputs().size() == 1) {
        node = node.getInput(0);
      }
      if (!(node instanceof SourceStatement statement)) {
        throw new IllegalStateException("a dependent probe reads a source statement");
      }
      return statement;
    }
  }
}
