package dev.meshkit.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A data product: a named SQL view over its domain's sources and other products, with the
 * metadata of ODPS (version, status, owner, support, SLA) and its deprecation. Optional parts are
 * null when not declared; {@code qualitySchedule} is how often the quality checks run by themselves.
 */
public record ProductModel(
    String name,
    ProductDescription about,
    String sql,
    List<ColumnModel> columns,
    String version,
    ProductStatus status,
    String owner,
    List<String> tags,
    List<Support> support,
    boolean discoverable,
    Sla sla,
    Deprecation deprecation,
    List<QualityCheck> quality,
    Duration qualitySchedule,
    Location location) {

  public ProductModel {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(sql, "sql is null");
    columns = List.copyOf(columns);
    Objects.requireNonNull(status, "status is null");
    tags = List.copyOf(tags);
    support = List.copyOf(support);
    quality = List.copyOf(quality);
    Objects.requireNonNull(location, "location is null");
  }

  /** A product without a quality schedule. */
  public ProductModel(String name, ProductDescription about, String sql, List<ColumnModel> columns, String version,
      ProductStatus status, String owner, List<String> tags, List<Support> support, boolean discoverable, Sla sla,
      Deprecation deprecation, List<QualityCheck> quality, Location location) {
    this(name, about, sql, columns, version, status, owner, tags, support, discoverable, sla, deprecation, quality,
        null, location);
  }

  /** The description as one readable line (the purpose), or null. */
  public String description() {
    return about == null ? null : about.text();
  }
}
