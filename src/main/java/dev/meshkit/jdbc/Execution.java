package dev.meshkit.jdbc;

import dev.meshkit.AuditEvent;
import dev.meshkit.Principal;
import dev.meshkit.engine.AccessDeniedException;
import dev.meshkit.engine.PlanningScope;
import dev.meshkit.governance.AuditLog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One execution of a statement, reported once: when its rows are all read or closed, or when it
 * fails. Executions of the mesh's own unaudited connection (no audit log) report nothing.
 */
final class Execution {
  private final Principal principal;
  private final AuditLog audit;
  private final String sql;
  private final List<PlanningScope.ProductRead> reads;
  private final Instant start;
  private final AtomicBoolean reported = new AtomicBoolean();

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

  void fail(Throwable error) {
    AccessDeniedException denied = find(error);
    AuditEvent.Builder event = event(denied != null ? AuditEvent.Decision.DENIED : AuditEvent.Decision.FAILED)
        .error(error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage());
    if (denied != null) {
      event.product(new AuditEvent.ProductAccess(denied.product, List.of(), List.of(), Map.of()));
      if (denied.policy != null) {
        event.decidingPolicy(denied.policy);
      }
    }
    report(event);
  }

  void finish(long rows) {
    report(event(AuditEvent.Decision.ALLOWED).rowsReturned(rows));
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

  private void report(AuditEvent.Builder event) {
    if (audit != null && reported.compareAndSet(false, true)) {
      audit.record(event.build());
    }
  }

  private static AccessDeniedException find(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof AccessDeniedException denied) {
        return denied;
      }
    }
    return null;
  }
}
