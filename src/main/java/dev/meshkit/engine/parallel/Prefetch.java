package dev.meshkit.engine.parallel;

import dev.meshkit.planner.SourceStatement;
import dev.meshkit.planner.split.KeySplits;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * A source statement that starts on a worker thread as soon as its query's plan is bound, beside
 * the query's other statements, instead of when the operator above first asks for its rows: the
 * build sides of stacked hash joins, both inputs of a join, the branches of a UNION ALL. EXPLAIN
 * shows it above the statement. {@link #insert} places it only where generated code builds the
 * statement once per execution and reads it once, and only in plans that read two inputs or more.
 */
public final class Prefetch extends SingleRel implements EnumerableRel {

  private static final Method START = method();

  private final StatementWorkers workers;

  private Prefetch(RelOptCluster cluster, RelTraitSet traits, RelNode statement, StatementWorkers workers) {
    super(cluster, traits, statement);
    this.workers = workers;
  }

  /** The plan with a prefetch above each statement that may start early, where it reads two inputs or more. */
  public static RelNode insert(RelNode plan, StatementWorkers workers) {
    if (!workers.enabled() || inputs(plan) < 2) {
      return plan;
    }
    return placed(plan, workers);
  }

  /** Statements and scans the plan reads: a plan of one has nothing to overlap. */
  private static int inputs(RelNode rel) {
    if (rel instanceof SourceStatement || rel instanceof TableScan) {
      return 1;
    }
    int n = 0;
    for (RelNode input : rel.getInputs()) {
      n += inputs(input);
    }
    return n;
  }

  private static RelNode placed(RelNode rel, StatementWorkers workers) {
    if (rel instanceof SourceStatement statement) {
      // A statement reading an outer row's columns is built per row, inside the loop that reads it.
      return RelOptUtil.getVariablesUsed(statement.getInput()).isEmpty()
          ? new Prefetch(rel.getCluster(), rel.getTraitSet(), rel, workers) : rel;
    }
    List<RelNode> inputs = new ArrayList<>(rel.getInputs());
    boolean changed = false;
    for (int i = 0; i < inputs.size(); i++) {
      // Where generated code reads an input more than once (per outer row, per batch of keys), it stays as it was.
      if (KeySplits.readOnce(rel, i)) {
        RelNode placed = placed(inputs.get(i), workers);
        changed |= placed != inputs.get(i);
        inputs.set(i, placed);
      }
    }
    return changed ? rel.copy(rel.getTraitSet(), inputs) : rel;
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new Prefetch(getCluster(), traitSet, sole(inputs), workers);
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return mq.getRowCount(getInput());
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref);
    BlockBuilder builder = new BlockBuilder();
    Expression rows = builder.append("rows", input.block);
    builder.add(Expressions.return_(null,
        Expressions.call(START, rows, implementor.stash(workers, StatementWorkers.class))));
    return implementor.result(input.physType, builder.toBlock());
  }

  private static Method method() {
    try {
      return Prefetched.class.getMethod("start",
          org.apache.calcite.linq4j.Enumerable.class, StatementWorkers.class);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }
}
