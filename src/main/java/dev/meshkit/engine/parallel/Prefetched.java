package dev.meshkit.engine.parallel;

import dev.meshkit.source.ParallelStatement;
import dev.meshkit.source.QueryStoppedException;
import dev.meshkit.source.RunningQuery;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

/**
 * One execution of a prefetched source statement: started on a worker thread as the plan is bound,
 * it reads rows in batches into a bounded queue, which the operator above takes in order. The
 * worker runs as the query ({@link RunningQuery#enter}), so cancels, timeouts and the query's end
 * reach it; its connection is its own ({@link ParallelStatement}). Where the source has none to
 * spare, or the operator asks for the rows before a worker took the statement, the statement runs
 * on the query's thread as any other.
 */
public final class Prefetched<T> extends ParallelStatement {

  /** Rows per batch handed over: one hand-over costs a lock, not one per row. */
  static final int BATCH = 256;
  /** Batches buffered at most: a fast statement holds this many rows beyond its consumer's, no more. */
  static final int BATCHES = 16;
  /** How often a waiting side looks at the query, so that a stop reaches it. */
  private static final long POLL_MILLIS = 50;
  /** How long the query's end waits for a worker to give its connection back. */
  private static final long END_WAIT_SECONDS = 30;

  private static final int PENDING = 0; // waiting for a worker
  private static final int ACQUIRING = 1; // a worker asks the source for a connection
  private static final int RUNNING = 2; // the worker reads rows into the queue
  private static final int INLINE = 3; // the query's thread runs the statement itself
  private static final int CLOSED = 4; // ended before it ran

  /** Marks the end of the rows in the queue. */
  private static final Object END = new Object();

  private record Batch(Object[] rows, int size) {
  }

  private record Failure(Throwable error) {
  }

  private final Enumerable<T> input;
  private final RunningQuery query;
  private final AtomicInteger state = new AtomicInteger(PENDING);
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(BATCHES);
  private final CountDownLatch finished = new CountDownLatch(1);
  /** Set when the consumer is done with the rows: the worker stops reading. */
  private volatile boolean closing;
  private boolean opened;

  private Prefetched(Enumerable<T> input, RunningQuery query) {
    this.input = input;
    this.query = query;
  }

  /** The statement's rows, started on a worker now if the query runs where workers can take it. Called by generated code. */
  public static <T> Enumerable<T> start(Enumerable<T> input, StatementWorkers workers) {
    RunningQuery query = RunningQuery.current();
    if (query == null || !workers.enabled()) {
      return input;
    }
    Prefetched<T> prefetched = new Prefetched<>(input, query);
    query.started(prefetched);
    workers.submit(prefetched::run); // if refused, the statement stays pending and runs on the query's thread
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<T> enumerator() {
        return prefetched.open();
      }
    };
  }

  @Override
  protected boolean claimed() {
    return state.compareAndSet(ACQUIRING, RUNNING);
  }

  /** The worker's part: asks for a connection of its own, then reads every row into the queue. */
  private void run() {
    if (!state.compareAndSet(PENDING, ACQUIRING)) {
      return; // the query's thread runs it, or the query ended
    }
    RunningQuery outerQuery = RunningQuery.enter(query);
    ParallelStatement outer = ParallelStatement.enter(this);
    Enumerator<T> rows = null;
    try {
      query.check();
      rows = input.enumerator();
      if (state.get() != RUNNING) {
        // A source that gave no connection of its own; it may not run beside the query's thread.
        state.compareAndSet(ACQUIRING, INLINE);
        return;
      }
      Object[] batch = new Object[BATCH];
      int size = 0;
      while (!closing && rows.moveNext()) {
        batch[size++] = rows.current();
        if (size == BATCH) {
          if (!hand(new Batch(batch, size))) {
            return;
          }
          batch = new Object[BATCH];
          size = 0;
        }
      }
      close(rows); // the connection goes back before the consumer takes the last rows
      rows = null;
      if (size == 0 || hand(new Batch(batch, size))) {
        hand(END);
      }
    } catch (Throwable e) {
      // Before its connection, the query's thread runs the statement and meets any failure itself.
      if (!state.compareAndSet(ACQUIRING, INLINE) && state.get() == RUNNING) {
        hand(new Failure(e));
      }
    } finally {
      close(rows);
      ParallelStatement.exit(outer);
      RunningQuery.exit(outerQuery);
      finished.countDown();
    }
  }

  private static void close(Enumerator<?> rows) {
    if (rows == null) {
      return;
    }
    try {
      rows.close();
    } catch (RuntimeException e) {
      // The pool evicts a connection it cannot take back.
    }
  }

  /** Puts {@code item} in the queue once there is room; false if the consumer is gone or the query stopped. */
  private boolean hand(Object item) {
    try {
      while (!queue.offer(item, POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        if (closing || query.stopped() != null) {
          return false;
        }
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The consumer's rows: from the worker, or, if no worker runs the statement, from the statement itself. */
  private Enumerator<T> open() {
    if (opened) {
      return input.enumerator(); // read again: as any statement, on this thread
    }
    opened = true;
    if (state.compareAndSet(PENDING, INLINE) || state.compareAndSet(ACQUIRING, INLINE) || state.get() != RUNNING) {
      return input.enumerator();
    }
    return new Taken();
  }

  /** Rows the worker handed over, in order. */
  private final class Taken implements Enumerator<T> {
    private Object[] rows;
    private int size;
    private int next;
    private T current;
    private boolean done;

    @Override
    public T current() {
      return current;
    }

    @Override
    @SuppressWarnings("unchecked")
    public boolean moveNext() {
      while (next == size) {
        if (done) {
          return false;
        }
        Object item = take();
        if (item == END) {
          done = true;
          return false;
        }
        if (item instanceof Failure failure) {
          done = true;
          throw rethrow(failure.error);
        }
        Batch batch = (Batch) item;
        rows = batch.rows;
        size = batch.size;
        next = 0;
      }
      current = (T) rows[next];
      rows[next++] = null; // the consumer holds the row from now on, as its operator decides
      return true;
    }

    private Object take() {
      try {
        Object item;
        while ((item = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS)) == null) {
          query.check();
          if (finished.getCount() == 0 && queue.isEmpty()) {
            throw new IllegalStateException("a parallel statement ended without its rows");
          }
        }
        return item;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new QueryStoppedException("the statement was interrupted", "57014");
      }
    }

    @Override
    public void reset() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
      stop();
    }
  }

  private static RuntimeException rethrow(Throwable error) {
    if (error instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (error instanceof Error fatal) {
      throw fatal;
    }
    throw new IllegalStateException(error.getMessage(), error);
  }

  /**
   * Ends the worker: it stops reading, its statement is cancelled if it still runs, and this waits
   * until its connection is back in the pool. Idempotent.
   */
  private void stop() {
    if (state.compareAndSet(PENDING, CLOSED) || state.compareAndSet(ACQUIRING, CLOSED) || state.get() != RUNNING) {
      return;
    }
    closing = true;
    queue.clear(); // room for a worker waiting to hand a batch over
    if (finished.getCount() == 0) {
      return;
    }
    RunningQuery.Work connection = connection();
    if (connection != null) {
      connection.cancel();
    }
    try {
      if (!finished.await(END_WAIT_SECONDS, TimeUnit.SECONDS) && connection != null) {
        connection.release(); // a driver stuck past its cancel: the connection goes back regardless
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    queue.clear();
  }

  @Override
  public void cancel() {
    RunningQuery.Work connection = connection();
    if (connection != null && finished.getCount() > 0) {
      connection.cancel();
    }
  }

  @Override
  public void release() {
    stop();
  }

  @Override
  public boolean ended() {
    int now = state.get();
    return now == INLINE || now == CLOSED || now == RUNNING && finished.getCount() == 0;
  }
}
