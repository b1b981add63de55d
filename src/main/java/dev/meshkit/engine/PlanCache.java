package dev.meshkit.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.lang.reflect.Type;
import java.util.List;
import org.apache.calcite.jdbc.CalcitePrepare.CalciteSignature;

/**
 * Prepared plans, shared by every connection of a mesh. A statement planned once (from a
 * {@code PreparedStatement} or the same text on another connection) is not parsed, planned or
 * compiled again while its entry lives.
 */
public final class PlanCache {

  /**
   * What makes two prepared statements interchangeable: the text, the default schema, the row
   * limit, the Java row type requested, and the policies that shape what the principal sees.
   */
  record Key(String sql, List<String> schemaPath, long maxRowCount, Type elementType, String policyFingerprint) {
  }

  /** A plan and what the policy layer decided while making it, which every execution audits. */
  record Plan(CalciteSignature<?> signature, List<PlanningScope.ProductRead> reads) {
  }

  private final Cache<Key, Plan> plans;

  PlanCache(long maximumSize) {
    this.plans = Caffeine.newBuilder().maximumSize(maximumSize).recordStats().build();
  }

  Plan get(Key key) {
    return plans.getIfPresent(key);
  }

  void put(Key key, Plan plan) {
    plans.put(key, plan);
  }

  void invalidate(Key key) {
    plans.invalidate(key);
  }

  public long hits() {
    return plans.stats().hitCount();
  }

  public long misses() {
    return plans.stats().missCount();
  }

  void clear() {
    plans.invalidateAll();
  }
}
