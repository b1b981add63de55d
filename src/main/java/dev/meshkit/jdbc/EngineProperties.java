package dev.meshkit.jdbc;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The properties of an engine connection, fixed once it opens. Calcite reads its configuration from
 * them anew at every execution, five times (time zone twice, locale, and two switches meshkit never
 * sets), and each read lists every property and upper-cases its name, which took a fifth of a cached
 * lookup's time in the JVM. Here the list is made once, of names already in upper case, so a read
 * costs a lookup per property.
 */
final class EngineProperties extends Properties {

  private static final long serialVersionUID = 1L;

  /** The names in upper case, as Calcite matches them, each to its value. */
  private final transient Map<String, String> byUpperName;
  private final transient Set<String> upperNames;

  EngineProperties(Properties properties) {
    Map<String, String> upper = new HashMap<>();
    for (String name : properties.stringPropertyNames()) {
      String value = properties.getProperty(name);
      super.put(name, value);
      upper.put(name.toUpperCase(Locale.ROOT), value);
    }
    this.byUpperName = Map.copyOf(upper);
    this.upperNames = Set.copyOf(upper.keySet());
  }

  @Override
  public Set<String> stringPropertyNames() {
    return upperNames;
  }

  @Override
  public String getProperty(String key) {
    String value = byUpperName.get(key);
    return value != null ? value : super.getProperty(key);
  }

  @Override
  public synchronized Object put(Object key, Object value) {
    throw fixed();
  }

  @Override
  public synchronized Object remove(Object key) {
    throw fixed();
  }

  @Override
  public synchronized void putAll(Map<?, ?> values) {
    throw fixed();
  }

  @Override
  public synchronized void clear() {
    throw fixed();
  }

  private static UnsupportedOperationException fixed() {
    return new UnsupportedOperationException("an engine connection's properties are fixed once it opens");
  }
}
