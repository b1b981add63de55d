package dev.meshkit.source;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Typed, checked access to a source's settings, with errors that say which setting is wrong. */
public final class SourceSettings {

  private final String type;
  private final Map<String, Object> values;

  public SourceSettings(String type, Map<String, Object> values) {
    this.type = type;
    this.values = values;
  }

  /** Fails on any key not in {@code known}, listing the accepted ones. */
  public void requireOnly(Set<String> known) {
    for (String key : values.keySet()) {
      if (!known.contains(key)) {
        throw new SourceConfigException("unknown setting '" + key + "' for a " + type
            + " source (accepted: " + String.join(", ", new TreeSet<>(known)) + ")");
      }
    }
  }

  public String requiredString(String key) {
    String value = string(key, null);
    if (value == null || value.isBlank()) {
      throw new SourceConfigException("a " + type + " source needs the setting '" + key + "'");
    }
    return value;
  }

  public String string(String key, String fallback) {
    Object value = values.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Map || value instanceof List) {
      throw new SourceConfigException("setting '" + key + "' must be a single value, not a "
          + (value instanceof Map ? "map" : "list"));
    }
    return value.toString();
  }

  public int integer(String key, int fallback) {
    Object value = values.get(key);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number n) {
      return n.intValue();
    }
    try {
      return Integer.parseInt(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new SourceConfigException("setting '" + key + "' must be a whole number, not '" + value + "'");
    }
  }

  /** A setting exactly as YAML gave it (string, number, list or map), or null. */
  public Object raw(String key) {
    return values.get(key);
  }

  /** A nested map setting, or an empty map. Keys are strings; values stay as YAML gave them. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> map(String key) {
    Object value = values.get(key);
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map)) {
      throw new SourceConfigException("setting '" + key + "' must be a map of names to values");
    }
    return (Map<String, Object>) value;
  }
}
