package dev.meshkit.model;

import java.util.List;
import java.util.Objects;

/** What a product declares about one of its columns: documentation and tags such as {@code pii}. */
public record ColumnModel(String name, String description, List<String> tags, Location location) {

  public ColumnModel {
    Objects.requireNonNull(name, "name is null");
    tags = List.copyOf(tags);
    Objects.requireNonNull(location, "location is null");
  }
}
