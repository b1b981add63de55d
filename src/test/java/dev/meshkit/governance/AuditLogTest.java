package dev.meshkit.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.meshkit.AuditEvent;
import dev.meshkit.AuditSink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The fan-out: every sink gets each event, and a faulty sink never reaches the query. */
class AuditLogTest {

  /** Remembers what it receives and whether it was closed. */
  private static final class Recording implements AuditSink {
    final List<AuditEvent> events = new CopyOnWriteArrayList<>();
    int closes;

    @Override
    public void record(AuditEvent event) {
      events.add(event);
    }

    @Override
    public void close() {
      closes++;
    }
  }

  private static final class Throwing implements AuditSink {
    @Override
    public void record(AuditEvent event) {
      throw new IllegalStateException("sink is broken");
    }

    @Override
    public void close() {
      throw new IllegalStateException("sink cannot close");
    }
  }

  @Test
  void everySinkAndTheMemoryGetEachEvent() {
    Recording first = new Recording();
    Recording second = new Recording();
    AuditLog log = new AuditLog(new MemoryAuditSink(10), List.of(first, second));

    log.record(AuditEvents.allowed(1));
    log.record(AuditEvents.denied());

    List<AuditEvent> expected = List.of(AuditEvents.allowed(1), AuditEvents.denied());
    assertEquals(expected, first.events);
    assertEquals(expected, second.events);
    assertEquals(expected, log.memory().snapshot());
    assertEquals(0, log.sinkFailures());
  }

  @Test
  void aThrowingSinkIsIsolated() {
    Recording after = new Recording();
    AuditLog log = new AuditLog(List.of(new Throwing(), after));

    for (int i = 0; i < 100; i++) {
      log.record(AuditEvents.allowed(i));
    }

    assertEquals(100, after.events.size());
    assertEquals(100, log.memory().snapshot().size());
    assertEquals(100, log.sinkFailures());
  }

  @Test
  void closeClosesEverySinkOnceEvenIfOneThrows() {
    Recording first = new Recording();
    Recording last = new Recording();
    AuditLog log = new AuditLog(List.of(first, new Throwing(), last));

    log.close();
    log.close();

    assertEquals(1, first.closes);
    assertEquals(1, last.closes);
    assertEquals(1, log.sinkFailures());
  }

  @Test
  void afterCloseEventsReachOnlyTheMemory() {
    Recording sink = new Recording();
    AuditLog log = new AuditLog(List.of(sink));
    log.close();

    log.record(AuditEvents.allowed(1));

    assertEquals(List.of(), sink.events);
    assertEquals(List.of(AuditEvents.allowed(1)), log.memory().snapshot());
  }

  @Test
  void aLambdaIsASink() {
    List<AuditEvent> seen = new ArrayList<>();
    AuditLog log = new AuditLog(List.of((AuditSink) seen::add));

    log.record(AuditEvents.denied());

    assertEquals(List.of(AuditEvents.denied()), seen);
  }

  @Test
  void nullsAreRefused() {
    assertEquals("sinks contains null", assertThrows(NullPointerException.class,
        () -> new AuditLog(Arrays.asList((AuditSink) null))).getMessage());
    assertEquals("event is null", assertThrows(NullPointerException.class,
        () -> new AuditLog(List.of()).record(null)).getMessage());
  }
}
