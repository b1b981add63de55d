package dev.meshkit.governance;

import dev.meshkit.AuditEvent;
import dev.meshkit.store.MetadataStore;
import dev.meshkit.store.UsageRow;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Usage totals per product, fed by every audit event and kept in the metadata store, so they
 * outlive the memory ring and the mesh itself. Only {@code ALLOWED} statements count. A statement
 * that reads several products counts once for each, and each is credited with all of its rows: a
 * join's rows are served from every input.
 */
public final class UsageStats {

  /** How many consumers {@link Usage#topConsumers()} names. */
  public static final int TOP_CONSUMERS = 5;

  /**
   * One product's totals.
   *
   * @param topConsumers principals by queries, most first (ties by name), at most {@value #TOP_CONSUMERS}
   */
  public record Usage(long queries, long distinctPrincipals, long rowsServed, Instant lastUsed,
      List<String> topConsumers) {

    public static final Usage NONE = new Usage(0, 0, 0, null, List.of());
  }

  /** One product's reads on one UTC day. */
  public record Day(String product, LocalDate day, long queries, long rowsServed, long distinctPrincipals) {}

  private final MetadataStore store;

  /** Totals kept in memory only. */
  public UsageStats() {
    this(MetadataStore.inMemory());
  }

  public UsageStats(MetadataStore store) {
    this.store = store;
  }

  /** Counts the event if it was allowed; products are keyed by their qualified name. */
  public void record(AuditEvent event) {
    store.recordUsage(event);
  }

  /** The totals of a product ({@code domain.product}), {@link Usage#NONE} if it was never read. */
  public Usage of(String product) {
    return all().getOrDefault(product, Usage.NONE);
  }

  /** The totals of every product ever read, by qualified name. */
  public Map<String, Usage> all() {
    Map<String, Map<String, long[]>> byProduct = new HashMap<>();
    Map<String, Instant> lastUsed = new HashMap<>();
    for (UsageRow row : store.usage()) {
      long[] counts = byProduct.computeIfAbsent(row.product(), p -> new HashMap<>())
          .computeIfAbsent(row.principal(), p -> new long[2]);
      counts[0] += row.queries();
      counts[1] += row.rowsServed();
      lastUsed.merge(row.product(), row.lastUsed(), (a, b) -> a.isAfter(b) ? a : b);
    }
    Map<String, Usage> totals = new HashMap<>();
    byProduct.forEach((product, principals) -> {
      long queries = 0;
      long rows = 0;
      for (long[] counts : principals.values()) {
        queries += counts[0];
        rows += counts[1];
      }
      List<String> top = principals.entrySet().stream()
          .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
              .thenComparing(Map.Entry::getKey))
          .limit(TOP_CONSUMERS).map(Map.Entry::getKey).toList();
      totals.put(product, new Usage(queries, principals.size(), rows, lastUsed.get(product), top));
    });
    return totals;
  }

  /** Every product's reads per UTC day, by product then day. */
  public List<Day> history() {
    Map<String, TreeMap<LocalDate, long[]>> days = new TreeMap<>();
    Map<String, Map<LocalDate, Set<String>>> principals = new HashMap<>();
    for (UsageRow row : store.usage()) {
      long[] counts = days.computeIfAbsent(row.product(), p -> new TreeMap<>())
          .computeIfAbsent(row.day(), d -> new long[2]);
      counts[0] += row.queries();
      counts[1] += row.rowsServed();
      principals.computeIfAbsent(row.product(), p -> new HashMap<>())
          .computeIfAbsent(row.day(), d -> new HashSet<>()).add(row.principal());
    }
    List<Day> history = new ArrayList<>();
    days.forEach((product, byDay) -> byDay.forEach((day, counts) -> history.add(
        new Day(product, day, counts[0], counts[1], principals.get(product).get(day).size()))));
    return history;
  }
}
