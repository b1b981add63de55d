package dev.meshkit.model;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A data product: a named SQL view over its domain's sources and other products, with the
 * metadata of ODPS (version, status, owner, support, SLA) and its deprecation. Optional parts are
 * null when not declared; {@code qualitySchedule} is how often the quality checks run by themselves.
 * {@code primaryKey} lists the key's columns in order, empty when not declared.
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
    List<String> primaryKey,
    Location location) {

  public ProductModel {
    // Names are SQL identifiers, which the mesh reports in lower case however they were written.
    name = Objects.requireNonNull(name, "name is null").toLowerCase(Locale.ROOT);
    Objects.requireNonNull(sql, "sql is null");
    columns = List.copyOf(columns);
    Objects.requireNonNull(status, "status is null");
    tags = List.copyOf(tags);
    support = List.copyOf(support);
    quality = List.copyOf(quality);
    primaryKey = primaryKey.stream().map(column -> column.toLowerCase(Locale.ROOT)).toList();
    Objects.requireNonNull(location, "location is null");
  }

  /** A product without a quality schedule. */
  public ProductModel(String name, ProductDescription about, String sql, List<ColumnModel> columns, String version,
      ProductStatus status, String owner, List<String> tags, List<Support> support, boolean discoverable, Sla sla,
      Deprecation deprecation, List<QualityCheck> quality, Location location) {
    this(name, about, sql, columns, version, status, owner, tags, support, discoverable, sla, deprecation, quality,
        null, List.of(), location);
  }

  /**
   * The columns that identify a row, in order: the declared {@code primaryKey}, or else the first
   * column declared both {@code required} and {@code unique}; empty when there is neither.
   */
  public List<String> key() {
    if (!primaryKey.isEmpty()) {
      return primaryKey;
    }
    return columns.stream().filter(c -> c.required() && c.unique()).map(ColumnModel::name).limit(1).toList();
  }

  /** The description as one readable line (the purpose), or null. */
  public String description() {
    return about == null ? null : about.text();
  }
}
