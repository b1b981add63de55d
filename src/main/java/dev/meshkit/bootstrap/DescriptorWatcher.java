package dev.meshkit.bootstrap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the files a mesh is read from and reloads it when they were saved. It compares their
 * contents every {@link #POLL}, and waits until they have not changed for {@link #QUIET}: an editor
 * that writes a file in several steps, or a burst of saves, gives one reload of the final content. A
 * reload that reads a half-written file is refused, and the next save is picked up like any other,
 * so the final save wins. Polling a handful of files costs little, sees renames and replaced files
 * as editors make them, and behaves the same on every file system.
 */
final class DescriptorWatcher implements AutoCloseable {

  static final Duration POLL = Duration.ofMillis(200);
  static final Duration QUIET = Duration.ofMillis(400);

  private static final Logger LOG = LoggerFactory.getLogger(DescriptorWatcher.class);

  private final Supplier<Collection<Path>> files;
  private final Runnable changed;
  private final Thread thread;
  private volatile boolean closed;

  /**
   * @param files the files to follow, asked again at every poll: the set grows as the mesh does
   * @param changed reloads the mesh; called on the watcher's thread, never twice at once
   */
  DescriptorWatcher(String mesh, Supplier<Collection<Path>> files, Runnable changed) {
    this.files = files;
    this.changed = changed;
    this.thread = new Thread(this::run, "meshkit-watch-" + mesh);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  private void run() {
    // Nothing counts as loaded: a save made while the mesh loaded is read at the first poll (a
    // reload that finds nothing changed does nothing).
    Map<Path, Long> loaded = Map.of();
    Map<Path, Long> seen = snapshot();
    long lastChange = System.nanoTime() - QUIET.toNanos();
    while (!closed) {
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      Map<Path, Long> now = snapshot();
      if (!now.equals(seen)) {
        seen = now;
        lastChange = System.nanoTime();
      } else if (!now.equals(loaded) && System.nanoTime() - lastChange >= QUIET.toNanos()) {
        loaded = now;
        try {
          changed.run();
        } catch (RuntimeException e) {
          LOG.warn("reloading after a save failed: {}", e.toString());
        }
      }
    }
  }

  /** Each file's content as a checksum, or -1 when it is missing or unreadable. */
  private Map<Path, Long> snapshot() {
    Map<Path, Long> sums = new HashMap<>();
    for (Path file : files.get()) {
      sums.put(file, SourceFiles.checksum(file));
    }
    return sums;
  }

  @Override
  public void close() {
    // No interrupt: it could land in a reload's I/O, and some drivers close their files on one.
    closed = true;
    if (Thread.currentThread() != thread) {
      try {
        thread.join(POLL.toMillis() * 5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
