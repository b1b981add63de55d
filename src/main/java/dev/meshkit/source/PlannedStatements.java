package dev.meshkit.source;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Types;
import java.util.Arrays;

/**
 * What the planner knows of the statements it writes for sources, by statement text: the SQL types
 * of their parameters, and whether a statement returns at most one row.
 *
 * <p>Calcite binds a DATE, TIME or TIMESTAMP parameter in its internal form (days, milliseconds)
 * through setInt and setLong, and a source statement must turn it back into a date. The driver's
 * parameter metadata cannot tell it: MariaDB's says VARCHAR for every parameter, H2's does not know
 * the type of a parameter inside a CAST, and PostgreSQL's costs a round trip. The planner, which
 * typed every parameter, can. A statement that returns at most one row (a lookup by key, an
 * aggregate without GROUP BY) needs no streaming, so a source may run it outside a transaction.
 */
public final class PlannedStatements {

  /** A planned statement: its parameters' {@link Types} in marker order (OTHER where not temporal), and its size. */
  public record Facts(int[] parameterTypes, boolean singleRow) {

    /** The type of the parameter at {@code position} (from 1), {@link Types#OTHER} where it is not temporal. */
    public int parameterType(int position) {
      return position >= 1 && position <= parameterTypes.length ? parameterTypes[position - 1] : Types.OTHER;
    }
  }

  /** Each execution records its statement again, so an entry evicted in between is rare and harmless. */
  private static final Cache<String, Facts> BY_STATEMENT = Caffeine.newBuilder().maximumSize(10_000).build();

  private PlannedStatements() {
  }

  /**
   * Records what the planner knows of {@code sql}; generated code calls it before each execution.
   * An entry that holds the same already costs one lookup.
   */
  public static void record(String sql, int[] parameterTypes, boolean singleRow) {
    Facts known = BY_STATEMENT.getIfPresent(sql);
    if (known == null || known.singleRow != singleRow || !Arrays.equals(known.parameterTypes, parameterTypes)) {
      BY_STATEMENT.put(sql, new Facts(parameterTypes.clone(), singleRow));
    }
  }

  /** What the planner recorded of {@code sql}, or null for a statement it did not write (or one evicted). */
  public static Facts of(String sql) {
    return BY_STATEMENT.getIfPresent(sql);
  }
}
