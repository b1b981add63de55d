package dev.meshkit.governance;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets one warning through per interval and counts the rest, so a failure that repeats on every
 * query produces one line a minute instead of one per query.
 */
final class LogThrottle {

  private final long intervalNanos;
  private final AtomicLong nextNanos;
  private final AtomicLong suppressed = new AtomicLong();

  LogThrottle(Duration interval) {
    this.intervalNanos = interval.toNanos();
    this.nextNanos = new AtomicLong(System.nanoTime());
  }

  /**
   * Call once per occurrence.
   *
   * @return -1 if this occurrence should not be logged; otherwise how many were suppressed since
   *     the last one logged
   */
  long tryLog() {
    long now = System.nanoTime();
    long next = nextNanos.get();
    if (now - next >= 0 && nextNanos.compareAndSet(next, now + intervalNanos)) {
      return suppressed.getAndSet(0);
    }
    suppressed.incrementAndGet();
    return -1;
  }
}
