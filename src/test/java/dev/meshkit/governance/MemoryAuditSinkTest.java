package dev.meshkit.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.AuditEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The in-memory ring: bounds, order and the count of events pushed out. */
class MemoryAuditSinkTest {

  @Test
  void keepsEverythingUntilFull() {
    MemoryAuditSink sink = new MemoryAuditSink(5);
    for (int i = 0; i < 3; i++) {
      sink.record(AuditEvents.allowed(i));
    }

    assertEquals(List.of(0L, 1L, 2L), rows(sink.snapshot()));
    assertEquals(0, sink.dropped());
  }

  @Test
  void keepsTheNewestWhenFullOldestFirst() {
    MemoryAuditSink sink = new MemoryAuditSink(3);
    for (int i = 0; i < 8; i++) {
      sink.record(AuditEvents.allowed(i));
    }

    assertEquals(List.of(5L, 6L, 7L), rows(sink.snapshot()));
    assertEquals(5, sink.dropped());
    assertEquals(3, sink.capacity());
  }

  @Test
  void defaultCapacity() {
    assertEquals(10_000, new MemoryAuditSink().capacity());
  }

  @Test
  void capacityMustBePositive() {
    assertEquals("audit buffer capacity must be positive: 0 (use at least 1)",
        assertThrows(IllegalArgumentException.class, () -> new MemoryAuditSink(0)).getMessage());
  }

  @Test
  void concurrentWritersFillItExactlyAndKeepEachWritersOrder() throws Exception {
    int threads = 8;
    int perThread = 10_000;
    int capacity = 1_000;
    MemoryAuditSink sink = new MemoryAuditSink(capacity);
    // Each writer's events carry rows = thread * perThread + i, so order is checkable per writer.
    List<List<AuditEvent>> events = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      List<AuditEvent> mine = new ArrayList<>();
      for (int i = 0; i < perThread; i++) {
        mine.add(AuditEvents.allowed((long) t * perThread + i));
      }
      events.add(mine);
    }
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Void>> done = new ArrayList<>();
      for (List<AuditEvent> mine : events) {
        Callable<Void> writer = () -> {
          start.await();
          mine.forEach(sink::record);
          return null;
        };
        done.add(pool.submit(writer));
      }
      start.countDown();
      for (Future<Void> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }

    List<AuditEvent> snapshot = sink.snapshot();
    assertEquals(capacity, snapshot.size());
    assertEquals((long) threads * perThread - capacity, sink.dropped());
    Map<Long, Long> lastPerWriter = new HashMap<>();
    for (AuditEvent e : snapshot) {
      long writer = e.rowsReturned() / perThread;
      Long last = lastPerWriter.put(writer, e.rowsReturned());
      assertTrue(last == null || last < e.rowsReturned(), "writer " + writer + " out of order");
    }
  }

  private static List<Long> rows(List<AuditEvent> events) {
    return events.stream().map(AuditEvent::rowsReturned).toList();
  }
}
