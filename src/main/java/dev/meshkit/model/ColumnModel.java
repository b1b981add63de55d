package dev.meshkit.model;

import java.util.List;
import java.util.Objects;

/**
 * What a product declares about one of its columns: documentation, tags such as {@code pii}, the
 * contract ({@code required}, {@code unique}) and a classification, null when not given.
 */
public record ColumnModel(
    String name,
    String description,
    List<String> tags,
    boolean required,
    boolean unique,
    Classification classification,
    Location location) {

  public ColumnModel {
    Objects.requireNonNull(name, "name is null");
    tags = List.copyOf(tags);
    Objects.requireNonNull(location, "location is null");
  }
}
