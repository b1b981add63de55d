package dev.meshkit.source;

/**
 * A source statement that the engine runs on a worker thread, beside the other statements of its
 * query. A database source gives it a connection of its own, never the one the query's other
 * statements share, and only one it can spare without waiting on the query itself: where it has
 * none, it throws {@link NoConnection} and the engine runs the statement with the others, as before.
 * The engine registers the statement as a work of its {@link RunningQuery}, which cancels and
 * releases it, and marks the worker thread with {@link #enter}; the statement owns the connection
 * it {@link #claim}ed.
 */
public abstract class ParallelStatement implements RunningQuery.Work {

  private static final ThreadLocal<ParallelStatement> CURRENT = new ThreadLocal<>();

  /** Thrown by a source that has no connection to spare for a parallel statement. */
  public static final class NoConnection extends RuntimeException {
    public NoConnection() {
      super("no connection to spare for a parallel statement", null, false, false);
    }
  }

  private volatile RunningQuery.Work connection;

  /** The parallel statement this thread runs, or null on a query's own thread. */
  public static ParallelStatement current() {
    return CURRENT.get();
  }

  /** Marks this thread as running {@code statement}; returns the previous mark, for {@link #exit}. */
  public static ParallelStatement enter(ParallelStatement statement) {
    ParallelStatement previous = CURRENT.get();
    CURRENT.set(statement);
    return previous;
  }

  /** Restores the mark {@link #enter} returned. */
  public static void exit(ParallelStatement previous) {
    CURRENT.set(previous);
  }

  /**
   * Called by a source holding a connection for this statement alone: whether the statement still
   * runs on this thread (the engine may have run it with the others meanwhile). If so, the statement
   * owns the connection from now on; if not, the source gives it back and throws {@link NoConnection}.
   */
  public final boolean claim(RunningQuery.Work connection) {
    if (!claimed()) {
      return false;
    }
    this.connection = connection;
    return true;
  }

  /** The connection the statement claimed, or null; a source counts what its query holds with it. */
  public final RunningQuery.Work connection() {
    return connection;
  }

  /** Whether the statement is to run on this thread, decided once, as the source hands it a connection. */
  protected abstract boolean claimed();
}
