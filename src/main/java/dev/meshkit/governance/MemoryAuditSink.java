package dev.meshkit.governance;

import dev.meshkit.AuditEvent;
import dev.meshkit.AuditSink;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The most recent audit events, in a fixed-size ring: when it is full, each new event pushes out
 * the oldest. Lock-free, so that concurrent queries never wait on each other to record.
 */
public final class MemoryAuditSink implements AuditSink {

  public static final int DEFAULT_CAPACITY = 10_000;

  /** An event with its sequence number, so that a reader can tell a stale slot from a fresh one. */
  private record Slot(long sequence, AuditEvent event) {
  }

  private final AtomicReferenceArray<Slot> slots;
  private final AtomicLong next = new AtomicLong();

  public MemoryAuditSink() {
    this(DEFAULT_CAPACITY);
  }

  /**
   * @throws IllegalArgumentException if the capacity is not positive
   */
  public MemoryAuditSink(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException(
          "audit buffer capacity must be positive: " + capacity + " (use at least 1)");
    }
    this.slots = new AtomicReferenceArray<>(capacity);
  }

  @Override
  public void record(AuditEvent event) {
    long sequence = next.getAndIncrement();
    Slot mine = new Slot(sequence, event);
    int index = (int) (sequence % slots.length());
    // A writer that stalled for a whole lap must not overwrite the newer event that lapped it.
    Slot current;
    do {
      current = slots.get(index);
      if (current != null && current.sequence > sequence) {
        return;
      }
    } while (!slots.compareAndSet(index, current, mine));
  }

  /** The events held, oldest first; events still being written by another thread may be missing. */
  public List<AuditEvent> snapshot() {
    long end = next.get();
    long start = Math.max(0, end - slots.length());
    List<AuditEvent> events = new ArrayList<>((int) (end - start));
    for (long sequence = start; sequence < end; sequence++) {
      Slot slot = slots.get((int) (sequence % slots.length()));
      if (slot != null && slot.sequence == sequence) {
        events.add(slot.event);
      }
    }
    return events;
  }

  public int capacity() {
    return slots.length();
  }

  /** How many events have been pushed out by newer ones since this buffer was created. */
  public long dropped() {
    return Math.max(0, next.get() - slots.length());
  }
}
