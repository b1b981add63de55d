package dev.meshkit.store;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One principal's reads of one product on one UTC day: the grain usage is kept at, from which
 * totals, distinct principals, top consumers and usage over time all follow.
 *
 * @param product the qualified name, {@code domain.product}
 */
public record UsageRow(String product, String principal, LocalDate day, long queries, long rowsServed,
    Instant lastUsed) {

  /** This row with another's counts added; the later of the two last uses. */
  UsageRow plus(long moreQueries, long moreRows, Instant used) {
    return new UsageRow(product, principal, day, queries + moreQueries, rowsServed + moreRows,
        lastUsed == null || used.isAfter(lastUsed) ? used : lastUsed);
  }
}
