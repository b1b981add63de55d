package dev.meshkit.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a product declares about one of its columns: documentation, tags such as {@code pii}, the
 * contract ({@code required}, {@code unique}), a classification, null when not given, and the
 * column of another product it {@code references} ({@code domain.product.column}), null when none.
 */
public record ColumnModel(
    String name,
    String description,
    List<String> tags,
    boolean required,
    boolean unique,
    Classification classification,
    String references,
    Location location) {

  public ColumnModel {
    // Names are SQL identifiers, which the mesh reports in lower case however they were written.
    name = Objects.requireNonNull(name, "name is null").toLowerCase(Locale.ROOT);
    tags = List.copyOf(tags);
    Objects.requireNonNull(location, "location is null");
  }

  /** A column that references nothing. */
  public ColumnModel(String name, String description, List<String> tags, boolean required, boolean unique,
      Classification classification, Location location) {
    this(name, description, tags, required, unique, classification, null, location);
  }
}
