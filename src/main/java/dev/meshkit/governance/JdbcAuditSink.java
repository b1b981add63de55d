package dev.meshkit.governance;

import static java.util.Objects.requireNonNull;

import dev.meshkit.AuditEvent;
import dev.meshkit.AuditSink;
import dev.meshkit.store.StoreAudit;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes audit events to a table in any database. {@link #record} only puts the event in a bounded
 * queue; a daemon thread writes the queue in JDBC batches. When the queue is full the event is
 * dropped and counted, so a slow or absent database never slows a query.
 *
 * <p>The table is created on the first write if it does not exist, with the columns of the metadata
 * store's audit table ({@link StoreAudit}): times in UTC as TIMESTAMP, lists and products as JSON
 * text. Texts longer than their column are cut.
 */
public final class JdbcAuditSink implements AuditSink {

  public static final String DEFAULT_TABLE = "meshkit_audit";

  private static final Logger LOG = LoggerFactory.getLogger(JdbcAuditSink.class);
  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

  /** Tells the writer to finish; compared by identity, never written. */
  private static final AuditEvent STOP = AuditEvent.builder().time(Instant.EPOCH).principal("")
      .sql("").decision(AuditEvent.Decision.ALLOWED).duration(Duration.ZERO).build();

  private final DataSource dataSource;
  private final String table;
  private final int batchSize;
  private final Duration closeTimeout;
  private final BlockingQueue<AuditEvent> queue;
  private final Thread writer;
  private final LongAdder dropped = new LongAdder();
  private final LongAdder written = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private volatile boolean closed;

  // Touched by the writer thread only.
  private boolean tableReady;
  private long failedInBurst;

  private JdbcAuditSink(Builder b) {
    this.dataSource = b.dataSource;
    this.table = b.table;
    this.batchSize = b.batchSize;
    this.closeTimeout = b.closeTimeout;
    this.queue = new ArrayBlockingQueue<>(b.queueCapacity);
    this.writer = new Thread(this::drain, "meshkit-audit-" + table);
    writer.setDaemon(true);
    writer.start();
  }

  /** Starts a sink writing to {@value #DEFAULT_TABLE} through the data source. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /** Queues the event, or drops and counts it if the queue is full or the sink is closed. */
  @Override
  public void record(AuditEvent event) {
    if (closed || !queue.offer(event)) {
      dropped.increment();
    }
  }

  /** Events not queued because the queue was full or the sink was closed. */
  public long dropped() {
    return dropped.sum();
  }

  /** Events committed to the table. */
  public long written() {
    return written.sum();
  }

  /** Events lost because writing them failed. */
  public long failed() {
    return failed.sum();
  }

  /**
   * Writes what is queued and stops the writer, waiting at most the close timeout; what is still
   * queued then is lost and logged.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    // If the queue is full the writer sees `closed` once it has emptied it.
    queue.offer(STOP);
    try {
      writer.join(closeTimeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (writer.isAlive()) {
      LOG.warn("audit table {}: writing did not finish within {} ms of close; about {} queued events are lost",
          table, closeTimeout.toMillis(), queue.size());
    }
  }

  private void drain() {
    List<AuditEvent> batch = new ArrayList<>(batchSize);
    boolean stop = false;
    while (!stop) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        // Nobody but close() should stop us, and close() does not interrupt; finish what is queued.
        stop = true;
      }
      queue.drainTo(batch, batchSize - batch.size());
      stop |= batch.removeIf(event -> event == STOP) || closed && queue.isEmpty();
      if (!batch.isEmpty()) {
        write(batch);
        batch.clear();
      }
    }
    // Events that raced with close() into the queue after STOP.
    while (queue.drainTo(batch, batchSize) > 0) {
      batch.removeIf(event -> event == STOP);
      write(batch);
      batch.clear();
    }
  }

  private void write(List<AuditEvent> batch) {
    try (Connection c = dataSource.getConnection()) {
      if (!tableReady) {
        createTableIfMissing(c);
        tableReady = true;
      }
      insert(c, batch);
      written.add(batch.size());
      if (failedInBurst > 0) {
        LOG.info("audit table {}: writing works again; {} events were lost", table, failedInBurst);
        failedInBurst = 0;
      }
    } catch (SQLException | RuntimeException e) {
      failed.add(batch.size());
      if (failedInBurst == 0) {
        // Once per burst of failures, without the stack trace: the database may be down for a while.
        LOG.warn("audit table {}: writing {} events failed, they are lost: {} (later failures are counted, "
            + "not logged, until a write succeeds)", table, batch.size(), e.toString());
      }
      failedInBurst += batch.size();
    }
  }

  private void createTableIfMissing(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      try {
        s.executeQuery("SELECT 1 FROM " + table + " WHERE 1 = 0").close();
        return;
      } catch (SQLException missing) {
        // CREATE TABLE IF NOT EXISTS is not portable; a failing probe is.
        restoreAfterError(c);
      }
      s.executeUpdate(StoreAudit.createTable(table));
      if (!c.getAutoCommit()) {
        c.commit();
      }
    }
  }

  /** PostgreSQL refuses further statements in a transaction after an error until it is rolled back. */
  private static void restoreAfterError(Connection c) throws SQLException {
    if (!c.getAutoCommit()) {
      c.rollback();
    }
  }

  private void insert(Connection c, List<AuditEvent> batch) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      StoreAudit.insert(c, table, batch);
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /** Configures a {@link JdbcAuditSink}; each setter fails fast on a bad value. */
  public static final class Builder {
    private final DataSource dataSource;
    private String table = DEFAULT_TABLE;
    private int queueCapacity = 10_000;
    private int batchSize = 500;
    private Duration closeTimeout = Duration.ofSeconds(10);

    private Builder(DataSource dataSource) {
      this.dataSource = requireNonNull(dataSource, "dataSource is null");
    }

    /**
     * The table to write, optionally schema-qualified.
     *
     * @throws IllegalArgumentException if it is not a plain identifier
     */
    public Builder table(String table) {
      requireNonNull(table, "table is null");
      if (!TABLE_NAME.matcher(table).matches()) {
        throw new IllegalArgumentException("audit table name is not a plain identifier: " + table
            + " (use letters, digits and '_', optionally schema.table)");
      }
      this.table = table;
      return this;
    }

    /**
     * How many events may wait to be written; beyond it new events are dropped.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder queueCapacity(int capacity) {
      if (capacity <= 0) {
        throw new IllegalArgumentException("audit queue capacity must be positive: " + capacity);
      }
      this.queueCapacity = capacity;
      return this;
    }

    /**
     * The most events written in one JDBC batch.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder batchSize(int size) {
      if (size <= 0) {
        throw new IllegalArgumentException("audit batch size must be positive: " + size);
      }
      this.batchSize = size;
      return this;
    }

    /**
     * How long {@link JdbcAuditSink#close()} waits for the queue to be written.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder closeTimeout(Duration timeout) {
      requireNonNull(timeout, "timeout is null");
      if (timeout.isNegative() || timeout.toMillis() == 0) {
        throw new IllegalArgumentException("audit close timeout must be at least 1 ms: " + timeout);
      }
      this.closeTimeout = timeout;
      return this;
    }

    /** Starts the writer thread; nothing connects to the database until the first event. */
    public JdbcAuditSink build() {
      return new JdbcAuditSink(this);
    }
  }
}
