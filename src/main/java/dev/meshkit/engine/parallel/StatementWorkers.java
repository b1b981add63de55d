package dev.meshkit.engine.parallel;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of one mesh that run source statements beside their queries' own threads. Daemon
 * threads, at most {@code threads} at once, idle ones ending after a minute; a statement waiting for
 * a thread runs on its query's thread when the query reaches it first. Closed with the mesh.
 */
public final class StatementWorkers implements AutoCloseable {

  private final ThreadPoolExecutor executor;
  private final long splitRows;
  private final int splitRanges;

  /**
   * @param threads statements run at once across the mesh's queries; 0 runs every statement on its query's thread
   * @param splitRows a statement reading a table estimated past this many rows is split into key ranges; 0 splits none
   */
  public StatementWorkers(int threads, long splitRows) {
    if (threads < 0) {
      throw new IllegalArgumentException("threads is negative: " + threads);
    }
    this.splitRows = splitRows;
    // One range per processor: the ranges' rows are read, converted and combined in this JVM.
    this.splitRanges = Math.min(threads, Math.max(2, Runtime.getRuntime().availableProcessors()));
    if (threads == 0) {
      executor = null;
      return;
    }
    AtomicInteger count = new AtomicInteger();
    executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
      Thread thread = new Thread(task, "meshkit-statement-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    executor.allowCoreThreadTimeOut(true);
  }

  /** Whether statements run in parallel at all. */
  public boolean enabled() {
    return executor != null && !executor.isShutdown();
  }

  /** Rows past which a table's statement is split into key ranges, 0 if none is. */
  public long splitRows() {
    return enabled() ? splitRows : 0;
  }

  /** Ranges a split statement is read in at most, before the source's pool limits them. */
  public int splitRanges() {
    return splitRanges;
  }

  /** Runs {@code task} on a worker thread when one is free; false if the workers are closed. */
  boolean submit(Runnable task) {
    try {
      executor.execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      return false;
    }
  }

  /**
   * Takes no new statements; running ones end with their queries, which the closing mesh's sources
   * end. Never interrupts a worker: drivers such as H2's close their files on an interrupt.
   */
  @Override
  public void close() {
    if (executor != null) {
      executor.shutdown();
    }
  }
}
