package dev.meshkit.jdbc;

import dev.meshkit.AuditEvent;
import dev.meshkit.Principal;
import dev.meshkit.engine.AccessDeniedException;
import dev.meshkit.engine.PlanningScope;
import dev.meshkit.engine.ReadOnlyException;
import dev.meshkit.governance.AuditLog;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One execution of a statement, reported once: when it fails or is refused, or when its result
 * ends, however it ends (all rows read, the result set, statement, connection or mesh closed, the
 * statement run again, or the cleaner finding it abandoned), with the rows read until then.
 * Executions of the mesh's own unaudited connection (no audit log) report nothing.
 */
final class Execution {
  private final Principal principal;
  private final AuditLog audit;
  private final String sql;
  private final List<PlanningScope.ProductRead> reads;
  private final Instant start;
  private final AtomicBoolean reported = new AtomicBoolean();
  /** Rows handed to the consumer, counted by the result set on the row path. */
  long rows;

  Execution(Principal principal, AuditLog audit, String sql, List<PlanningScope.ProductRead> reads, Instant start) {
    this.principal = principal;
    this.audit = audit;
    this.sql = sql;
    this.reads = reads;
    this.start = start;
  }

  /** What the statement reads, which names the products in its errors. */
  List<PlanningScope.ProductRead> reads() {
    return reads;
  }

  /**
   * Reports a failure, with the rows read before it: DENIED when a policy or the read-only rule
   * refused it, FAILED otherwise.
   */
  void fail(Throwable error) {
    if (!claim()) {
      return;
    }
    AccessDeniedException denied = find(error, AccessDeniedException.class);
    boolean refused = denied != null || find(error, ReadOnlyException.class) != null;
    AuditEvent.Builder event = event(refused ? AuditEvent.Decision.DENIED : AuditEvent.Decision.FAILED)
        .error(error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage())
        .rowsReturned(rows);
    if (denied != null) {
      event.product(new AuditEvent.ProductAccess(denied.product, List.of(), List.of(), Map.of()));
      if (denied.policy != null) {
        event.decidingPolicy(denied.policy);
      }
    }
    audit.record(event.build());
  }

  /** Reports what the JDBC surface itself refused, before the engine saw it, as DENIED. */
  void refuse(SQLException refusal) {
    if (claim()) {
      audit.record(event(AuditEvent.Decision.DENIED).error(refusal.getMessage()).build());
    }
  }

  /** Reports the execution ALLOWED with the rows read so far; nothing if it was reported already. */
  void finish() {
    if (claim()) {
      audit.record(event(AuditEvent.Decision.ALLOWED).rowsReturned(rows).build());
    }
  }

  private AuditEvent.Builder event(AuditEvent.Decision decision) {
    AuditEvent.Builder event = AuditEvent.builder().time(start).principal(principal).roles(principal.roles())
        .sql(sql == null ? "" : sql).decision(decision)
        .duration(Duration.between(start, Instant.now()));
    String granted = null;
    for (PlanningScope.ProductRead read : reads) {
      event.product(new AuditEvent.ProductAccess(read.product(), read.columns(), read.rowFilters(), read.masks()));
      if (read.warning() != null) {
        event.warning(read.warning());
      }
      granted = granted == null ? read.grantedBy() : granted;
    }
    if (decision == AuditEvent.Decision.ALLOWED && granted != null) {
      event.decidingPolicy(granted);
    }
    return event;
  }

  /** True for the one caller that reports this execution; never for an unaudited connection. */
  private boolean claim() {
    return audit != null && reported.compareAndSet(false, true);
  }

  private static <E extends Throwable> E find(Throwable error, Class<E> type) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
