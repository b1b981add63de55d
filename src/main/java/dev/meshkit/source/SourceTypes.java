package dev.meshkit.source;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The source types a mesh can use: the built-in ones and any other {@link SourceType} on the
 * classpath, all found through {@link ServiceLoader}.
 */
public final class SourceTypes {

  private final Map<String, SourceType> types = new TreeMap<>();

  private SourceTypes() {
  }

  /** Every source type visible to the given class loader. */
  public static SourceTypes discover(ClassLoader loader) {
    SourceTypes found = new SourceTypes();
    for (SourceType type : ServiceLoader.load(SourceType.class, loader)) {
      found.types.putIfAbsent(type.name(), type);
    }
    return found;
  }

  /** The type of that name, or null. */
  public SourceType get(String name) {
    return types.get(name);
  }

  /** Known type names, sorted, for error messages. */
  public String names() {
    return String.join(", ", types.keySet());
  }
}
