package dev.meshkit.engine;

import dev.meshkit.planner.join.DependentJoin;
import dev.meshkit.source.RunningQuery;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.apache.calcite.adapter.enumerable.EnumerableAsofJoin;
import org.apache.calcite.adapter.enumerable.EnumerableCollect;
import org.apache.calcite.adapter.enumerable.EnumerableHashJoin;
import org.apache.calcite.adapter.enumerable.EnumerableMatch;
import org.apache.calcite.adapter.enumerable.EnumerableMergeUnion;
import org.apache.calcite.adapter.enumerable.EnumerableNestedLoopJoin;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.EnumerableRepeatUnion;
import org.apache.calcite.adapter.enumerable.EnumerableSort;
import org.apache.calcite.adapter.enumerable.EnumerableTableSpool;
import org.apache.calcite.adapter.enumerable.EnumerableWindow;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.function.EqualityComparer;
import org.apache.calcite.linq4j.function.Function0;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.BlockStatement;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.MethodCallExpression;
import org.apache.calcite.linq4j.tree.Shuttle;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.core.Intersect;
import org.apache.calcite.rel.core.Minus;
import org.apache.calcite.rel.core.Union;
import org.apache.calcite.util.BuiltInMethod;

/**
 * Where the JVM side of a plan meets its {@link RunningQuery}. Before code generation,
 * {@link #insert} puts a checkpoint between every JVM operator and each of its inputs, and one
 * above the plan. Every row an operator pulls then passes {@link RunningQuery#check}, so a
 * cancelled or timed-out query stops within a row however deep the loop that pulls it: the outer
 * loop of a nested loop join, the build of a hash join, a sort's or an aggregate's input. The rows
 * an operator holds in memory count against the query's row limit: the inputs of sorts, windows
 * and set operations, the build side of hash joins, and the groups of hash aggregates (their
 * accumulator initializer runs once per new group, {@link #groups}; DISTINCT counts its distinct
 * rows, {@link #distinct}). The right input of a nested loop, which the loop reads again for every
 * left row, is read once and replayed ({@link #replay}), so a source runs its statement once.
 *
 * <p>The checkpoint above the plan also keeps the plan from breaking for good: a constant that
 * fails (say {@code 1/0}) fails in the static initializer of a generated class, which the JVM
 * never initializes again. The plan's {@link Health} remembers the first failure and has the plan
 * dropped from the cache, so every execution reports that failure, not a {@code NoClassDefFoundError}.
 */
public final class Checkpoints {

  private static final Method WATCH = method("watch", Enumerable.class, boolean.class);
  private static final Method ROOT = method("root", Enumerable.class, Health.class);
  private static final Method GROUPS = method("groups", Function0.class);
  private static final Method DISTINCT = method("distinct", Enumerable.class);
  private static final Method DISTINCT_BY = method("distinct", Enumerable.class, EqualityComparer.class);
  private static final Method REPLAY = method("replay", Enumerable.class);

  private Checkpoints() {
  }

  /** The plan with its checkpoints, the one above it remembering failures in {@code health}. */
  static RelNode insert(RelNode plan, Health health) {
    return new Node(plan.getCluster(), plan.getTraitSet(), checked(plan), false, false, health);
  }

  private static RelNode checked(RelNode rel) {
    if (!(rel instanceof EnumerableRel) || rel.getInputs().isEmpty()) {
      return rel;
    }
    List<RelNode> inputs = new ArrayList<>();
    for (int i = 0; i < rel.getInputs().size(); i++) {
      RelNode input = rel.getInput(i);
      // Inputs in another convention (a source's statement, an interpreter's plan) run elsewhere.
      inputs.add(input instanceof EnumerableRel
          ? new Node(input.getCluster(), input.getTraitSet(), checked(input), holds(rel, i), rereads(rel, i), null)
          : input);
    }
    return rel.copy(rel.getTraitSet(), inputs);
  }

  /** Whether {@code operator} keeps every row of its input {@code i} in memory. */
  static boolean holds(RelNode operator, int i) {
    if (operator instanceof EnumerableHashJoin) {
      // The build side, unless a dependent join's, which counts its rows as it reads them.
      return i == 1 && !(operator.getInput(1) instanceof DependentJoin.DependentBuild);
    }
    if (operator instanceof EnumerableNestedLoopJoin join) {
      // Inner and left nested loops read their right input again per left row; right and full ones list it.
      return i == 1 && join.getJoinType().generatesNullsOnLeft();
    }
    if (operator instanceof EnumerableAsofJoin) {
      return i == 0;
    }
    if (operator instanceof Union union) {
      return !union.all && !(operator instanceof EnumerableMergeUnion);
    }
    if (operator instanceof EnumerableRepeatUnion union) {
      return !union.all;
    }
    return operator instanceof EnumerableSort || operator instanceof EnumerableWindow
        || operator instanceof Intersect || operator instanceof Minus || operator instanceof EnumerableCollect
        || operator instanceof EnumerableMatch || operator instanceof EnumerableTableSpool;
  }

  /**
   * Whether {@code operator} reads its input {@code i} again for every row of another: Calcite's inner,
   * left, semi and anti nested loops do with their right input, and a source's statement beneath it
   * would run once per left row.
   */
  static boolean rereads(RelNode operator, int i) {
    return operator instanceof EnumerableNestedLoopJoin join && i == 1 && !join.getJoinType().generatesNullsOnLeft();
  }

  /**
   * The rows of an input that is read again and again ({@link #rereads}): read once, held (and
   * counted against the row limit, as a hash join's build side is), then replayed. Called by
   * generated code, once per execution of the plan's part that holds it.
   */
  public static <T> Enumerable<T> replay(Enumerable<T> input) {
    Enumerable<T> watched = watch(input, true);
    return new AbstractEnumerable<>() {
      private List<T> rows;

      @Override
      public Enumerator<T> enumerator() {
        if (rows == null) {
          rows = watched.toList();
        }
        return watch(Linq4j.asEnumerable(rows), false).enumerator();
      }
    };
  }

  /**
   * The rows of an operator's input, each checked against the query running on this thread; when
   * the operator holds them, each counted against the query's row limit. Called by generated code.
   */
  public static <T> Enumerable<T> watch(Enumerable<T> input, boolean holds) {
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<T> enumerator() {
        RunningQuery query = RunningQuery.current();
        if (query == null) {
          return input.enumerator();
        }
        query.check();
        return new Watched<>(input.enumerator(), query, holds);
      }
    };
  }

  /** The plan's rows: {@link #watch}ed, with failures of generated classes remembered. Called by generated code. */
  public static <T> Enumerable<T> root(Enumerable<T> rows, Health health) {
    Enumerable<T> watched = watch(rows, false);
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<T> enumerator() {
        health.check();
        try {
          return new Healthy<>(watched.enumerator(), health);
        } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
          throw health.broken(e);
        }
      }
    };
  }

  /** An accumulator initializer that counts each group it starts against the running query. Called by generated code. */
  public static <A> Function0<A> groups(Function0<A> initializer) {
    RunningQuery query = RunningQuery.current();
    if (query == null) {
      return initializer;
    }
    return () -> {
      query.hold(1);
      return initializer.apply();
    };
  }

  /** Linq4j's {@code distinct()}, counting each distinct row held. Called by generated code. */
  public static <T> Enumerable<T> distinct(Enumerable<T> input) {
    RunningQuery query = RunningQuery.current();
    Set<T> set = new HashSet<>();
    try (Enumerator<T> rows = input.enumerator()) {
      while (rows.moveNext()) {
        if (set.add(rows.current()) && query != null) {
          query.hold(1);
        }
      }
    }
    return Linq4j.asEnumerable(set);
  }

  /** Linq4j's {@code distinct(comparer)}, counting each distinct row held. Called by generated code. */
  public static <T> Enumerable<T> distinct(Enumerable<T> input, EqualityComparer<T> comparer) {
    RunningQuery query = RunningQuery.current();
    Set<Compared<T>> set = new HashSet<>();
    List<T> distinct = new ArrayList<>();
    try (Enumerator<T> rows = input.enumerator()) {
      while (rows.moveNext()) {
        T row = rows.current();
        if (set.add(new Compared<>(row, comparer))) {
          distinct.add(row);
          if (query != null) {
            query.hold(1);
          }
        }
      }
    }
    return Linq4j.asEnumerable(distinct);
  }

  /** A row under a comparer's notion of equality. */
  private record Compared<T>(T row, EqualityComparer<T> comparer) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Compared<?> other && comparer.equal(row, cast(other.row));
    }

    @Override
    public int hashCode() {
      return comparer.hashCode(row);
    }

    @SuppressWarnings("unchecked")
    private T cast(Object o) {
      return (T) o;
    }
  }

  /** Checks the query before each row, and counts the rows when the operator holds them. */
  private static final class Watched<T> implements Enumerator<T> {
    private final Enumerator<T> rows;
    private final RunningQuery query;
    private final boolean holds;

    Watched(Enumerator<T> rows, RunningQuery query, boolean holds) {
      this.rows = rows;
      this.query = query;
      this.holds = holds;
    }

    @Override
    public T current() {
      return rows.current();
    }

    @Override
    public boolean moveNext() {
      query.check();
      boolean more = rows.moveNext();
      if (more && holds) {
        query.hold(1);
      }
      return more;
    }

    @Override
    public void reset() {
      rows.reset();
    }

    @Override
    public void close() {
      rows.close();
    }
  }

  /** The plan's rows, turning the failure of a generated class into the plan's remembered failure. */
  private static final class Healthy<T> implements Enumerator<T> {
    private final Enumerator<T> rows;
    private final Health health;

    Healthy(Enumerator<T> rows, Health health) {
      this.rows = rows;
      this.health = health;
    }

    @Override
    public T current() {
      try {
        return rows.current();
      } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
        throw health.broken(e);
      }
    }

    @Override
    public boolean moveNext() {
      try {
        return rows.moveNext();
      } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
        throw health.broken(e);
      }
    }

    @Override
    public void reset() {
      rows.reset();
    }

    @Override
    public void close() {
      rows.close();
    }
  }

  /**
   * Whether a compiled plan still runs. Once a generated class failed to initialize, the JVM refuses
   * it for good; the plan then throws the first failure on every execution and leaves the cache.
   */
  public static final class Health {
    private volatile Throwable failure;
    private volatile Runnable onBreak = () -> { };

    /** What to do once when the plan breaks: drop it from the plan cache. */
    void onBreak(Runnable action) {
      this.onBreak = Objects.requireNonNull(action);
    }

    /** Throws the plan's failure, if it has one. */
    void check() {
      Throwable known = failure;
      if (known != null) {
        throw new IllegalStateException(known.getMessage(), known);
      }
    }

    /** Records why a generated class failed and returns the exception to throw. */
    RuntimeException broken(LinkageError error) {
      Throwable cause = error instanceof ExceptionInInitializerError && error.getCause() != null
          ? error.getCause() : error;
      if (failure == null) {
        failure = cause;
        onBreak.run();
      }
      Throwable known = failure;
      return new IllegalStateException(known.getMessage(), known);
    }
  }

  /** Between an operator and one input, or above the plan: implemented as a call around the input's rows. */
  static final class Node extends SingleRel implements EnumerableRel {
    private final boolean holds;
    private final boolean replays;
    /** Set only above the plan. */
    private final Health health;

    Node(RelOptCluster cluster, RelTraitSet traits, RelNode input, boolean holds, boolean replays, Health health) {
      super(cluster, traits, input);
      this.holds = holds;
      this.replays = replays;
      this.health = health;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
      return new Node(getCluster(), traitSet, sole(inputs), holds, replays, health);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
      return super.explainTerms(pw).itemIf("holds", true, holds).itemIf("replays", true, replays);
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
      Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref);
      BlockBuilder builder = new BlockBuilder();
      Expression rows = builder.append("rows", input.block);
      Expression call = health != null ? Expressions.call(ROOT, rows, implementor.stash(health, Health.class))
          : replays ? Expressions.call(REPLAY, rows)
          : Expressions.call(WATCH, rows, Expressions.constant(holds));
      builder.add(Expressions.return_(null, call));
      BlockStatement block = builder.toBlock();
      if (health != null) {
        // The whole plan's code is in this block now: count the groups of its hash aggregates.
        block = (BlockStatement) block.accept(new CountGroups());
      }
      return implementor.result(input.physType, block);
    }
  }

  /**
   * Rewrites the code of hash aggregates (the only users of these methods) so that they count
   * their groups: the accumulator initializer passed to {@code groupBy} is wrapped in
   * {@link #groups}, and {@code distinct} becomes {@link #distinct}.
   */
  private static final class CountGroups extends Shuttle {
    @Override
    public Expression visit(MethodCallExpression call, Expression target, List<Expression> arguments) {
      Method method = call.method;
      if (method.equals(BuiltInMethod.GROUP_BY2.method) || method.equals(BuiltInMethod.GROUP_BY_MULTIPLE.method)) {
        List<Expression> counted = new ArrayList<>(arguments);
        int initializer = method.equals(BuiltInMethod.GROUP_BY2.method) ? 1 : 2;
        counted.set(initializer, Expressions.call(GROUPS, arguments.get(initializer)));
        return Expressions.call(target, method, counted);
      }
      if (method.equals(BuiltInMethod.DISTINCT.method) && target != null) {
        return arguments.isEmpty()
            ? Expressions.call(DISTINCT, target)
            : Expressions.call(DISTINCT_BY, target, arguments.get(0));
      }
      return super.visit(call, target, arguments);
    }
  }

  private static Method method(String name, Class<?>... parameters) {
    try {
      return Checkpoints.class.getMethod(name, parameters);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }
}
