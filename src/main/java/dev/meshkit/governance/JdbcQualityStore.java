package dev.meshkit.governance;

import dev.meshkit.QualityResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends quality results to {@value #TABLE}, created if missing, for their history. {@link #append}
 * only queues; a daemon thread writes in batches. When the queue is full results are dropped and
 * counted, so a slow database never slows a quality run. Internal.
 */
public final class JdbcQualityStore implements AutoCloseable {

  public static final String TABLE = "meshkit_quality";

  private static final Logger LOG = LoggerFactory.getLogger(JdbcQualityStore.class);
  private static final int CAPACITY = 10_000;
  private static final Calendar UTC = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
  private static final QualityResult STOP = new QualityResult("", "", "", null, "", null, "", "", null);

  private final DataSource dataSource;
  private final BlockingQueue<QualityResult> queue = new ArrayBlockingQueue<>(CAPACITY);
  private final LongAdder dropped = new LongAdder();
  private final LongAdder written = new LongAdder();
  private final Thread writer;
  private volatile boolean closed;
  private boolean tableReady;

  public JdbcQualityStore(DataSource dataSource) {
    this.dataSource = dataSource;
    this.writer = new Thread(this::drain, "meshkit-quality-store");
    writer.setDaemon(true);
    writer.start();
  }

  /** Queues the results, dropping and counting those that do not fit. Never blocks. */
  public void append(List<QualityResult> results) {
    for (QualityResult r : results) {
      if (closed || !queue.offer(r)) {
        dropped.increment();
      }
    }
  }

  /** Results not queued because the queue was full or the store closed. */
  public long dropped() {
    return dropped.sum();
  }

  /** Results committed to the table. */
  public long written() {
    return written.sum();
  }

  private void drain() {
    List<QualityResult> batch = new ArrayList<>();
    while (true) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(batch, 499);
      boolean stop = batch.removeIf(r -> r == STOP);
      if (!batch.isEmpty()) {
        try {
          write(batch);
          written.add(batch.size());
        } catch (SQLException | RuntimeException e) {
          LOG.warn("writing {} quality results to {} failed: {}", batch.size(), TABLE, e.getMessage());
        }
      }
      batch.clear();
      if (stop) {
        return;
      }
    }
  }

  private void write(List<QualityResult> batch) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      if (!tableReady) {
        createTable(c);
        tableReady = true;
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (product, check_name, metric,"
          + " column_name, status, observed, expected, severity, checked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (QualityResult r : batch) {
          ps.setString(1, cut(r.product(), 512));
          ps.setString(2, cut(r.checkName(), 256));
          ps.setString(3, cut(r.metric(), 64));
          ps.setString(4, cut(r.column(), 256));
          ps.setString(5, cut(r.status(), 16));
          ps.setString(6, r.observed() == null ? null : cut(String.valueOf(r.observed()), 1000));
          ps.setString(7, cut(r.expected(), 256));
          ps.setString(8, cut(r.severity(), 16));
          ps.setTimestamp(9, Timestamp.from(r.checkedAt()), (Calendar) UTC.clone());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      if (!c.getAutoCommit()) {
        c.commit();
      }
    }
  }

  private static void createTable(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeQuery("SELECT 1 FROM " + TABLE + " WHERE 1 = 0").close();
      return;
    } catch (SQLException missing) {
      // Create it below.
    }
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + TABLE + " (product VARCHAR(512) NOT NULL, check_name VARCHAR(256) NOT NULL,"
          + " metric VARCHAR(64), column_name VARCHAR(256), status VARCHAR(16) NOT NULL, observed VARCHAR(1000),"
          + " expected VARCHAR(256), severity VARCHAR(16), checked_at TIMESTAMP NOT NULL)");
    }
  }

  private static String cut(String s, int width) {
    return s == null || s.length() <= width ? s : s.substring(0, width);
  }

  /** Writes what is queued, waiting at most five seconds, and stops the writer. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (!queue.offer(STOP, 1, TimeUnit.SECONDS)) {
        writer.interrupt();
      }
      writer.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!queue.isEmpty()) {
      LOG.warn("{} quality results not written to {} at close", queue.size(), TABLE);
    }
  }
}
