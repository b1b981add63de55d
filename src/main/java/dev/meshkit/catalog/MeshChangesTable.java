package dev.meshkit.catalog;

import dev.meshkit.MeshChange;
import dev.meshkit.engine.PlanningScope;
import dev.meshkit.governance.MeshChanges;
import java.util.List;
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
 * {@code sys.mesh_changes}: the changes of the running mesh, accepted and refused, one row each,
 * oldest first, for principals a policy grants {@code sys.*}. Times are UTC.
 */
final class MeshChangesTable extends AbstractTable implements ScannableTable, TranslatableTable {

  private final MeshChanges changes;

  MeshChangesTable(MeshChanges changes) {
    this.changes = changes;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory types) {
    return types.builder()
        .add("change_time", SqlTypeName.TIMESTAMP).nullable(false)
        .add("triggered_by", SqlTypeName.VARCHAR).nullable(false)
        .add("outcome", SqlTypeName.VARCHAR).nullable(false)
        .add("files", SqlTypeName.VARCHAR).nullable(true)
        .add("products", SqlTypeName.VARCHAR).nullable(true)
        .add("versions", SqlTypeName.VARCHAR).nullable(true)
        .add("problems", SqlTypeName.VARCHAR).nullable(true)
        .build();
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return PlanningScope.authorizedScan(context, relOptTable);
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    List<Object[]> rows = changes.snapshot().stream().map(MeshChangesTable::row).toList();
    return Linq4j.asEnumerable(rows);
  }

  private static Object[] row(MeshChange c) {
    return new Object[] {
        c.time().toEpochMilli(),
        MeshChanges.word(c.trigger()),
        c.accepted() ? "accepted" : "refused",
        c.files().isEmpty() ? null : String.join(",", c.files()),
        c.products().isEmpty() ? null
            : String.join(",", c.products().stream().map(MeshChange.ProductChange::product).toList()),
        c.products().isEmpty() ? null : MeshChanges.describe(c.products()),
        c.problems().isEmpty() ? null : String.join(" | ", c.problems())
    };
  }
}
