package dev.meshkit.model;

import java.util.List;
import java.util.Objects;

/** A data product: a named SQL view over its domain's sources and other products. */
public record ProductModel(
    String name,
    String description,
    String sql,
    List<ColumnModel> columns,
    Location location) {

  public ProductModel {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(sql, "sql is null");
    columns = List.copyOf(columns);
    Objects.requireNonNull(location, "location is null");
  }
}
