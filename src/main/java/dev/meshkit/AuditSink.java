package dev.meshkit;

/**
 * Receives one {@link AuditEvent} per statement. The mesh always keeps recent events in memory
 * and logs each to the SLF4J logger {@code meshkit.audit}; a sink sends them elsewhere too.
 *
 * <p>{@link #record} is called on the querying thread after the statement ends, so it must be
 * quick: hand the event to a queue rather than doing I/O. It should not throw; if it does, the
 * mesh logs the failure (rate-limited) and the query is unaffected. It may be called from many
 * threads at once.
 */
@FunctionalInterface
public interface AuditSink extends AutoCloseable {

  void record(AuditEvent event);

  /** Called once when the mesh closes: flush what is buffered and release resources. */
  @Override
  default void close() {
  }
}
