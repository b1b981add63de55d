package dev.meshkit.engine;

import dev.meshkit.model.DomainModel;
import dev.meshkit.source.Source;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.jdbc.CalciteSchema;

/**
 * A domain of a loaded mesh: its opened sources, its products and the namespace its product SQL
 * is resolved in, where the domain's own sources and every domain's products are visible.
 */
public final class Domain {

  final DomainModel model;
  final Map<String, Source> sources = new LinkedHashMap<>();
  final Map<String, Product> products = new LinkedHashMap<>();
  CalciteSchema namespace;

  Domain(DomainModel model) {
    this.model = model;
  }

  public DomainModel model() {
    return model;
  }

  /** By name, in declaration order. */
  public Map<String, Source> sources() {
    return Collections.unmodifiableMap(sources);
  }

  /** By name, in declaration order. */
  public Map<String, Product> products() {
    return Collections.unmodifiableMap(products);
  }

  public String name() {
    return model.name();
  }
}
