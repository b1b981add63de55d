package dev.meshkit.catalog;

import dev.meshkit.MeshQuality;
import dev.meshkit.engine.PlanningScope;
import dev.meshkit.engine.Session;
import dev.meshkit.governance.MeshChanges;
import dev.meshkit.governance.UsageStats;
import dev.meshkit.store.MetadataStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A table of the {@code catalog} schema: metadata about products, never their data, answered for
 * the principal who asks. One instance serves every session of a mesh.
 */
public abstract class CatalogTable extends AbstractTable implements ScannableTable, TranslatableTable {

  /** The catalog's tables by name. */
  static Map<String, Table> all(Lineage lineage, MeshQuality quality, UsageStats usage, MeshChanges changes,
      MetadataStore store) {
    Map<String, Table> tables = new LinkedHashMap<>();
    tables.put("domains", new CatalogDomains());
    tables.put("products", new CatalogProducts(quality, changes, store));
    tables.put("columns", new CatalogColumns());
    tables.put("usage", new CatalogUsage(usage));
    tables.put("usage_history", new CatalogUsageHistory(usage));
    tables.put("lineage", new CatalogLineage(lineage));
    tables.put("quality", new CatalogQuality(quality));
    tables.put("quality_history", new CatalogQualityHistory(store));
    tables.put("feedback", new CatalogFeedback(store));
    return tables;
  }

  /** What the table holds, shown as REMARKS in {@code DatabaseMetaData}. */
  public abstract String description();

  /** The rows {@code catalog} shows to this session. */
  abstract List<Object[]> rows(Catalog catalog);

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return PlanningScope.authorizedScan(context, relOptTable);
  }

  /**
   * The session comes from the executing connection's root schema, not from planning: a cached
   * plan keeps the table of whoever planned it, but must answer for whoever runs it.
   */
  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    return Linq4j.asEnumerable(rows(new Catalog(session(root))));
  }

  /** The session of the connection that executes a statement. */
  static Session session(DataContext root) {
    CalciteSchema schema = root.getRootSchema() == null ? null : root.getRootSchema().unwrap(CalciteSchema.class);
    Session session = schema == null ? null : Session.of(schema);
    if (session == null) {
      throw new IllegalStateException("the catalog is read only through a mesh connection");
    }
    return session;
  }

  /** Comma-separated, or null when there are none. */
  static String joined(List<String> values) {
    return values.isEmpty() ? null : String.join(",", values);
  }
}
