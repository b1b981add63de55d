package dev.meshkit.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshkit.AuditEvent;
import dev.meshkit.MeshChange;
import dev.meshkit.MeshException;
import dev.meshkit.QualityResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a mesh remembers: audit events, usage per product, principal and UTC day, quality results,
 * its changes, and (through {@link #feedback()}) product feedback. Kept in a database, or in memory
 * alone when there is none ({@link StoreOpener} decides).
 *
 * <p>Recording never waits for the database: events, quality runs and changes go to a bounded
 * queue and usage to counters, which one daemon thread writes in batches about four times a
 * second. While the database is down the queue fills and then drops what does not fit, counted and
 * warned about once; usage counts wait in memory and are written once it is back. Reads combine the
 * database with what is not written yet, so a query counts at once; while the database is down
 * they serve its last answer with the unwritten part on top.
 */
public final class MetadataStore implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MetadataStore.class);
  /** How messages name a store kept in memory, with or without an H2 database there. */
  static final String IN_MEMORY = "in memory";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int QUEUE_CAPACITY = 10_000;
  private static final int BATCH = 1_000;
  private static final long FLUSH_NANOS = Duration.ofMillis(250).toNanos();
  private static final Duration RETRY = Duration.ofSeconds(5);
  private static final Duration RETENTION_INTERVAL = Duration.ofHours(1);
  /** Usage keys kept while the database is down; more would be a memory leak, not a backlog. */
  private static final int MAX_PENDING_USAGE = 200_000;
  /** What a store in memory keeps of quality results and changes. */
  private static final int MEMORY_QUALITY = 10_000;
  private static final int MEMORY_CHANGES = 1_000;

  /** One product's results of one run, written together. */
  private record QualityRun(String product, long runId, List<QualityResult> results) {}

  private record UsageKey(String product, String principal, LocalDate day) {}

  private final DataSource dataSource;
  private final AutoCloseable closeWith;
  private final String where;
  private final Duration auditRetention;
  private final StoreSchema schema;
  private final FeedbackRecords feedback;

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final ReadWriteLock usageSwap = new ReentrantReadWriteLock();
  private volatile Map<UsageKey, UsageRow> pendingUsage = new ConcurrentHashMap<>();
  /** Held while a batch is written, and while a read combines the database with what is pending. */
  private final Object flushing = new Object();
  /**
   * Audit histories open at once: each holds a connection while its consumer reads, and the pool
   * the store opens has four, which the writer and feedback need too.
   */
  private final Semaphore auditReaders = new Semaphore(2);
  private final AtomicLong lastRunId = new AtomicLong();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder written = new LongAdder();
  private final Deque<QualityResult> memoryQuality = new ArrayDeque<>();
  private final Deque<MeshChange> memoryChanges = new ArrayDeque<>();
  private final Thread writer;
  private volatile boolean closed;
  /** Whether the last attempt to reach the database failed; reads then skip it until a write succeeds. */
  private volatile boolean down;
  private long lostInBurst;
  private boolean schemaReady;
  private Instant nextRetention = Instant.EPOCH;
  private volatile Instant retryAt = Instant.EPOCH;
  /** The database's usage as last read, with what this store wrote since: what reads serve while it is down. */
  private Map<UsageKey, UsageRow> lastUsage = new HashMap<>();

  /**
   * @param dataSource the database, or null to keep everything in memory
   * @param closeWith closed with the store (the pool it opened), or null
   * @param where the database as messages name it, without credentials
   * @throws MeshException if the database holds a newer schema than this meshkit knows
   */
  MetadataStore(DataSource dataSource, AutoCloseable closeWith, String where, Duration auditRetention,
      StoreSchema schema) {
    this.dataSource = dataSource;
    this.closeWith = closeWith;
    this.where = where;
    this.auditRetention = auditRetention;
    this.schema = schema;
    this.feedback = dataSource == null ? null : new FeedbackRecords(this);
    if (dataSource != null) {
      try (Connection c = dataSource.getConnection()) {
        schema.migrate(c);
        schemaReady = true;
      } catch (SQLException e) {
        // Not fatal: the mesh serves, counting in memory, and the writer migrates once the database answers.
        wentDown("opening", e);
      } catch (RuntimeException e) {
        closeQuietly();
        throw e;
      }
    }
    if (dataSource == null) {
      this.writer = null;
    } else {
      this.writer = new Thread(this::drain, "meshkit-metadata-store");
      writer.setDaemon(true);
      writer.start();
    }
  }

  /** A store in memory alone: nothing outlives the mesh, and there is no feedback. */
  public static MetadataStore inMemory() {
    return new MetadataStore(null, null, IN_MEMORY, Duration.ofDays(1), new StoreSchema(IN_MEMORY));
  }

  /** The database as messages name it. */
  public String where() {
    return where;
  }

  /** Whether anything outlives the mesh: the store is an H2 file or a database, not kept in memory. */
  public boolean durable() {
    return !IN_MEMORY.equals(where);
  }

  /** Events, results and changes lost: not queued because the queue was full, or failed to write. */
  public long dropped() {
    return dropped.sum();
  }

  /** Events, results, changes and usage counts committed to the database. */
  public long written() {
    return written.sum();
  }

  /** Whether the store keeps feedback: it has a database. */
  public boolean hasFeedback() {
    return feedback != null;
  }

  /** Feedback, kept in the database as it is given. */
  public FeedbackRecords feedback() {
    if (feedback == null) {
      throw new MeshException("product feedback needs a metadata store, and this mesh keeps its metadata in memory"
          + " only (H2 is not on the class path): add com.h2database:h2, or set settings.metadataStore.url");
    }
    return feedback;
  }

  /** Queues the event for the audit table; a store in memory keeps no audit (the mesh's own buffer does). */
  public void recordAudit(AuditEvent event) {
    if (dataSource != null) {
      offer(event);
    }
  }

  /**
   * Counts an allowed statement once for each product it read (a self-join reads one product
   * twice, and counts once), crediting each with all of its rows.
   */
  public void recordUsage(AuditEvent event) {
    if (event.decision() != AuditEvent.Decision.ALLOWED) {
      return;
    }
    LocalDate day = LocalDate.ofInstant(event.time(), ZoneOffset.UTC);
    List<AuditEvent.ProductAccess> read = event.products();
    usageSwap.readLock().lock();
    try {
      Map<UsageKey, UsageRow> pending = pendingUsage;
      for (int i = 0; i < read.size(); i++) {
        String product = read.get(i).product();
        if (readBefore(read, i, product)) {
          continue;
        }
        UsageKey key = new UsageKey(product, event.principal(), day);
        pending.merge(key, new UsageRow(product, event.principal(), day, 1, event.rowsReturned(), event.time()),
            (a, b) -> a.plus(b.queries(), b.rowsServed(), b.lastUsed()));
      }
    } finally {
      usageSwap.readLock().unlock();
    }
  }

  /** Whether an earlier entry names the same product: a self-join reads it twice, and counts once. */
  private static boolean readBefore(List<AuditEvent.ProductAccess> read, int index, String name) {
    for (int i = 0; i < index; i++) {
      if (read.get(i).product().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** Keeps one run's results of one product. */
  public void recordQuality(String product, List<QualityResult> results) {
    if (results.isEmpty()) {
      return;
    }
    if (dataSource == null) {
      synchronized (memoryQuality) {
        results.forEach(memoryQuality::addLast);
        while (memoryQuality.size() > MEMORY_QUALITY) {
          memoryQuality.removeFirst();
        }
      }
      return;
    }
    offer(new QualityRun(product, nextRunId(), List.copyOf(results)));
  }

  /** Microseconds since the epoch, made unique: the latest run of a product has the highest id. */
  private long nextRunId() {
    long now = Instant.now().toEpochMilli() * 1000;
    return lastRunId.updateAndGet(last -> Math.max(now, last + 1));
  }

  /** Keeps a change of the mesh. */
  public void recordChange(MeshChange change) {
    if (dataSource == null) {
      synchronized (memoryChanges) {
        memoryChanges.addLast(change);
        if (memoryChanges.size() > MEMORY_CHANGES) {
          memoryChanges.removeFirst();
        }
      }
      return;
    }
    offer(change);
  }

  private void offer(Object item) {
    if (closed) {
      // The mesh has closed: nothing more is written, and that is no outage to warn about.
      dropped.increment();
      return;
    }
    if (!queue.offer(item)) {
      dropped.increment();
      synchronized (this) {
        if (lostInBurst++ == 0) {
          LOG.warn("metadata store {}: its queue is full, so audit events, quality results and changes are dropped"
              + " (counted, not logged, until a write succeeds)", where);
        }
      }
    }
  }

  // ---------------------------------------------------------------- reads

  /** Usage at its grain, written and pending together. */
  public List<UsageRow> usage() {
    synchronized (flushing) {
      Map<UsageKey, UsageRow> rows = new LinkedHashMap<>(storedUsage());
      pendingUsage.forEach((key, p) -> rows.merge(key, p, (a, b) -> a.plus(b.queries(), b.rowsServed(), b.lastUsed())));
      return List.copyOf(rows.values());
    }
  }

  private Map<UsageKey, UsageRow> storedUsage() {
    if (dataSource == null || down) {
      return lastUsage;
    }
    Map<UsageKey, UsageRow> rows = new HashMap<>();
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT product, principal, usage_day, queries, rows_served, last_used FROM "
            + StoreSchema.USAGE)) {
      while (rs.next()) {
        UsageRow row = new UsageRow(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class), rs.getLong(4),
            rs.getLong(5), instant(rs, 6));
        rows.put(new UsageKey(row.product(), row.principal(), row.day()), row);
      }
      lastUsage = rows;
    } catch (SQLException e) {
      wentDown("reading usage from", e);
    }
    return lastUsage;
  }

  /**
   * The results of each product's latest stored run, by lower-case qualified name: what the mesh
   * knew before it restarted.
   */
  public Map<String, List<QualityResult>> latestQuality() {
    Map<String, List<QualityResult>> latest = new HashMap<>();
    if (dataSource == null) {
      return latest;
    }
    String sql = "SELECT q.product, q.check_name, q.metric, q.column_name, q.status, q.observed_number,"
        + " q.observed_text, q.expected, q.severity, q.checked_at FROM " + StoreSchema.QUALITY + " q JOIN"
        + " (SELECT product, MAX(run_id) AS run_id FROM " + StoreSchema.QUALITY + " GROUP BY product) l"
        + " ON q.product = l.product AND q.run_id = l.run_id ORDER BY q.checked_at, q.check_name";
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        QualityResult r = quality(rs);
        latest.computeIfAbsent(r.product().toLowerCase(Locale.ROOT), p -> new ArrayList<>()).add(r);
      }
    } catch (SQLException e) {
      wentDown("reading quality results from", e);
    }
    latest.replaceAll((p, results) -> List.copyOf(results));
    return latest;
  }

  /** Every kept quality result, oldest first. */
  public List<QualityResult> qualityHistory() {
    if (dataSource == null) {
      synchronized (memoryQuality) {
        return List.copyOf(memoryQuality);
      }
    }
    synchronized (flushing) {
      List<QualityResult> all = new ArrayList<>();
      if (!down) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT product, check_name, metric, column_name, status, observed_number,"
                + " observed_text, expected, severity, checked_at FROM " + StoreSchema.QUALITY
                + " ORDER BY run_id, checked_at, check_name")) {
          while (rs.next()) {
            all.add(quality(rs));
          }
        } catch (SQLException e) {
          wentDown("reading quality results from", e);
        }
      }
      for (Object item : queue) {
        if (item instanceof QualityRun run) {
          all.addAll(run.results());
        }
      }
      return all;
    }
  }

  /**
   * The audit events kept, oldest first, within the retention, then those not written yet: no event
   * twice and none missing, as the query runs under the write lock and no batch is half written
   * then. Rows stream from an open cursor; the caller closes the history. Null when there is no
   * database, it cannot be read now (that is warned about once per outage), or two histories are
   * open already; the mesh's memory buffer answers then.
   */
  public AuditHistory auditHistory() {
    if (dataSource == null || !auditReaders.tryAcquire()) {
      return null;
    }
    synchronized (flushing) {
      if (down) {
        auditReaders.release();
        return null;
      }
      Connection c = null;
      try {
        c = dataSource.getConnection();
        // PostgreSQL streams by the fetch size only inside a transaction, which reads nothing it could lock.
        c.setAutoCommit(false);
        PreparedStatement read = c.prepareStatement(StoreAudit.select(StoreSchema.AUDIT)
            + " WHERE event_time >= ? ORDER BY event_time");
        read.setFetchSize(500);
        read.setObject(1, utc(Instant.now().minus(auditRetention)));
        ResultSet rows = read.executeQuery();
        List<AuditEvent> pending = new ArrayList<>();
        for (Object item : queue) {
          if (item instanceof AuditEvent e) {
            pending.add(e);
          }
        }
        return new AuditHistory(c, read, rows, pending, where, auditReaders::release);
      } catch (SQLException | RuntimeException e) {
        auditReaders.release();
        if (c != null) {
          try {
            c.close();
          } catch (SQLException closing) {
            e.addSuppressed(closing);
          }
        }
        wentDown("reading audit events from", e);
        return null;
      }
    }
  }

  private static QualityResult quality(ResultSet rs) throws SQLException {
    double number = rs.getDouble(6);
    Object observed = rs.wasNull() ? rs.getString(7) : (Object) number;
    return new QualityResult(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        observed, rs.getString(8), rs.getString(9), instant(rs, 10));
  }

  /** The latest {@code limit} changes, oldest first. */
  public List<MeshChange> changes(int limit) {
    List<MeshChange> all = new ArrayList<>();
    if (dataSource == null) {
      synchronized (memoryChanges) {
        all.addAll(memoryChanges);
      }
    } else {
      synchronized (flushing) {
        if (!down) {
          try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT change_time, triggered_by, accepted, files, products, problems FROM "
                  + StoreSchema.CHANGES + " ORDER BY change_time")) {
            while (rs.next()) {
              all.add(new MeshChange(instant(rs, 1), MeshChange.Trigger.valueOf(rs.getString(2)), strings(rs.getString(4)),
                  rs.getBoolean(3), productChanges(rs.getString(5)), strings(rs.getString(6))));
            }
          } catch (SQLException | RuntimeException e) {
            wentDown("reading changes from", e);
          }
        }
        for (Object item : queue) {
          if (item instanceof MeshChange change) {
            all.add(change);
          }
        }
      }
    }
    all.sort(Comparator.comparing(MeshChange::time));
    return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
  }

  // ---------------------------------------------------------------- writing

  private void drain() {
    while (true) {
      LockSupport.parkNanos(FLUSH_NANOS);
      boolean stopping = closed;
      if (dataSource != null && (!down || !Instant.now().isBefore(retryAt) || stopping)) {
        flush();
      }
      if (stopping || Thread.interrupted()) {
        return;
      }
    }
  }

  /** Writes what is pending now, in the calling thread; waits for a write in progress. */
  public void flush() {
    if (dataSource == null) {
      return;
    }
    synchronized (flushing) {
      Map<UsageKey, UsageRow> usage = swapUsage();
      List<Object> batch = new ArrayList<>();
      queue.drainTo(batch, BATCH);
      // While down, an empty write is the retry that finds the store back.
      if (usage.isEmpty() && batch.isEmpty() && !down && Instant.now().isBefore(nextRetention)) {
        return;
      }
      try (Connection c = dataSource.getConnection()) {
        if (!schemaReady) {
          schema.migrate(c);
          schemaReady = true;
        }
        write(c, usage, batch);
        written.add(usage.size() + batch.size());
        usage.forEach((key, row) -> lastUsage.merge(key, row, (a, b) -> a.plus(b.queries(), b.rowsServed(), b.lastUsed())));
        if (!Instant.now().isBefore(nextRetention)) {
          deleteOldAudit(c);
          nextRetention = Instant.now().plus(RETENTION_INTERVAL);
        }
        if (down || lostInBurst > 0) {
          LOG.info("metadata store {}: writing works again; {} audit events, quality results or changes were lost",
              where, lostInBurst);
        }
        down = false;
        synchronized (this) {
          lostInBurst = 0;
        }
      } catch (SQLException | RuntimeException e) {
        putBack(usage);
        dropped.add(batch.size());
        synchronized (this) {
          lostInBurst += batch.size();
        }
        wentDown("writing to", e);
      }
    }
  }

  private Map<UsageKey, UsageRow> swapUsage() {
    usageSwap.writeLock().lock();
    try {
      Map<UsageKey, UsageRow> taken = pendingUsage;
      if (!taken.isEmpty()) {
        pendingUsage = new ConcurrentHashMap<>();
      }
      return taken.isEmpty() ? Map.of() : taken;
    } finally {
      usageSwap.writeLock().unlock();
    }
  }

  /** Usage not written waits for the next write, unless so much waits that it is dropped. */
  private void putBack(Map<UsageKey, UsageRow> usage) {
    usageSwap.readLock().lock();
    try {
      Map<UsageKey, UsageRow> pending = pendingUsage;
      if (pending.size() + usage.size() > MAX_PENDING_USAGE) {
        dropped.add(usage.size());
        return;
      }
      usage.forEach((key, row) -> pending.merge(key, row, (a, b) -> a.plus(b.queries(), b.rowsServed(), b.lastUsed())));
    } finally {
      usageSwap.readLock().unlock();
    }
  }

  private void wentDown(String action, Exception e) {
    boolean wasDown = down;
    down = true;
    retryAt = Instant.now().plus(RETRY);
    if (!wasDown) {
      // Once per outage, without the stack trace: the database may be away for a while.
      LOG.warn("metadata store {}: {} it failed, retrying every {} s; usage waits in memory, other records are"
          + " dropped and counted while it is down: {}", where, action, RETRY.toSeconds(), e.toString());
    }
  }

  private void write(Connection c, Map<UsageKey, UsageRow> usage, List<Object> batch) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try {
      writeUsage(c, usage.values());
      List<AuditEvent> events = new ArrayList<>();
      List<QualityRun> runs = new ArrayList<>();
      List<MeshChange> changes = new ArrayList<>();
      for (Object item : batch) {
        if (item instanceof AuditEvent e) {
          events.add(e);
        } else if (item instanceof QualityRun r) {
          runs.add(r);
        } else {
          changes.add((MeshChange) item);
        }
      }
      if (!events.isEmpty()) {
        StoreAudit.insert(c, StoreSchema.AUDIT, events);
      }
      writeQuality(c, runs);
      writeChanges(c, changes);
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /** Adds to the rows that exist, inserts the others: an upsert both databases understand. */
  private static void writeUsage(Connection c, java.util.Collection<UsageRow> usage) throws SQLException {
    if (usage.isEmpty()) {
      return;
    }
    List<UsageRow> rows = List.copyOf(usage);
    List<UsageRow> missing = new ArrayList<>();
    try (PreparedStatement update = c.prepareStatement("UPDATE " + StoreSchema.USAGE + " SET queries = queries + ?,"
        + " rows_served = rows_served + ?, last_used = CASE WHEN last_used < ? THEN ? ELSE last_used END"
        + " WHERE product = ? AND principal = ? AND usage_day = ?")) {
      for (UsageRow row : rows) {
        LocalDateTime used = utc(row.lastUsed());
        update.setLong(1, row.queries());
        update.setLong(2, row.rowsServed());
        update.setObject(3, used);
        update.setObject(4, used);
        update.setString(5, cut(row.product(), 512));
        update.setString(6, cut(row.principal(), 256));
        update.setObject(7, row.day());
        update.addBatch();
      }
      int[] counts = update.executeBatch();
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] == 0) {
          missing.add(rows.get(i));
        }
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + StoreSchema.USAGE
        + " (product, principal, usage_day, queries, rows_served, last_used) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (UsageRow row : missing) {
        insert.setString(1, cut(row.product(), 512));
        insert.setString(2, cut(row.principal(), 256));
        insert.setObject(3, row.day());
        insert.setLong(4, row.queries());
        insert.setLong(5, row.rowsServed());
        insert.setObject(6, utc(row.lastUsed()));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private static void writeQuality(Connection c, List<QualityRun> runs) throws SQLException {
    if (runs.isEmpty()) {
      return;
    }
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + StoreSchema.QUALITY + " (product, run_id,"
        + " check_name, metric, column_name, status, observed_number, observed_text, expected, severity, checked_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (QualityRun run : runs) {
        for (QualityResult r : run.results()) {
          insert.setString(1, cut(r.product(), 512));
          insert.setLong(2, run.runId());
          insert.setString(3, cut(r.checkName(), 256));
          insert.setString(4, cut(r.metric(), 64));
          insert.setString(5, cut(r.column(), 256));
          insert.setString(6, cut(r.status(), 16));
          if (r.observed() instanceof Double d) {
            insert.setDouble(7, d);
            insert.setString(8, null);
          } else {
            insert.setNull(7, java.sql.Types.DOUBLE);
            insert.setString(8, r.observed() == null ? null : cut(r.observed().toString(), 1000));
          }
          insert.setString(9, cut(r.expected(), 256));
          insert.setString(10, cut(r.severity(), 16));
          insert.setObject(11, utc(r.checkedAt()));
          insert.addBatch();
        }
      }
      insert.executeBatch();
    }
  }

  private static void writeChanges(Connection c, List<MeshChange> changes) throws SQLException {
    if (changes.isEmpty()) {
      return;
    }
    try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + StoreSchema.CHANGES
        + " (change_time, triggered_by, accepted, files, products, problems) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (MeshChange change : changes) {
        insert.setObject(1, utc(change.time()));
        insert.setString(2, change.trigger().name());
        insert.setBoolean(3, change.accepted());
        insert.setString(4, cut(json(change.files()), 4000));
        insert.setString(5, cut(json(change.products()), 4000));
        insert.setString(6, cut(json(change.problems()), 4000));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  private void deleteOldAudit(Connection c) throws SQLException {
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + StoreSchema.AUDIT + " WHERE event_time < ?")) {
      delete.setObject(1, utc(Instant.now().minus(auditRetention)));
      delete.executeUpdate();
    }
    if (!c.getAutoCommit()) {
      c.commit();
    }
  }

  // ---------------------------------------------------------------- values

  static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, int column) throws SQLException {
    LocalDateTime time = rs.getObject(column, LocalDateTime.class);
    return time == null ? null : time.toInstant(ZoneOffset.UTC);
  }

  static String cut(String s, int width) {
    return s == null || s.length() <= width ? s : s.substring(0, width);
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("plain values failed to serialize", e);
    }
  }

  private static List<String> strings(String json) {
    try {
      return json == null ? List.of() : JSON.readValue(json, new TypeReference<List<String>>() {});
    } catch (JsonProcessingException e) {
      // Cut at the column's width: the list is lost, the change is not.
      return List.of();
    }
  }

  private static List<MeshChange.ProductChange> productChanges(String json) {
    try {
      return json == null ? List.of() : JSON.readValue(json, new TypeReference<List<MeshChange.ProductChange>>() {});
    } catch (JsonProcessingException e) {
      return List.of();
    }
  }

  DataSource dataSource() {
    return dataSource;
  }

  /** Writes what is pending, waiting at most ten seconds, then closes the pool the store opened. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (writer != null) {
      LockSupport.unpark(writer);
      try {
        writer.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (dataSource != null && !queue.isEmpty()) {
      LOG.warn("metadata store {}: {} audit events, quality results or changes not written at close", where,
          queue.size());
    }
    closeQuietly();
  }

  private void closeQuietly() {
    if (closeWith != null) {
      try {
        closeWith.close();
      } catch (Exception e) {
        LOG.warn("metadata store {}: closing it failed: {}", where, e.toString());
      }
    }
  }
}
