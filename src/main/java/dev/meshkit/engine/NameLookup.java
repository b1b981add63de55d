package dev.meshkit.engine;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;

/**
 * A {@link Lookup} over a map that is read afresh on every call, so what a schema offers can
 * change (a source comes back) without rebuilding it. Entries that fail {@code listed} can still
 * be named, but are left out of listings such as {@code DatabaseMetaData.getTables}.
 */
public final class NameLookup<T> implements Lookup<T> {

  private final Supplier<Map<String, T>> entries;
  private final Predicate<String> listed;

  public NameLookup(Supplier<Map<String, T>> entries, Predicate<String> listed) {
    this.entries = entries;
    this.listed = listed;
  }

  public static <T> NameLookup<T> of(Map<String, T> entries) {
    return new NameLookup<>(() -> entries, name -> true);
  }

  @Override
  public T get(String name) {
    return entries.get().get(name);
  }

  @Override
  public Named<T> getIgnoreCase(String name) {
    Map<String, T> map = entries.get();
    T exact = map.get(name);
    if (exact != null) {
      return new Named<>(name, exact);
    }
    for (Map.Entry<String, T> e : map.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return new Named<>(e.getKey(), e.getValue());
      }
    }
    return null;
  }

  @Override
  public Set<String> getNames(LikePattern pattern) {
    Set<String> names = new LinkedHashSet<>();
    var matcher = pattern.matcher();
    for (String name : entries.get().keySet()) {
      if (listed.test(name) && matcher.apply(name)) {
        names.add(name);
      }
    }
    return names;
  }
}
