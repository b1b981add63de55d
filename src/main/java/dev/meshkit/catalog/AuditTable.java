package dev.meshkit.catalog;

import dev.meshkit.AuditEvent;
import dev.meshkit.engine.PlanningScope;
import dev.meshkit.governance.MemoryAuditSink;
import dev.meshkit.source.RunningQuery;
import dev.meshkit.store.AuditHistory;
import dev.meshkit.store.MetadataStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code sys.audit}: the audit events, one row per statement execution, for principals a policy
 * grants {@code sys.*}. Times are UTC. A durable metadata store answers with the history it keeps,
 * streamed; a store in memory, or one that cannot be read now, leaves the mesh's recent events in
 * memory to answer.
 */
final class AuditTable extends AbstractTable implements ScannableTable, TranslatableTable {

  private static final Logger LOG = LoggerFactory.getLogger(AuditTable.class);

  private final MemoryAuditSink events;
  private final MetadataStore store;
  /** Whether the last scan fell back to memory; the warning comes once per fallback, not per query. */
  private final AtomicBoolean fellBack = new AtomicBoolean();

  AuditTable(MemoryAuditSink events, MetadataStore store) {
    this.events = events;
    this.store = store;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory types) {
    return types.builder()
        .add("event_time", SqlTypeName.TIMESTAMP).nullable(false)
        .add("principal", SqlTypeName.VARCHAR).nullable(false)
        .add("roles", SqlTypeName.VARCHAR).nullable(true)
        .add("decision", SqlTypeName.VARCHAR).nullable(false)
        .add("deciding_policy", SqlTypeName.VARCHAR).nullable(true)
        .add("products", SqlTypeName.VARCHAR).nullable(true)
        .add("row_filters", SqlTypeName.VARCHAR).nullable(true)
        .add("masks", SqlTypeName.VARCHAR).nullable(true)
        .add("rows_returned", SqlTypeName.BIGINT).nullable(false)
        .add("duration_ms", SqlTypeName.BIGINT).nullable(false)
        .add("error", SqlTypeName.VARCHAR).nullable(true)
        .add("warnings", SqlTypeName.VARCHAR).nullable(true)
        .add("sql_text", SqlTypeName.VARCHAR).nullable(false)
        .build();
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return PlanningScope.authorizedScan(context, relOptTable);
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    if (!store.durable()) {
      return memory();
    }
    return new AbstractEnumerable<>() {
      @Override
      public Enumerator<Object[]> enumerator() {
        RunningQuery query = RunningQuery.current();
        if (query != null) {
          query.check();
        }
        AuditHistory history = store.auditHistory();
        if (history == null) {
          if (fellBack.compareAndSet(false, true)) {
            LOG.warn("sys.audit: the metadata store {} cannot be read, or two scans of sys.audit read it already,"
                + " so it shows only the recent events kept in memory until the store answers again", store.where());
          }
          return memory().enumerator();
        }
        if (fellBack.compareAndSet(true, false)) {
          LOG.info("sys.audit: the metadata store {} answers again", store.where());
        }
        Stored stored = new Stored(history, query);
        if (query != null) {
          query.started(stored);
        }
        return stored;
      }
    };
  }

  private Enumerable<Object[]> memory() {
    return Linq4j.asEnumerable(events.snapshot().stream().map(AuditTable::row).toList());
  }

  /** The store's events as rows, checking the query on each; the query closes it when it ends. */
  private static final class Stored implements Enumerator<Object[]>, RunningQuery.Work {

    private final AuditHistory history;
    /** The query the scan reads for; null outside any. */
    private final RunningQuery query;
    private Object[] current;
    private volatile boolean closed;

    Stored(AuditHistory history, RunningQuery query) {
      this.history = history;
      this.query = query;
    }

    @Override
    public Object[] current() {
      return current;
    }

    @Override
    public boolean moveNext() {
      if (closed) {
        return false;
      }
      try {
        if (query != null) {
          query.check();
        }
        if (history.hasNext()) {
          current = row(history.next());
          return true;
        }
      } catch (RuntimeException e) {
        close();
        if (query != null) {
          // A cancelled statement fails its read: the query says why it stopped.
          query.check();
        }
        throw e;
      }
      close();
      return false;
    }

    @Override
    public void reset() {
      throw new UnsupportedOperationException("a scan of sys.audit cannot be reset");
    }

    @Override
    public void close() {
      closed = true;
      history.close();
    }

    @Override
    public void cancel() {
      history.cancel();
    }

    @Override
    public void release() {
      close();
    }

    @Override
    public boolean ended() {
      return closed;
    }
  }

  private static Object[] row(AuditEvent e) {
    List<AuditEvent.ProductAccess> products = e.products();
    return new Object[] {
        e.time().toEpochMilli(),
        e.principal(),
        String.join(",", e.roles()),
        e.decision().name(),
        e.decidingPolicy(),
        products.stream().map(AuditEvent.ProductAccess::product).collect(Collectors.joining(",")),
        products.stream().flatMap(p -> p.rowFilters().stream()).distinct().collect(Collectors.joining(",")),
        products.stream().flatMap(p -> p.masks().entrySet().stream())
            .map(m -> p(m)).collect(Collectors.joining(",")),
        e.rowsReturned(),
        e.duration().toMillis(),
        e.error(),
        String.join(" | ", e.warnings()),
        e.sql()
    };
  }

  private static String p(Map.Entry<String, String> mask) {
    return mask.getKey() + ":" + mask.getValue();
  }
}
