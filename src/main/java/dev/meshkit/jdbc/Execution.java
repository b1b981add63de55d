package dev.meshkit.jdbc;

import dev.meshkit.AuditEvent;
import dev.meshkit.Principal;
import dev.meshkit.engine.AccessDeniedException;
import dev.meshkit.engine.PlanningScope;
import dev.meshkit.engine.ReadOnlyException;
import dev.meshkit.governance.AuditLog;
import dev.meshkit.source.QueryStoppedException;
import dev.meshkit.source.RunningQuery;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One execution of a statement, from its start until its result ends or it fails. It runs as one
 * {@link RunningQuery}, which {@link #cancel} and the query timeout stop, and which ends with the
 * execution, returning to their pools whatever the sources still hold. It is reported to the audit
 * once: when it fails or is refused, or when its result ends, however it ends (all rows read, the
 * result set, statement, connection or mesh closed, the statement run again, or the cleaner finding
 * it abandoned), with the rows read until then. Executions of the mesh's own unaudited connection
 * (no audit log) report nothing.
 */
final class Execution {

  /** Fires query timeouts; one daemon thread is plenty, as a timeout only flags the query and cancels its sources. */
  private static final ScheduledThreadPoolExecutor TIMEOUTS = timeouts();

  private final Principal principal;
  private final AuditLog audit;
  private final String sql;
  private volatile Reads reads;
  private final Instant start;
  private final RunningQuery query;
  private final ScheduledFuture<?> timeout;
  private final AtomicBoolean reported = new AtomicBoolean();
  /** Rows handed to the consumer, counted by the result set on the row path. */
  long rows;

  /**
   * @param reads what the statement reads, or null until it is known (a plain statement plans as it executes)
   * @param timeoutSeconds the statement's query timeout, 0 for none
   * @param maxQueryRows the mesh's limit on rows held in memory, 0 for none
   */
  Execution(Principal principal, AuditLog audit, String sql, Reads reads, int timeoutSeconds, long maxQueryRows) {
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

  /** An execution that never runs: a statement that failed to prepare, or one the JDBC surface refused. */
  static Execution notRun(Principal principal, AuditLog audit, String sql, List<PlanningScope.ProductRead> reads) {
    return new Execution(principal, audit, sql, Reads.of(reads), 0, 0);
  }

  /**
   * What a statement reads, with the parts of its audit events that follow from it, made once per
   * plan: a prepared statement's executions all share its own.
   */
  static final class Reads {
    final List<PlanningScope.ProductRead> reads;
    final List<AuditEvent.ProductAccess> products;
    final List<String> warnings;
    /** The policy that granted the first product, which decides an allowed execution. */
    final String grantedBy;

    private Reads(List<PlanningScope.ProductRead> reads) {
      this.reads = reads;
      List<AuditEvent.ProductAccess> products = new ArrayList<>();
      List<String> warnings = new ArrayList<>();
      String granted = null;
      for (PlanningScope.ProductRead read : reads) {
        products.add(new AuditEvent.ProductAccess(read.product(), read.columns(), read.rowFilters(), read.masks()));
        if (read.warning() != null) {
          warnings.add(read.warning());
        }
        granted = granted == null ? read.grantedBy() : granted;
      }
      this.products = List.copyOf(products);
      this.warnings = List.copyOf(warnings);
      this.grantedBy = granted;
    }

    /** Null until known: a plain statement plans as it executes. */
    static Reads of(List<PlanningScope.ProductRead> reads) {
      return reads == null ? null : new Reads(reads);
    }
  }

  RunningQuery query() {
    return query;
  }

  /** Sets what the statement reads, once it planned; the same list as before keeps its audit parts. */
  void reads(List<PlanningScope.ProductRead> reads) {
    Reads known = this.reads;
    if (known == null || known.reads != reads) {
      this.reads = Reads.of(reads);
    }
  }

  /** What the statement reads, which names the products in its errors. */
  List<PlanningScope.ProductRead> reads() {
    Reads known = reads;
    return known == null ? List.of() : known.reads;
  }

  /** Stops the execution, its sources' statements included; its caller gets the error at its next row. */
  void cancel() {
    query.stop(new QueryStoppedException("the statement was cancelled (Statement.cancel)", "57014"));
  }

  /**
   * The error to report for what the engine threw: why the query was stopped, if it was (a source
   * statement that was cancelled throws whatever its driver says), else the engine's error translated.
   */
  SQLException explain(Throwable error) {
    QueryStoppedException stopped = query.stopped();
    return Errors.translate(stopped != null ? stopped : error, reads());
  }

  /**
   * Reports a failure, with the rows read before it: DENIED when a policy or the read-only rule
   * refused it, FAILED otherwise. The query goes on (a failed getter leaves the row readable);
   * whoever ends it calls {@link #end}.
   */
  void fail(Throwable error) {
    if (claim()) {
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
  }

  /** Reports what the JDBC surface itself refused, before the engine saw it, as DENIED. */
  void refuse(SQLException refusal) {
    if (claim()) {
      audit.record(event(AuditEvent.Decision.DENIED).error(refusal.getMessage()).build());
    }
    end();
  }

  /** Reports the execution ALLOWED with the rows read so far, unless it was reported already, and ends it. */
  void finish() {
    if (claim()) {
      audit.record(event(AuditEvent.Decision.ALLOWED).rowsReturned(rows).build());
    }
    end();
  }

  private AuditEvent.Builder event(AuditEvent.Decision decision) {
    AuditEvent.Builder event = AuditEvent.builder().time(start).principal(principal)
        .sql(sql == null ? "" : sql).decision(decision)
        .duration(Duration.between(start, Instant.now()));
    Reads known = reads;
    if (known != null) {
      event.products(known.products);
      known.warnings.forEach(event::warning);
      if (decision == AuditEvent.Decision.ALLOWED && known.grantedBy != null) {
        event.decidingPolicy(known.grantedBy);
      }
    }
    return event;
  }

  /** True for the one caller that reports this execution; never for an unaudited connection. */
  private boolean claim() {
    return audit != null && reported.compareAndSet(false, true);
  }

  /** Ends the query: no more timeout, and whatever the sources still hold goes back to them. */
  void end() {
    if (timeout != null) {
      timeout.cancel(false);
    }
    query.end();
  }

  private static <E extends Throwable> E find(Throwable error, Class<E> type) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
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
