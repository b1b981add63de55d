package dev.meshkit.jdbc;

import dev.meshkit.AuditEvent;
import dev.meshkit.Principal;
import dev.meshkit.engine.AccessDeniedException;
import dev.meshkit.engine.PlanningScope;
import dev.meshkit.governance.AuditLog;
import dev.meshkit.source.QueryStoppedException;
import dev.meshkit.source.RunningQuery;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One execution of a statement, from its start until its rows are all read or closed, or it fails.
 * It runs as one {@link RunningQuery}, which {@link #cancel} and the query timeout stop, and which
 * {@link #end} ends, returning to their pools whatever the sources still hold. It is reported to
 * the audit once: when its rows are all read or closed, or when it fails.
 */
final class Execution {

  /** Fires query timeouts; one daemon thread is plenty, as a timeout only flags the query and cancels its sources. */
  private static final ScheduledThreadPoolExecutor TIMEOUTS = timeouts();

  private final Principal principal;
  private final AuditLog audit;
  private final String sql;
  private volatile List<PlanningScope.ProductRead> reads;
  private final Instant start;
  private final RunningQuery query;
  private final ScheduledFuture<?> timeout;
  private final AtomicBoolean reported = new AtomicBoolean();

  /**
   * @param reads what the statement reads, or null until it is known (a plain statement plans as it executes)
   * @param timeoutSeconds the statement's query timeout, 0 for none
   * @param maxQueryRows the mesh's limit on rows held in memory, 0 for none
   */
  Execution(Principal principal, AuditLog audit, String sql, List<PlanningScope.ProductRead> reads,
      int timeoutSeconds, long maxQueryRows) {
    this.principal = principal;
    this.audit = audit;
    this.sql = sql;
    this.reads = reads;
    this.start = Instant.now();
    this.query = new RunningQuery(maxQueryRows, "the mesh's maxQueryRows setting");
    this.timeout = timeoutSeconds <= 0 ? null : TIMEOUTS.schedule(() -> query.stop(new QueryStoppedException(
        "the statement ran past its query timeout of " + timeoutSeconds + " s (Statement.setQueryTimeout) and was"
            + " cancelled", "57014")), timeoutSeconds, TimeUnit.SECONDS);
  }

  /** A statement that failed to prepare: nothing ran, only the audit hears of it. */
  static void failedToPrepare(Principal principal, AuditLog audit, String sql, List<PlanningScope.ProductRead> reads,
      Throwable error) {
    Execution execution = new Execution(principal, audit, sql, reads, 0, 0);
    execution.fail(error);
    execution.end();
  }

  RunningQuery query() {
    return query;
  }

  void reads(List<PlanningScope.ProductRead> reads) {
    this.reads = reads;
  }

  List<PlanningScope.ProductRead> reads() {
    return reads == null ? List.of() : reads;
  }

  /** Stops the execution, its sources' statements included; its caller gets the error at its next row. */
  void cancel() {
    query.stop(new QueryStoppedException("the statement was cancelled (Statement.cancel)", "57014"));
  }

  /**
   * The error to report for what the engine threw: why the query was stopped, if it was (a source
   * statement that was cancelled throws whatever its driver says), else the engine's error translated.
   */
  Throwable explain(Throwable error) {
    QueryStoppedException stopped = query.stopped();
    return stopped != null ? new SQLException(stopped.getMessage(), stopped.getSQLState(), error)
        : GuardedConnection.translate(error);
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
    for (PlanningScope.ProductRead read : reads()) {
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
    if (reported.compareAndSet(false, true)) {
      audit.record(event.build());
    }
  }

  /** Ends the query: no more timeout, and whatever the sources still hold goes back to them. */
  void end() {
    if (timeout != null) {
      timeout.cancel(false);
    }
    query.end();
  }

  private static AccessDeniedException find(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof AccessDeniedException denied) {
        return denied;
      }
    }
    return null;
  }

  private static ScheduledThreadPoolExecutor timeouts() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, "meshkit-query-timeouts");
      thread.setDaemon(true);
      return thread;
    });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }
}
