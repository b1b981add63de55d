package dev.meshkit.catalog;

import dev.meshkit.MeshQuality;
import dev.meshkit.QualityResult;
import dev.meshkit.engine.Product;
import dev.meshkit.governance.MeshChanges;
import dev.meshkit.model.ProductModel;
import dev.meshkit.store.FeedbackRecords;
import dev.meshkit.store.MetadataStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code catalog.products}: one row per product in the asker's catalog, with what consumers said
 * of it: the average rating (null before any), how many rated it, and its open problems.
 */
final class CatalogProducts extends CatalogTable {

  private final MeshQuality quality;
  private final MeshChanges changes;
  private final MetadataStore store;

  CatalogProducts(MeshQuality quality, MeshChanges changes, MetadataStore store) {
    this.quality = quality;
    this.changes = changes;
    this.store = store;
  }

  @Override
  public String description() {
    return "Data products you can find: metadata, lifecycle, quality status and whether you can read them";
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory types) {
    return types.builder()
        .add("domain_name", SqlTypeName.VARCHAR).nullable(false)
        .add("product_name", SqlTypeName.VARCHAR).nullable(false)
        .add("version", SqlTypeName.VARCHAR).nullable(true)
        .add("status", SqlTypeName.VARCHAR).nullable(false)
        .add("owner", SqlTypeName.VARCHAR).nullable(true)
        .add("description", SqlTypeName.VARCHAR).nullable(true)
        .add("tags", SqlTypeName.VARCHAR).nullable(true)
        .add("sla_freshness", SqlTypeName.VARCHAR).nullable(true)
        .add("replaced_by", SqlTypeName.VARCHAR).nullable(true)
        .add("quality_status", SqlTypeName.VARCHAR).nullable(false)
        .add("last_quality_check", SqlTypeName.TIMESTAMP).nullable(true)
        .add("can_read", SqlTypeName.BOOLEAN).nullable(false)
        .add("last_changed", SqlTypeName.TIMESTAMP).nullable(true)
        .add("rating_avg", SqlTypeName.DOUBLE).nullable(true)
        .add("rating_count", SqlTypeName.BIGINT).nullable(false)
        .add("open_problems", SqlTypeName.BIGINT).nullable(false)
        .build();
  }

  @Override
  List<Object[]> rows(Catalog catalog) {
    Map<String, FeedbackRecords.Summary> feedback = CatalogFeedback.summaries(store);
    return catalog.entries().stream().map(entry -> row(entry,
        quality.latest(entry.product().qualifiedName()), changes.lastChanged(entry.product().qualifiedName()),
        feedback.getOrDefault(entry.product().qualifiedName(), FeedbackRecords.Summary.NONE))).toList();
  }

  private static Object[] row(Catalog.Entry entry, List<QualityResult> quality, Instant lastChanged,
      FeedbackRecords.Summary feedback) {
    Product product = entry.product();
    ProductModel m = product.model();
    return new Object[] {
        product.domain().name(),
        m.name(),
        m.version(),
        m.status().word(),
        m.owner(),
        m.description(),
        joined(m.tags()),
        m.sla() == null || m.sla().freshness() == null ? null : duration(m.sla().freshness()),
        m.deprecation() == null ? null : m.deprecation().replacedBy(),
        qualityStatus(quality),
        quality.stream().map(QualityResult::checkedAt).max(Instant::compareTo).map(Instant::toEpochMilli).orElse(null),
        entry.canRead(),
        lastChanged == null ? null : lastChanged.toEpochMilli(),
        feedback.ratingAverage(),
        feedback.ratings(),
        feedback.openProblems()
    };
  }

  /**
   * The latest run rolled up: {@code unknown} before any, {@code failing} when an error-severity check
   * failed or could not run, {@code warning} when only lesser ones did, else {@code passing}.
   */
  static String qualityStatus(List<QualityResult> results) {
    if (results.isEmpty()) {
      return "unknown";
    }
    if (results.stream().anyMatch(r -> r.failedOrError() && r.severity().equals("error"))) {
      return "failing";
    }
    return results.stream().anyMatch(QualityResult::failedOrError) ? "warning" : "passing";
  }

  /** In the descriptor's notation, in the largest unit that divides it: {@code 24h} reads {@code 1d}. */
  static String duration(Duration d) {
    long seconds = d.getSeconds();
    long[] sizes = {604_800, 86_400, 3_600, 60};
    String[] units = {"w", "d", "h", "m"};
    for (int i = 0; i < sizes.length; i++) {
      if (seconds % sizes[i] == 0) {
        return seconds / sizes[i] + units[i];
      }
    }
    return seconds + "s";
  }
}
