package dev.meshkit.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * What the catalog pages show, read as the viewer through {@link Mesh#connect} and SQL over the
 * {@code catalog} schema: each page shows exactly the rows the viewer's catalog tables hold, by
 * the same visibility rules. Columns come out under their SQL names, so columns the catalog tables
 * gain show up without a change here.
 */
final class CatalogReads {

  private final Mesh mesh;

  CatalogReads(Mesh mesh) {
    this.mesh = mesh;
  }

  /** All products in the viewer's catalog; with terms, the ranked hits of {@code catalog.search_products}. */
  ArrayNode products(Principal viewer, String terms) throws SQLException {
    try (Connection c = mesh.connect(viewer)) {
      Map<String, ObjectNode> all = new LinkedHashMap<>();
      for (ObjectNode p : rows(c, "SELECT * FROM catalog.products ORDER BY domain_name, product_name")) {
        all.put(p.get("domain_name").asText() + "." + p.get("product_name").asText(), p);
      }
      ArrayNode out = Http.JSON.createArrayNode();
      if (terms == null || terms.isBlank()) {
        all.values().forEach(out::add);
        return out;
      }
      for (ObjectNode hit : rows(c, "SELECT product_name, score FROM TABLE(catalog.search_products(?))"
          + " ORDER BY score DESC", terms)) {
        ObjectNode product = all.get(hit.get("product_name").asText());
        if (product != null) {
          out.add(product.deepCopy().put("score", hit.get("score").asDouble()));
        }
      }
      return out;
    }
  }

  ArrayNode domains(Principal viewer) throws SQLException {
    try (Connection c = mesh.connect(viewer)) {
      List<ObjectNode> products = rows(c,
          "SELECT domain_name, product_name, status, description FROM catalog.products ORDER BY product_name");
      ArrayNode out = Http.JSON.createArrayNode();
      for (ObjectNode domain : rows(c, "SELECT * FROM catalog.domains ORDER BY domain_name")) {
        ArrayNode mine = domain.putArray("products");
        for (ObjectNode p : products) {
          if (p.get("domain_name").equals(domain.get("domain_name"))) {
            mine.add(p);
          }
        }
        out.add(domain);
      }
      return out;
    }
  }

  /** The product page's data, or a 404 when the product is not in the viewer's catalog. */
  ObjectNode product(Principal viewer, ProductName name) throws SQLException {
    try (Connection c = mesh.connect(viewer)) {
      ObjectNode product = find(c, name);
      List<ObjectNode> columns = rows(c, "SELECT * FROM catalog.columns WHERE domain_name = ? AND product_name = ?"
          + " ORDER BY ordinal_position", name.domain(), name.product());
      product.putArray("columns").addAll(columns);
      product.putArray("quality").addAll(rows(c, "SELECT * FROM catalog.quality WHERE domain_name = ?"
          + " AND product_name = ? ORDER BY check_name", name.domain(), name.product()));
      List<ObjectNode> usage = rows(c, "SELECT * FROM catalog.usage WHERE domain_name = ? AND product_name = ?",
          name.domain(), name.product());
      product.set("usage", usage.isEmpty() ? null : usage.get(0));
      product.put("sample_query", sampleQuery(name, columns));
      contractDetails(name, product);
      return product;
    }
  }

  /**
   * Purpose, usage, limitations and support, which the catalog tables do not hold, from the
   * product's ODCS contract. That export answers for products every principal finds (active or
   * deprecated and discoverable), which the viewer therefore may see too; for the others the page
   * shows the one-line description of {@code catalog.products}.
   */
  private void contractDetails(ProductName name, ObjectNode product) {
    Object contract;
    try {
      contract = new Yaml(new SafeConstructor(new LoaderOptions())).load(mesh.catalog().exportContract(name.qualified()));
    } catch (IllegalArgumentException notEveryones) {
      return;
    }
    if (!(contract instanceof Map<?, ?> odcs)) {
      return;
    }
    if (odcs.get("description") instanceof Map<?, ?> about) {
      ObjectNode detail = product.putObject("description_detail");
      for (String part : List.of("purpose", "usage", "limitations")) {
        detail.put(part, about.get(part) == null ? null : String.valueOf(about.get(part)));
      }
    }
    ArrayNode support = product.putArray("support");
    if (odcs.get("support") instanceof List<?> entries) {
      for (Object entry : entries) {
        if (entry instanceof Map<?, ?> channel) {
          List<String> parts = new ArrayList<>();
          for (String key : List.of("channel", "tool", "url")) {
            if (channel.get(key) != null) {
              parts.add(String.valueOf(channel.get(key)));
            }
          }
          support.add(String.join(" ", parts));
        }
      }
    }
  }

  /** A query to copy: the product's columns, quoted where SQL needs it, ten rows. */
  static String sampleQuery(ProductName name, List<ObjectNode> columns) {
    List<String> names = new ArrayList<>();
    for (ObjectNode column : columns) {
      names.add(quote(column.get("column_name").asText()));
    }
    return "SELECT " + (names.isEmpty() ? "*" : String.join(", ", names)) + "\nFROM " + quote(name.domain()) + "."
        + quote(name.product()) + "\nLIMIT 10";
  }

  private static String quote(String identifier) {
    return identifier.matches("[a-z_][a-z0-9_]*") ? identifier : "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  /**
   * The product's column lineage as a graph: a node per column of the product, per input column
   * it comes from (or input, where the plan names no column) and per column of products that read
   * it; an edge from each input to what is computed from it. Hidden inputs stay one unnamed node.
   */
  ObjectNode lineage(Principal viewer, ProductName name) throws SQLException {
    try (Connection c = mesh.connect(viewer)) {
      find(c, name);
      List<ObjectNode> rows = rows(c, "SELECT * FROM catalog.lineage WHERE (domain_name = ? AND product_name = ?)"
          + " OR (input_kind = 'product' AND input_domain = ? AND input_name = ?)"
          + " ORDER BY domain_name, product_name, column_name, input_name, input_column",
          name.domain(), name.product(), name.domain(), name.product());
      Map<String, ObjectNode> nodes = new LinkedHashMap<>();
      ArrayNode edges = Http.JSON.createArrayNode();
      for (ObjectNode row : rows) {
        String product = row.get("domain_name").asText() + "." + row.get("product_name").asText();
        String target = node(nodes, "product", product, row.get("column_name").asText(),
            product.equals(name.qualified()) ? "self" : "downstream");
        String kind = row.get("input_kind").asText();
        String input = switch (kind) {
          case "product" -> row.get("input_domain").asText() + "." + row.get("input_name").asText();
          case "source" -> row.get("input_name").asText();
          default -> "(hidden)";
        };
        String source = node(nodes, kind, input, text(row, "input_column"),
            input.equals(name.qualified()) ? "self" : "upstream");
        edges.addObject().put("from", source).put("to", target);
      }
      ObjectNode graph = Http.JSON.createObjectNode();
      graph.put("product", name.qualified());
      graph.putArray("nodes").addAll(nodes.values());
      graph.set("edges", edges);
      return graph;
    }
  }

  private static String node(Map<String, ObjectNode> nodes, String kind, String owner, String column, String role) {
    String id = kind + ":" + owner + (column == null ? "" : "." + column);
    nodes.computeIfAbsent(id, k -> {
      ObjectNode node = Http.JSON.createObjectNode().put("id", k).put("kind", kind).put("owner", owner)
          .put("column", column).put("role", role);
      node.put("label", column == null ? owner : owner + "." + column);
      return node;
    });
    return id;
  }

  /** Rows of a table keyed by product, for the product's history charts and feedback. */
  ArrayNode productRows(Principal viewer, ProductName name, String table, String orderBy) throws SQLException {
    try (Connection c = mesh.connect(viewer)) {
      find(c, name);
      ArrayNode out = Http.JSON.createArrayNode();
      out.addAll(rows(c, "SELECT * FROM catalog." + table + " WHERE domain_name = ? AND product_name = ? ORDER BY "
          + orderBy, name.domain(), name.product()));
      return out;
    }
  }

  /**
   * Whether the viewer is granted {@code sys}: only they may query {@code sys.mesh_changes}; for anyone
   * else the schema does not exist (42000) or the table is denied (42501).
   */
  boolean isSys(Principal viewer) throws SQLException {
    try (Connection c = mesh.connect(viewer)) {
      rows(c, "SELECT change_time FROM sys.mesh_changes WHERE 1 = 0");
      return true;
    } catch (SQLException e) {
      if ("42000".equals(e.getSQLState()) || "42501".equals(e.getSQLState())) {
        return false;
      }
      throw e;
    }
  }

  ArrayNode changes(Principal viewer) throws SQLException {
    try (Connection c = mesh.connect(viewer)) {
      ArrayNode out = Http.JSON.createArrayNode();
      out.addAll(rows(c, "SELECT * FROM sys.mesh_changes ORDER BY change_time DESC"));
      return out;
    }
  }

  private static ObjectNode find(Connection c, ProductName name) throws SQLException {
    List<ObjectNode> found = rows(c, "SELECT * FROM catalog.products WHERE domain_name = ? AND product_name = ?",
        name.domain(), name.product());
    if (found.isEmpty()) {
      throw WebException.notFound(name.qualified());
    }
    return found.get(0);
  }

  private static String text(ObjectNode row, String field) {
    return row.hasNonNull(field) ? row.get(field).asText() : null;
  }

  static List<ObjectNode> rows(Connection c, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        List<ObjectNode> out = new ArrayList<>();
        while (rs.next()) {
          ObjectNode row = Http.JSON.createObjectNode();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            put(row, meta.getColumnLabel(i).toLowerCase(Locale.ROOT), meta.getColumnType(i), rs, i);
          }
          out.add(row);
        }
        return out;
      }
    }
  }

  private static void put(ObjectNode row, String name, int type, ResultSet rs, int i) throws SQLException {
    switch (type) {
      case Types.BOOLEAN -> {
        boolean value = rs.getBoolean(i);
        if (rs.wasNull()) {
          row.putNull(name);
        } else {
          row.put(name, value);
        }
      }
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> {
        long value = rs.getLong(i);
        if (rs.wasNull()) {
          row.putNull(name);
        } else {
          row.put(name, value);
        }
      }
      case Types.DOUBLE, Types.FLOAT, Types.REAL, Types.DECIMAL, Types.NUMERIC -> {
        double value = rs.getDouble(i);
        if (rs.wasNull()) {
          row.putNull(name);
        } else {
          row.put(name, value);
        }
      }
      case Types.TIMESTAMP -> {
        // Catalog timestamps are UTC: written as ISO 8601 with Z, which browsers parse.
        String value = rs.getString(i);
        row.put(name, value == null ? null : value.replace(' ', 'T') + "Z");
      }
      default -> row.put(name, rs.getString(i));
    }
  }
}
