package dev.meshkit.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A source as declared. {@code settings} holds every field but {@code name} and {@code type},
 * with environment variables already substituted; the source type decides which it accepts.
 * Values are strings, numbers, booleans, lists or nested maps, as YAML gave them.
 */
public record SourceModel(String name, String type, Map<String, Object> settings, Location location) {

  public SourceModel {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(type, "type is null");
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    Objects.requireNonNull(location, "location is null");
  }

  /** Hides secrets: a password must never reach a log line or an error message. */
  @Override
  public String toString() {
    return "SourceModel[name=" + name + ", type=" + type + ", at " + location + "]";
  }
}
