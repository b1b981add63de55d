package dev.meshkit.catalog;

import dev.meshkit.AuditEvent;
import dev.meshkit.engine.PlanningScope;
import dev.meshkit.governance.MemoryAuditSink;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code sys.audit}: the recent audit events, one row per statement execution, for principals a
 * policy grants {@code sys.*}. Times are UTC.
 */
final class AuditTable extends AbstractTable implements ScannableTable, TranslatableTable {

  private final MemoryAuditSink events;

  AuditTable(MemoryAuditSink events) {
    this.events = events;
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
    List<Object[]> rows = events.snapshot().stream().map(AuditTable::row).toList();
    return Linq4j.asEnumerable(rows);
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
