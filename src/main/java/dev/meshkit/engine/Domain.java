package dev.meshkit.engine;

import dev.meshkit.model.DomainModel;
import dev.meshkit.source.Source;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.calcite.jdbc.CalciteSchema;

/**
 * A domain of a loaded mesh: its opened sources, its products and the namespace its product SQL
 * is resolved in, where the domain's own sources and every domain's products are visible.
 */
public final class Domain {

  public final DomainModel model;
  public final Map<String, Source> sources = new LinkedHashMap<>();
  public final Map<String, Product> products = new LinkedHashMap<>();
  CalciteSchema namespace;

  Domain(DomainModel model) {
    this.model = model;
  }

  public String name() {
    return model.name();
  }
}
