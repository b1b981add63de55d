package dev.meshkit.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;

/**
 * Prepared plans, shared by every connection of a mesh and by its successive versions. A statement
 * planned once (from a {@code PreparedStatement} or the same text on another connection) is not
 * parsed, planned or compiled again while its entry lives. Each plan remembers the version of the
 * mesh it was planned on and the products it expands; it serves a statement of another version only
 * if none of those products changed between the two, so a change replans just what it touched.
 */
public final class PlanCache {

  /**
   * What makes two prepared statements interchangeable: the text, the default schema, the row
   * limit, the Java row type requested, and the policies that shape what the principal sees.
   */
  record Key(String sql, List<String> schemaPath, long maxRowCount, Type elementType, String policyFingerprint) {
  }

  /**
   * A plan and what the policy layer decided while making it, which every execution audits, with
   * the products (lower-case qualified names) whose expansion it holds and the version it was made on.
   */
  record Plan(CalciteSignature<?> signature, List<PlanningScope.ProductRead> reads, Set<String> dependencies,
      long version) {
  }

  /** The dependency of plans that read {@code catalog.*} or {@code sys.*}: every new version changes them. */
  static final String MESH_TABLES = "$mesh";

  /** The dependency of every plan: a change of the mesh's settings, key or standards. */
  private static final String EVERYTHING = "*";

  private final Cache<Key, Plan> plans;
  /** For each product, the versions at which it changed. */
  private final Map<String, List<Long>> changes = new ConcurrentHashMap<>();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  PlanCache(long maximumSize) {
    this.plans = Caffeine.newBuilder().maximumSize(maximumSize).build();
  }

  /** The plan for a statement of mesh version {@code version}, if one is cached and still fits it. */
  Plan get(Key key, long version) {
    Plan plan = plans.getIfPresent(key);
    if (plan != null && !fits(plan, version)) {
      plan = null;
    }
    (plan == null ? misses : hits).increment();
    return plan;
  }

  private boolean fits(Plan plan, long version) {
    long from = Math.min(plan.version(), version);
    long to = Math.max(plan.version(), version);
    if (from == to) {
      return true;
    }
    if (changedBetween(EVERYTHING, from, to)) {
      return false;
    }
    for (String dependency : plan.dependencies()) {
      if (changedBetween(dependency, from, to)) {
        return false;
      }
    }
    return true;
  }

  private boolean changedBetween(String dependency, long from, long to) {
    List<Long> versions = changes.get(dependency);
    if (versions == null) {
      return false;
    }
    for (long v : versions) {
      if (v > from && v <= to) {
        return true;
      }
    }
    return false;
  }

  void put(Key key, Plan plan) {
    plans.put(key, plan);
  }

  void invalidate(Key key) {
    plans.invalidate(key);
  }

  public long hits() {
    return hits.sum();
  }

  public long misses() {
    return misses.sum();
  }

  /** Drops every plan. */
  public void clear() {
    plans.invalidateAll();
  }

  /**
   * Notes that mesh version {@code version} changes {@code products} (qualified names), and the
   * mesh's own tables; with {@code everything}, every product. Plans of earlier versions that expand
   * one of them are dropped; the others serve the new version too.
   *
   * @return how many plans were dropped
   */
  public int changed(long version, Set<String> products, boolean everything) {
    Set<String> changed = new HashSet<>();
    products.forEach(p -> changed.add(p.toLowerCase(Locale.ROOT)));
    changed.add(MESH_TABLES);
    if (everything) {
      changed.add(EVERYTHING);
    }
    changed.forEach(name -> changes.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(version));
    int[] dropped = {0};
    plans.asMap().entrySet().removeIf(entry -> {
      Plan plan = entry.getValue();
      boolean stale = plan.version() < version
          && (everything || plan.dependencies().stream().anyMatch(changed::contains));
      dropped[0] += stale ? 1 : 0;
      return stale;
    });
    return dropped[0];
  }
}
