package dev.meshkit.governance;

import dev.meshkit.model.Classification;
import dev.meshkit.model.ColumnModel;
import dev.meshkit.model.DomainModel;
import dev.meshkit.model.ProductDescription;
import dev.meshkit.model.ProductModel;
import dev.meshkit.model.ProductStatus;
import dev.meshkit.model.QualityCheck;
import dev.meshkit.model.Sla;
import dev.meshkit.model.Support;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A product as an ODCS v3.1 data contract and back. The product is one schema object (a view)
 * whose properties are its actual columns; column-level quality checks sit on their property,
 * the others on the schema object. Importing replaces what a contract can say (columns, quality,
 * SLA, support, team, version, status, description, tags) and keeps the rest of the base product.
 */
public final class OdcsContracts {

  /** A column of the product's actual row type, with its SQL type name (e.g. {@code VARCHAR}). */
  public record Field(String name, String sqlType) {}

  private static final String API_VERSION = "v3.1.0";
  private static final List<String> UNITS = List.of("d", "h", "m", "s");

  private OdcsContracts() {
  }

  /** The contract as YAML; {@code fields} are the actual columns, or empty when they are not known. */
  public static String export(ProductModel product, DomainModel domain, List<Field> fields) {
    Map<String, Object> contract = new LinkedHashMap<>();
    contract.put("apiVersion", API_VERSION);
    contract.put("kind", "DataContract");
    contract.put("id", domain.name() + "." + product.name());
    contract.put("name", product.name());
    putIf(contract, "version", product.version());
    contract.put("status", product.status().word());
    contract.put("domain", domain.name());
    if (product.about() != null) {
      Map<String, Object> description = new LinkedHashMap<>();
      putIf(description, "purpose", product.about().purpose());
      putIf(description, "usage", product.about().usage());
      putIf(description, "limitations", product.about().limitations());
      contract.put("description", description);
    }
    if (!product.tags().isEmpty()) {
      contract.put("tags", product.tags());
    }
    contract.put("schema", List.of(schema(product, fields)));
    if (product.sla() != null && product.sla().freshness() != null) {
      contract.put("slaProperties", List.of(freshness(product)));
    }
    if (!product.support().isEmpty()) {
      contract.put("support", product.support().stream().map(OdcsContracts::support).toList());
    }
    if (product.owner() != null) {
      contract.put("team", Map.of("name", domain.name(),
          "members", List.of(Map.of("username", product.owner(), "role", "owner"))));
    }
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    return new Yaml(options).dump(contract);
  }

  /**
   * {@code base} with what the contract declares. Its first schema object is the product; a
   * property becomes a declared column when it carries metadata or {@code base} declares it.
   *
   * @throws IllegalArgumentException if the text is not an ODCS data contract
   */
  public static ProductModel importInto(ProductModel base, String yaml) {
    Objects.requireNonNull(base, "base is null");
    Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    if (!(loaded instanceof Map<?, ?> contract) || !"DataContract".equals(contract.get("kind"))) {
      throw new IllegalArgumentException("not an ODCS data contract (kind: DataContract)");
    }
    List<Map<?, ?>> schemas = maps(contract.get("schema"));
    Map<?, ?> schema = schemas.isEmpty() ? Map.of() : schemas.get(0);
    List<ColumnModel> columns = new ArrayList<>();
    List<QualityCheck> quality = new ArrayList<>();
    Map<Integer, String> key = new TreeMap<>();
    for (Map<?, ?> property : maps(schema.get("properties"))) {
      String name = string(property.get("name"));
      if (Boolean.TRUE.equals(property.get("primaryKey"))) {
        key.put(property.get("primaryKeyPosition") instanceof Number n ? n.intValue() : key.size() + 1, name);
      }
      ColumnModel column = column(base, property);
      if (column != null) {
        columns.add(column);
      }
      for (Map<?, ?> check : maps(property.get("quality"))) {
        quality.add(check(base, check, check.containsKey("column") ? string(check.get("column")) : name));
      }
    }
    for (Map<?, ?> check : maps(schema.get("quality"))) {
      quality.add(check(base, check, string(check.get("column"))));
    }
    String status = string(contract.get("status"));
    ProductStatus parsed = status == null ? base.status() : ProductStatus.parse(status);
    if (parsed == null) {
      throw new IllegalArgumentException("unknown status '" + status + "'");
    }
    return new ProductModel(base.name(), description(contract.get("description"), base.about()), base.sql(),
        columns, string(contract.get("version")), parsed, owner(contract.get("team"), base.owner()),
        contract.containsKey("tags") ? strings(contract.get("tags")) : base.tags(),
        maps(contract.get("support")).stream()
            .map(s -> new Support(string(s.get("channel")), string(s.get("tool")), string(s.get("url")))).toList(),
        base.discoverable(), sla(contract.get("slaProperties")), base.deprecation(), quality, base.qualitySchedule(),
        List.copyOf(key.values()), base.location());
  }

  /**
   * The product as its entry in a mesh descriptor, in YAML: what a user pastes under the domain's
   * {@code products} after importing a contract with {@link #importInto}.
   */
  public static String toDescriptor(ProductModel product) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", product.name());
    ProductDescription about = product.about();
    if (about != null) {
      Map<String, Object> description = new LinkedHashMap<>();
      putIf(description, "purpose", about.purpose());
      putIf(description, "usage", about.usage());
      putIf(description, "limitations", about.limitations());
      if (!description.isEmpty()) {
        out.put("description", description);
      }
    }
    putIf(out, "version", product.version());
    if (product.status() != null) {
      out.put("status", product.status().name().toLowerCase(Locale.ROOT));
    }
    putIf(out, "owner", product.owner());
    if (!product.tags().isEmpty()) {
      out.put("tags", product.tags());
    }
    if (!product.support().isEmpty()) {
      out.put("support", product.support().stream().map(OdcsContracts::support).toList());
    }
    if (!product.discoverable()) {
      out.put("discoverable", false);
    }
    if (product.sla() != null && product.sla().freshness() != null) {
      Map<String, Object> fresh = freshness(product);
      Map<String, Object> sla = new LinkedHashMap<>();
      sla.put("freshness", fresh.get("value") + String.valueOf(fresh.get("unit")));
      putIf(sla, "timestampColumn", product.sla().timestampColumn());
      out.put("sla", sla);
    }
    if (product.deprecation() != null) {
      Map<String, Object> deprecation = new LinkedHashMap<>();
      putIf(deprecation, "replacedBy", product.deprecation().replacedBy());
      putIf(deprecation, "sunset", product.deprecation().sunset() == null ? null : product.deprecation().sunset().toString());
      putIf(deprecation, "note", product.deprecation().note());
      out.put("deprecation", deprecation);
    }
    out.put("sql", product.sql());
    if (!product.columns().isEmpty()) {
      List<Map<String, Object>> columns = new ArrayList<>();
      for (ColumnModel column : product.columns()) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", column.name());
        putIf(c, "description", column.description());
        if (!column.tags().isEmpty()) {
          c.put("tags", column.tags());
        }
        if (column.required()) {
          c.put("required", true);
        }
        if (column.unique()) {
          c.put("unique", true);
        }
        if (column.classification() != null) {
          c.put("classification", column.classification().name().toLowerCase(Locale.ROOT));
        }
        columns.add(c);
      }
      out.put("columns", columns);
    }
    if (!product.quality().isEmpty()) {
      out.put("quality", product.quality().stream().map(q -> check(q, true)).toList());
    }
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(options).dump(out);
  }

  private static Map<String, Object> schema(ProductModel product, List<Field> fields) {
    Map<String, Object> schema = new LinkedHashMap<>();
    schema.put("name", product.name());
    schema.put("physicalType", "view");
    putIf(schema, "description", product.description());
    List<Map<String, Object>> properties = new ArrayList<>();
    List<String> named = new ArrayList<>();
    for (Field field : fields) {
      properties.add(property(product, declared(product, field.name()), field.name(), field.sqlType()));
      named.add(field.name().toLowerCase(Locale.ROOT));
    }
    // Declared columns the row type lacks (the product could not be validated) still carry their contract.
    for (ColumnModel column : product.columns()) {
      if (!named.contains(column.name().toLowerCase(Locale.ROOT))) {
        properties.add(property(product, column, column.name(), null));
      }
    }
    schema.put("properties", properties);
    List<Map<String, Object>> checks = product.quality().stream()
        .filter(c -> c.column() == null || properties.stream().noneMatch(p -> c.column().equalsIgnoreCase((String) p.get("name"))))
        .map(c -> check(c, true)).toList();
    if (!checks.isEmpty()) {
      schema.put("quality", checks);
    }
    return schema;
  }

  private static Map<String, Object> property(ProductModel product, ColumnModel column, String name, String sqlType) {
    Map<String, Object> property = new LinkedHashMap<>();
    property.put("name", column != null ? column.name() : name);
    putIf(property, "logicalType", logicalType(sqlType));
    putIf(property, "physicalType", sqlType);
    int keyPosition = product.key().indexOf(property.get("name").toString().toLowerCase(Locale.ROOT));
    if (keyPosition >= 0) {
      property.put("primaryKey", true);
      property.put("primaryKeyPosition", keyPosition + 1);
    }
    if (column != null) {
      property.put("required", column.required());
      property.put("unique", column.unique());
      if (column.classification() != null) {
        property.put("classification", column.classification().word());
      }
      if (!column.tags().isEmpty()) {
        property.put("tags", column.tags());
      }
      putIf(property, "description", column.description());
    }
    String written = (String) property.get("name");
    // A check that spells its column differently from the row type keeps its spelling.
    List<Map<String, Object>> checks = product.quality().stream()
        .filter(c -> c.column() != null && c.column().equalsIgnoreCase(name))
        .map(c -> check(c, !c.column().equals(written))).toList();
    if (!checks.isEmpty()) {
      property.put("quality", checks);
    }
    return property;
  }

  /** ODCS's logical type for a SQL type name; null for types it has no word for. */
  static String logicalType(String sqlType) {
    if (sqlType == null) {
      return null;
    }
    return switch (sqlType) {
      case "VARCHAR", "CHAR" -> "string";
      case "INTEGER", "BIGINT", "SMALLINT", "TINYINT" -> "integer";
      case "DECIMAL", "DOUBLE", "REAL", "FLOAT" -> "number";
      case "DATE" -> "date";
      case "TIMESTAMP", "TIMESTAMP_WITH_LOCAL_TIME_ZONE", "TIMESTAMP_TZ" -> "timestamp";
      case "BOOLEAN" -> "boolean";
      default -> null;
    };
  }

  private static Map<String, Object> check(QualityCheck check, boolean withColumn) {
    Map<String, Object> out = new LinkedHashMap<>();
    putIf(out, "name", check.name());
    out.put("type", check.type());
    putIf(out, "metric", check.metric());
    if (withColumn) {
      putIf(out, "column", check.column());
    }
    putIf(out, "query", check.query());
    if (!check.validValues().isEmpty()) {
      out.put("validValues", check.validValues());
    }
    List<Object> threshold = check.threshold().stream().map(OdcsContracts::number).toList();
    out.put(check.operator(), threshold.size() == 1 ? threshold.get(0) : threshold);
    putIf(out, "unit", check.unit());
    putIf(out, "severity", check.severity());
    return out;
  }

  private static QualityCheck check(ProductModel base, Map<?, ?> check, String column) {
    String operator = check.keySet().stream().map(String::valueOf)
        .filter(k -> k.startsWith("mustBe") || k.startsWith("mustNotBe")).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("quality check without a comparison: " + check));
    Object value = check.get(operator);
    List<Double> threshold = (value instanceof List<?> list ? list : List.of(value)).stream()
        .map(v -> v instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(v))).toList();
    String query = string(check.get("query"));
    String type = string(check.get("type"));
    return new QualityCheck(string(check.get("name")), type != null ? type : query != null ? "sql" : "library",
        string(check.get("metric")), column, query, strings(check.get("validValues")), operator, threshold,
        string(check.get("unit")), string(check.get("severity")), base.location());
  }

  /** Whole thresholds are written as integers, as people write them. */
  private static Object number(Double value) {
    return value == Math.rint(value) && Math.abs(value) < Long.MAX_VALUE ? (Object) value.longValue() : value;
  }

  private static ColumnModel declared(ProductModel product, String name) {
    return product.columns().stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst().orElse(null);
  }

  /** Undeclared columns are exported bare; importing them back as declared would add to the product. */
  private static ColumnModel column(ProductModel base, Map<?, ?> property) {
    String name = string(property.get("name"));
    ColumnModel known = declared(base, name);
    List<String> tags = strings(property.get("tags"));
    String description = string(property.get("description"));
    String classification = string(property.get("classification"));
    boolean required = Boolean.TRUE.equals(property.get("required"));
    boolean unique = Boolean.TRUE.equals(property.get("unique"));
    if (known == null && tags.isEmpty() && description == null && classification == null && !required && !unique) {
      return null;
    }
    Classification parsed = classification == null ? null : Classification.parse(classification);
    if (classification != null && parsed == null) {
      throw new IllegalArgumentException("unknown classification '" + classification + "' of " + name);
    }
    return new ColumnModel(known != null ? known.name() : name, description, tags, required, unique, parsed,
        known != null ? known.references() : null, known != null ? known.location() : base.location());
  }

  private static Map<String, Object> freshness(ProductModel product) {
    long seconds = product.sla().freshness().toSeconds();
    long[] sizes = {86_400, 3_600, 60, 1};
    int unit = 0;
    while (seconds % sizes[unit] != 0) {
      unit++;
    }
    Map<String, Object> sla = new LinkedHashMap<>();
    sla.put("property", "freshness");
    sla.put("value", seconds / sizes[unit]);
    sla.put("unit", UNITS.get(unit));
    if (product.sla().timestampColumn() != null) {
      sla.put("element", product.name() + "." + product.sla().timestampColumn());
    }
    return sla;
  }

  /** ODCS calls freshness {@code latency} as well; other SLA properties have no place in the model. */
  private static Sla sla(Object properties) {
    for (Map<?, ?> sla : maps(properties)) {
      String property = string(sla.get("property"));
      if ("freshness".equals(property) || "latency".equals(property)) {
        long value = Long.parseLong(string(sla.get("value")));
        String unit = string(sla.get("unit"));
        Duration freshness = switch (unit == null ? "d" : unit.toLowerCase(Locale.ROOT)) {
          case "d", "day", "days" -> Duration.ofDays(value);
          case "h", "hour", "hours" -> Duration.ofHours(value);
          case "m", "min", "minute", "minutes" -> Duration.ofMinutes(value);
          case "s", "sec", "second", "seconds" -> Duration.ofSeconds(value);
          default -> throw new IllegalArgumentException("unknown SLA unit '" + unit + "'");
        };
        String element = string(sla.get("element"));
        return new Sla(freshness, element == null ? null : element.substring(element.lastIndexOf('.') + 1));
      }
    }
    return null;
  }

  private static Map<String, Object> support(Support support) {
    Map<String, Object> out = new LinkedHashMap<>();
    putIf(out, "channel", support.channel());
    putIf(out, "tool", support.tool());
    putIf(out, "url", support.url());
    return out;
  }

  private static ProductDescription description(Object value, ProductDescription fallback) {
    if (value == null) {
      return fallback;
    }
    if (value instanceof Map<?, ?> map) {
      return new ProductDescription(string(map.get("purpose")), string(map.get("usage")), string(map.get("limitations")));
    }
    return new ProductDescription(string(value), null, null);
  }

  private static String owner(Object team, String fallback) {
    if (!(team instanceof Map<?, ?> map)) {
      return fallback;
    }
    List<Map<?, ?>> members = maps(map.get("members"));
    return members.stream().filter(m -> "owner".equals(m.get("role"))).findFirst()
        .or(() -> members.stream().findFirst()).map(m -> string(m.get("username"))).orElse(fallback);
  }

  private static void putIf(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static String string(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  private static List<String> strings(Object value) {
    return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
  }

  private static List<Map<?, ?>> maps(Object value) {
    if (!(value instanceof List<?> list)) {
      return List.of();
    }
    List<Map<?, ?>> maps = new ArrayList<>();
    for (Object item : list) {
      if (item instanceof Map<?, ?> map) {
        maps.add(map);
      }
    }
    return maps;
  }
}
