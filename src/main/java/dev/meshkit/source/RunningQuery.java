package dev.meshkit.source;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * One execution of a query while it runs, as the engine and the sources it reads see it. The
 * engine sets it on the thread of each call that runs the query ({@link #enter}); sources read it
 * with {@link #current()}. They {@link #check()} it as they produce rows, so a stopped query stops
 * within a row, and register what they start ({@link #started}): a database statement that
 * {@link #stop} cancels at once, a connection or file that {@link #end} releases however the query
 * ended. The engine counts the rows its operators hold against the query's row limit
 * ({@link #hold}).
 */
public final class RunningQuery {

  private static final ThreadLocal<RunningQuery> CURRENT = new ThreadLocal<>();

  /** Something a source started for a query. */
  public interface Work {

    /** Asks the work to stop now, typically from another thread; must not block for long. */
    void cancel();

    /** Releases what the work still holds; called on the query's thread when the query ends. */
    void release();

    /** Whether the work has ended by itself, so that the query can forget it. */
    boolean ended();
  }

  private final long rowLimit;
  private final String limitName;
  private final Set<Work> works = ConcurrentHashMap.newKeySet();
  /** Live works after the last sweep of ended ones; the next sweep comes at twice as many. */
  private int sweepAt = 16;
  private long rowsHeld;
  private volatile QueryStoppedException stopped;
  private final AtomicBoolean stoppedFlag = new AtomicBoolean();

  /**
   * @param rowLimit rows the engine may hold for this query at once, 0 for no limit
   * @param limitName the setting that sets the limit, named in the error
   */
  public RunningQuery(long rowLimit, String limitName) {
    if (rowLimit < 0) {
      throw new IllegalArgumentException("rowLimit is negative: " + rowLimit);
    }
    this.rowLimit = rowLimit;
    this.limitName = limitName;
  }

  /** The query running on this thread, or null outside any (the mesh's own quality checks, metadata). */
  public static RunningQuery current() {
    return CURRENT.get();
  }

  /** Makes {@code query} this thread's current query; returns the previous one, for {@link #exit}. */
  public static RunningQuery enter(RunningQuery query) {
    RunningQuery previous = CURRENT.get();
    CURRENT.set(query);
    return previous;
  }

  /** Restores the query {@link #enter} returned. */
  public static void exit(RunningQuery previous) {
    // set(null), not remove(): the row path enters and exits once per row, and remove() would make
    // the next enter allocate the thread's map entry again.
    CURRENT.set(previous);
  }

  /**
   * Throws if the query was stopped.
   *
   * @throws QueryStoppedException saying why
   */
  public void check() {
    QueryStoppedException reason = stopped;
    if (reason != null) {
      // A fresh exception per throw: callers add suppressed exceptions to what they catch.
      throw new QueryStoppedException(reason.getMessage(), reason.getSQLState());
    }
  }

  /**
   * Counts rows that an operator of the query now holds in memory; past the limit the query stops.
   * Only the query's thread calls it.
   *
   * @throws QueryStoppedException if the query was stopped or is now over its limit
   */
  public void hold(long rows) {
    check();
    rowsHeld += rows;
    if (rowLimit > 0 && rowsHeld > rowLimit) {
      stop(new QueryStoppedException("the query holds more than " + rowLimit + " rows in memory for its joins,"
          + " sorts and aggregates, the limit set by " + limitName + "; filter or aggregate in the sources"
          + " first, or raise the limit", "53200"));
      check();
    }
  }

  /** Rows counted by {@link #hold} so far. */
  public long rowsHeld() {
    return rowsHeld;
  }

  /**
   * Stops the query for {@code reason}, unless it was stopped already: the next check throws it, and
   * every registered work is cancelled now. Safe from any thread.
   */
  public void stop(QueryStoppedException reason) {
    synchronized (works) {
      if (stopped != null) {
        return;
      }
      stopped = reason;
    }
    stoppedFlag.set(true);
    for (Work work : works) {
      work.cancel();
    }
  }

  /** Set once the query is stopped, for code that polls a flag of its own, such as Calcite's planner. */
  public AtomicBoolean stoppedFlag() {
    return stoppedFlag;
  }

  /** Why the query was stopped, or null while it was not. */
  public QueryStoppedException stopped() {
    return stopped;
  }

  /** Registers work a source started for this query; cancels it at once if the query was stopped. */
  public void started(Work work) {
    boolean cancel;
    synchronized (works) {
      works.add(work);
      cancel = stopped != null;
      if (works.size() >= sweepAt) {
        works.removeIf(Work::ended);
        sweepAt = Math.max(16, works.size() * 2);
      }
    }
    if (cancel) {
      work.cancel();
    }
  }

  /** Registered works that match and have not ended, as a source counts its own. */
  public int running(Predicate<Work> which) {
    int n = 0;
    for (Work work : works) {
      if (!work.ended() && which.test(work)) {
        n++;
      }
    }
    return n;
  }

  /** A registered work that matches and has not ended, or null: a source finding what the query holds of it. */
  public Work find(Predicate<Work> which) {
    for (Work work : works) {
      if (!work.ended() && which.test(work)) {
        return work;
      }
    }
    return null;
  }

  /** Ends the query: releases whatever registered work has not ended by itself. */
  public void end() {
    for (Work work : works) {
      if (!work.ended()) {
        work.release();
      }
    }
    works.clear();
  }
}
