package dev.meshkit.planner.join;

import dev.meshkit.source.RunningQuery;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.function.Function0;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.schema.SchemaPlus;

/**
 * One execution's state of a dependent join: the rows of its build side, read once, and their
 * distinct keys, which the source statements of its probe side receive as parameters. Generated
 * code makes one each time it builds the join's operators: once per execution of the plan, or per
 * outer row beneath a correlation, whose bindings its build side may read.
 *
 * <p>Whichever side asks first reads the build side: a hash join reads it before its probe side, a
 * semi-join after its first probe row, an aggregate of the probe side as soon as it is built. Should
 * the join read its build side again, the rows are read again.
 */
public final class DependentKeys {

  private final int maxKeys;
  private final int firstParameter;
  private Enumerable<Object> build;
  private Function1<Object, Object> key;
  private List<Object> rows;
  private Set<Object> keys;
  private boolean overflowed;

  /**
   * @param maxKeys past this many distinct keys, the probe side reads everything (a plain hash join)
   * @param firstParameter the index of the first parameter that carries a key in the keyed statements
   */
  public DependentKeys(int maxKeys, int firstParameter) {
    this.maxKeys = maxKeys;
    this.firstParameter = firstParameter;
  }

  /**
   * Registers the build side and how to read a row's key. Called by generated code before the
   * join's own, since an operator of the probe side may read its input as soon as it is built (an
   * aggregate does).
   */
  public void register(Enumerable<Object> input, Function1<Object, Object> key) {
    this.build = input;
    this.key = key;
  }

  /** The build side's rows, read once and handed to the join. Called by generated code. */
  public Enumerable<Object> build() {
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object> enumerator() {
        List<Object> held = rows == null ? read() : rows;
        rows = null; // the join holds them now
        return Linq4j.enumerator(held);
      }
    };
  }

  /**
   * The probe side's rows: those of the statements keyed by each batch of distinct keys, or all of
   * {@code full} past {@code maxKeys}. {@code keyed[i]} runs the statement with {@code sizes[i]} key
   * parameters, read from the context it is given. Called by generated code.
   */
  public Enumerable<Object> probe(Function0<Enumerable<Object>> full,
      Function1<DataContext, Enumerable<Object>>[] keyed, int[] sizes, DataContext root) {
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object> enumerator() {
        if (keys == null) {
          read();
        }
        if (overflowed) {
          return full.apply().enumerator();
        }
        return new Batches(new ArrayList<>(keys), keyed, sizes, root);
      }
    };
  }

  /**
   * The rows of {@code input} whose key is among the build side's, or all of them past
   * {@code maxKeys}: a probe side the JVM reads (a file) drops other rows as they stream by. Keys
   * compare by value: as {@code long}s, or as decimals where either side is a decimal. Called by
   * generated code.
   */
  public Enumerable<Object> filter(Enumerable<Object> input, Function1<Object, Object> probeKey, boolean decimal) {
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object> enumerator() {
        if (keys == null) {
          if (build == null) {
            return input.enumerator();
          }
          read();
        }
        if (overflowed) {
          return input.enumerator();
        }
        Set<Object> wanted = new HashSet<>();
        for (Object value : keys) {
          wanted.add(byValue(value, decimal));
        }
        return input.where(row -> {
          Object value = probeKey.apply(row);
          return value != null && wanted.contains(byValue(value, decimal));
        }).enumerator();
      }
    };
  }

  private static Object byValue(Object value, boolean decimal) {
    Number number = (Number) value;
    if (!decimal) {
      return number.longValue();
    }
    BigDecimal exact = number instanceof BigDecimal d ? d : BigDecimal.valueOf(number.longValue());
    return exact.signum() == 0 ? BigDecimal.ZERO : exact.stripTrailingZeros();
  }

  private List<Object> read() {
    overflowed = false;
    RunningQuery query = RunningQuery.current();
    List<Object> read = new ArrayList<>();
    Set<Object> distinct = new LinkedHashSet<>();
    try (Enumerator<Object> enumerator = build.enumerator()) {
      while (enumerator.moveNext()) {
        Object row = enumerator.current();
        if (query != null) {
          query.hold(1);
        }
        read.add(row);
        Object value = key.apply(row);
        if (value != null && !overflowed && distinct.add(value) && distinct.size() > maxKeys) {
          overflowed = true;
          distinct.clear();
        }
      }
    }
    rows = read;
    keys = distinct;
    return read;
  }

  /** The rows of one keyed statement after another, each binding the next batch of keys. */
  private final class Batches implements Enumerator<Object> {
    private final List<Object> pending;
    private final Function1<DataContext, Enumerable<Object>>[] keyed;
    private final int[] sizes;
    private final DataContext root;
    private int next;
    private Enumerator<Object> current = Linq4j.emptyEnumerator();

    Batches(List<Object> pending, Function1<DataContext, Enumerable<Object>>[] keyed, int[] sizes, DataContext root) {
      this.pending = pending;
      this.keyed = keyed;
      this.sizes = sizes;
      this.root = root;
    }

    @Override
    public Object current() {
      return current.current();
    }

    @Override
    public boolean moveNext() {
      while (!current.moveNext()) {
        current.close();
        if (next >= pending.size()) {
          return false;
        }
        int variant = 0;
        while (variant < sizes.length - 1 && sizes[variant] < pending.size() - next) {
          variant++;
        }
        Object[] batch = new Object[sizes[variant]];
        for (int i = 0; i < batch.length; i++) {
          // The last batch repeats its last key to fill the statement's parameters.
          batch[i] = pending.get(Math.min(next + i, pending.size() - 1));
        }
        next = Math.min(next + batch.length, pending.size());
        current = keyed[variant].apply(new KeyContext(root, firstParameter, batch)).enumerator();
      }
      return true;
    }

    @Override
    public void reset() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
      current.close();
      next = pending.size();
    }
  }

  /** The query's context, with the batch's keys as the parameters from {@code first} on. */
  private record KeyContext(DataContext root, int first, Object[] batch) implements DataContext {

    @Override
    public SchemaPlus getRootSchema() {
      return root.getRootSchema();
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
      return root.getTypeFactory();
    }

    @Override
    public QueryProvider getQueryProvider() {
      return root.getQueryProvider();
    }

    @Override
    public Object get(String name) {
      if (name.startsWith("?")) {
        int index = Integer.parseInt(name, 1, name.length(), 10);
        if (index >= first) {
          return batch[index - first];
        }
      }
      return root.get(name);
    }
  }
}
