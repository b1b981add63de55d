package dev.meshkit.trino;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.meshkit.model.ColumnModel;
import dev.meshkit.model.DomainModel;
import dev.meshkit.model.MeshModel;
import dev.meshkit.model.ProductModel;
import dev.meshkit.model.QualityCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code meshkit-catalog.json}: what meshkit's catalog knows of each exported product that Trino
 * has no place for (owners, versions, status, tags, quality checks, lineage), beside the config.
 */
final class CatalogMetadata {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CatalogMetadata() {
  }

  static String json(MeshModel model, String viewCatalog, List<ViewDefinition> views) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("mesh", model.name());
    root.put("description", model.description());
    root.put("catalog", viewCatalog);
    List<Map<String, Object>> domains = new ArrayList<>();
    for (DomainModel domain : model.domains()) {
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("name", domain.name());
      d.put("owner", domain.owner());
      d.put("description", domain.description());
      List<Map<String, Object>> products = new ArrayList<>();
      views.stream().filter(v -> v.domain().equals(domain.name())).forEach(v -> products.add(product(v, domain)));
      d.put("products", products);
      domains.add(d);
    }
    root.put("domains", domains);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("meshkit-catalog.json could not be written: " + e.getMessage(), e);
    }
  }

  private static Map<String, Object> product(ViewDefinition view, DomainModel domain) {
    ProductModel p = view.model();
    Map<String, Object> product = new LinkedHashMap<>();
    product.put("name", p.name());
    product.put("view", viewName(view));
    product.put("description", p.description());
    product.put("owner", p.owner() != null ? p.owner() : domain.owner());
    product.put("version", p.version());
    product.put("status", p.status().word());
    product.put("tags", p.tags());
    if (p.deprecation() != null) {
      product.put("replacedBy", p.deprecation().replacedBy());
      product.put("sunset", p.deprecation().sunset() == null ? null : p.deprecation().sunset().toString());
    }
    if (p.sla() != null && p.sla().freshness() != null) {
      product.put("freshness", p.sla().freshness().toString());
    }
    List<Map<String, Object>> columns = new ArrayList<>();
    for (ViewDefinition.Column column : view.columns()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("name", column.name());
      c.put("type", column.trinoType());
      ColumnModel declared = column.declared();
      if (declared != null) {
        c.put("description", declared.description());
        c.put("tags", declared.tags());
        c.put("classification", declared.classification() == null ? null
            : declared.classification().name().toLowerCase(Locale.ROOT));
        c.put("references", declared.references());
      }
      columns.add(c);
    }
    product.put("columns", columns);
    List<Map<String, Object>> quality = new ArrayList<>();
    for (QualityCheck check : p.quality()) {
      Map<String, Object> q = new LinkedHashMap<>();
      q.put("name", check.name());
      q.put("type", check.type());
      q.put("metric", check.metric());
      q.put("column", check.column());
      q.put("query", check.query());
      q.put("operator", check.operator());
      q.put("threshold", check.threshold());
      q.put("severity", check.severity());
      quality.add(q);
    }
    product.put("quality", quality);
    product.put("lineage", view.reads());
    return product;
  }

  private static String viewName(ViewDefinition view) {
    return view.domain() + "." + view.model().name();
  }
}
