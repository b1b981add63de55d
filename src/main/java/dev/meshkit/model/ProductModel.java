package dev.meshkit.model;

import java.util.List;
import java.util.Objects;

/**
 * A data product: a named SQL view over its domain's sources and other products, with the
 * metadata of ODPS (version, status, owner, support, SLA) and its deprecation. Optional parts are
 * null when not declared.
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

  /** The description as one readable line (the purpose), or null. */
  public String description() {
    return about == null ? null : about.text();
  }
}
