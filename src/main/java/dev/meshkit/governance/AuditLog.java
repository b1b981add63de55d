package dev.meshkit.governance;

import static java.util.Objects.requireNonNull;

import dev.meshkit.AuditEvent;
import dev.meshkit.AuditSink;
import dev.meshkit.store.MetadataStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the engine sends each statement's audit event: one line to the SLF4J logger
 * {@value #LOGGER_NAME} at INFO, the in-memory buffer, the usage totals and the metadata store's
 * audit table, then every user sink. A
 * sink that throws is logged (at most once a minute per sink) and skipped, so auditing never fails
 * a query.
 */
public final class AuditLog implements AutoCloseable {

  public static final String LOGGER_NAME = "meshkit.audit";

  private static final Logger AUDIT = LoggerFactory.getLogger(LOGGER_NAME);
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  private static final Duration WARNING_INTERVAL = Duration.ofMinutes(1);

  /** A user sink with the throttle for its failure warnings. */
  private record Guarded(AuditSink sink, LogThrottle warnings) {
  }

  private final MemoryAuditSink memory;
  private final MetadataStore store;
  private final UsageStats usage;
  private final List<Guarded> sinks;
  private final LongAdder sinkFailures = new LongAdder();
  private final AtomicBoolean closed = new AtomicBoolean();

  /** A log with a default-sized memory buffer and the given user sinks, keeping usage in memory. */
  public AuditLog(List<? extends AuditSink> sinks) {
    this(new MemoryAuditSink(), sinks, MetadataStore.inMemory());
  }

  public AuditLog(MemoryAuditSink memory, List<? extends AuditSink> sinks) {
    this(memory, sinks, MetadataStore.inMemory());
  }

  /** A log that keeps events and usage in the metadata store too; closing the log leaves the store open. */
  public AuditLog(MemoryAuditSink memory, List<? extends AuditSink> sinks, MetadataStore store) {
    this.store = requireNonNull(store, "store is null");
    this.usage = new UsageStats(store);
    this.memory = requireNonNull(memory, "memory is null");
    this.sinks = requireNonNull(sinks, "sinks is null").stream()
        .map(sink -> new Guarded(requireNonNull(sink, "sinks contains null"), new LogThrottle(WARNING_INTERVAL)))
        .toList();
  }

  /** The recent events, which back the {@code sys.audit} table. */
  public MemoryAuditSink memory() {
    return memory;
  }

  /** Running usage totals per product, which back {@code catalog.usage}. */
  public UsageStats usage() {
    return usage;
  }

  /**
   * Records one event everywhere. Never throws for a sink's failure; after {@link #close()} the
   * event still reaches the log and the memory buffer but no user sink.
   *
   * @throws NullPointerException if the event is null
   */
  public void record(AuditEvent event) {
    requireNonNull(event, "event is null");
    memory.record(event);
    usage.record(event);
    store.recordAudit(event);
    if (AUDIT.isInfoEnabled()) {
      // The line is built only when someone reads it; a logging backend's failure is not the query's.
      try {
        AUDIT.info(event.toLogLine());
      } catch (RuntimeException e) {
        sinkFailures.increment();
      }
    }
    if (closed.get()) {
      return;
    }
    for (Guarded guarded : sinks) {
      try {
        guarded.sink.record(event);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        failed(guarded, "record", e);
      }
    }
  }

  /**
   * Records a change of the mesh itself (see {@link MeshChanges}) everywhere but in the usage
   * totals: it names products without reading them.
   */
  public void recordChange(AuditEvent event) {
    requireNonNull(event, "event is null");
    memory.record(event);
    store.recordAudit(event);
    if (AUDIT.isInfoEnabled()) {
      try {
        AUDIT.info(event.toLogLine());
      } catch (RuntimeException e) {
        sinkFailures.increment();
      }
    }
    if (closed.get()) {
      return;
    }
    for (Guarded guarded : sinks) {
      try {
        guarded.sink.record(event);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        failed(guarded, "record", e);
      }
    }
  }

  /** How many times a sink (or the logging backend) has thrown since this log was created. */
  public long sinkFailures() {
    return sinkFailures.sum();
  }

  /** Closes every user sink once, each even if another's close throws. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (Guarded guarded : sinks) {
      try {
        guarded.sink.close();
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        failed(guarded, "close", e);
      }
    }
  }

  private void failed(Guarded guarded, String action, Throwable e) {
    sinkFailures.increment();
    long suppressed = guarded.warnings.tryLog();
    if (suppressed >= 0) {
      // The message only, no stack trace: this can happen on every query.
      LOG.warn("audit sink {} threw from {}(): {}{}", guarded.sink.getClass().getName(), action, e,
          suppressed == 0 ? "" : " (" + suppressed + " more failures since the last warning)");
    }
  }
}
