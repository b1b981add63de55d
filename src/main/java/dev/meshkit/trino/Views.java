package dev.meshkit.trino;

import dev.meshkit.model.ProductModel;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code init.sql}: the statements that create the products' views, dependencies first. The memory
 * catalog that holds them loses them on restart, so this runs after each start, as the user that
 * owns them: they are {@code SECURITY DEFINER}, so consumers read a view without any access to
 * the source catalogs below it.
 */
final class Views {

  private Views() {
  }

  static String script(String catalog, List<ViewDefinition> views, String owner) {
    StringBuilder sql = new StringBuilder("-- The products as Trino views; run as user ").append(owner)
        .append(" after each start. Statements end with a semicolon at the end of a line.\n");
    Set<String> schemas = new LinkedHashSet<>();
    views.forEach(v -> schemas.add(v.domain()));
    for (String schema : schemas) {
      sql.append("CREATE SCHEMA IF NOT EXISTS ").append(name(catalog, schema)).append(";\n");
    }
    for (ViewDefinition view : views) {
      sql.append(create(catalog, view)).append(";\n");
      for (ViewDefinition.Column column : view.columns()) {
        if (column.declared() != null && column.declared().description() != null) {
          sql.append("COMMENT ON COLUMN ").append(name(catalog, view.domain(), view.model().name(), column.name()))
              .append(" IS ").append(TrinoSql.literal(oneLine(column.declared().description()))).append(";\n");
        }
      }
    }
    return sql.toString();
  }

  /**
   * The view casts each column to the type meshkit gives it, so that the view's columns, and the
   * masks written for them, have exactly these types whatever Trino derives from the sources.
   */
  static String create(String catalog, ViewDefinition view) {
    String columns = view.columns().stream()
        .map(c -> "CAST(" + TrinoSql.identifier(c.name()) + " AS " + c.trinoType() + ") AS " + TrinoSql.identifier(c.name()))
        .collect(Collectors.joining(", "));
    return "CREATE OR REPLACE VIEW " + name(catalog, view.domain(), view.model().name())
        + " COMMENT " + TrinoSql.literal(comment(view.model())) + " SECURITY DEFINER AS SELECT " + columns
        + " FROM (" + view.query() + ") AS " + TrinoSql.identifier("product");
  }

  /** What Trino shows of a product: its description, version, status and owner. */
  static String comment(ProductModel product) {
    StringBuilder text = new StringBuilder();
    if (product.description() != null) {
      text.append(oneLine(product.description())).append(' ');
    }
    text.append('(').append(product.status().word());
    if (product.version() != null) {
      text.append(", version ").append(product.version());
    }
    if (product.owner() != null) {
      text.append(", owner ").append(product.owner());
    }
    return text.append(')').toString();
  }

  static String name(String... parts) {
    return Arrays.stream(parts).map(TrinoSql::identifier).collect(Collectors.joining("."));
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
