package dev.meshkit.governance;

import dev.meshkit.AuditEvent;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running usage totals per product, fed by every audit event, so usage outlives the memory ring.
 * Only {@code ALLOWED} statements count. A statement that reads several products counts once for
 * each, and each is credited with all of its rows: a join's rows are served from every input.
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

  private static final class Counter {
    final LongAdder queries = new LongAdder();
    final LongAdder rows = new LongAdder();
    final Map<String, LongAdder> principals = new ConcurrentHashMap<>();
    final AtomicReference<Instant> lastUsed = new AtomicReference<>();
  }

  private final Map<String, Counter> products = new ConcurrentHashMap<>();

  /** Counts the event if it was allowed; products are keyed by their qualified name. */
  public void record(AuditEvent event) {
    if (event.decision() != AuditEvent.Decision.ALLOWED) {
      return;
    }
    List<AuditEvent.ProductAccess> read = event.products();
    for (int i = 0; i < read.size(); i++) {
      String name = read.get(i).product();
      if (!readBefore(read, i, name)) {
        count(name, event);
      }
    }
  }

  /** Whether an earlier entry names the same product: a self-join reads it twice, and counts once. */
  private static boolean readBefore(List<AuditEvent.ProductAccess> read, int index, String name) {
    for (int i = 0; i < index; i++) {
      if (read.get(i).product().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private void count(String product, AuditEvent event) {
    Counter c = products.computeIfAbsent(product, n -> new Counter());
    c.queries.increment();
    c.rows.add(event.rowsReturned());
    c.principals.computeIfAbsent(event.principal(), p -> new LongAdder()).increment();
    Instant time = event.time();
    Instant last = c.lastUsed.get();
    while ((last == null || time.isAfter(last)) && !c.lastUsed.compareAndSet(last, time)) {
      last = c.lastUsed.get();
    }
  }

  /** The totals of a product ({@code domain.product}), {@link Usage#NONE} if it was never read. */
  public Usage of(String product) {
    Counter c = products.get(product);
    if (c == null) {
      return Usage.NONE;
    }
    List<String> top = c.principals.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue().sum()))
        .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()))
        .limit(TOP_CONSUMERS).map(Map.Entry::getKey).toList();
    return new Usage(c.queries.sum(), c.principals.size(), c.rows.sum(), c.lastUsed.get(), top);
  }
}
