package dev.meshkit.source;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.sql.Types;

/**
 * The SQL types of the parameters of the statements the planner writes for sources, by statement
 * text. Calcite binds a DATE, TIME or TIMESTAMP parameter in its internal form (days, milliseconds)
 * through setInt and setLong, and a source statement must turn it back into a date. The driver's
 * parameter metadata cannot tell it: MariaDB's says VARCHAR for every parameter, and H2's does not
 * know the type of a parameter inside a CAST. The planner, which typed every parameter, can.
 */
public final class ParameterTypes {

  /** Each execution records its statement's types again, so an entry evicted in between is rare and harmless. */
  private static final Cache<String, int[]> BY_STATEMENT = Caffeine.newBuilder().maximumSize(10_000).build();

  private ParameterTypes() {
  }

  /** Records the {@link Types} of the parameters of {@code sql}, in the order of its markers. */
  public static void record(String sql, int[] types) {
    BY_STATEMENT.put(sql, types.clone());
  }

  /** The type of the parameter at {@code position} (from 1) of {@code sql}, or {@link Types#OTHER} if unknown. */
  public static int of(String sql, int position) {
    int[] types = BY_STATEMENT.getIfPresent(sql);
    return types != null && position >= 1 && position <= types.length ? types[position - 1] : Types.OTHER;
  }
}
