package dev.meshkit.descriptor;

import dev.meshkit.model.Classification;
import dev.meshkit.model.ColumnModel;
import dev.meshkit.model.Deprecation;
import dev.meshkit.model.DomainModel;
import dev.meshkit.model.Location;
import dev.meshkit.model.ProductDescription;
import dev.meshkit.model.ProductModel;
import dev.meshkit.model.ProductStatus;
import dev.meshkit.model.QualityCheck;
import dev.meshkit.model.Sla;
import dev.meshkit.model.Support;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;

/** Reads products and their columns, with the ODPS-style metadata: version, status, SLA, deprecation. */
final class ProductReader {

  private static final Set<String> PRODUCT_FIELDS = Set.of("name", "description", "sql", "columns", "version",
      "status", "owner", "tags", "support", "discoverable", "sla", "deprecation", "quality", "qualitySchedule",
      "primaryKey");
  private static final Set<String> DESCRIPTION_FIELDS = Set.of("purpose", "usage", "limitations");
  private static final Set<String> SUPPORT_FIELDS = Set.of("channel", "tool", "url");
  private static final Set<String> SLA_FIELDS = Set.of("freshness", "timestampColumn");
  private static final Set<String> DEPRECATION_FIELDS = Set.of("replacedBy", "sunset", "note");
  private static final Set<String> COLUMN_FIELDS = Set.of("name", "description", "tags", "required", "unique",
      "classification", "primaryKey", "references");
  /** What {@code references} names: {@code domain.product.column}. */
  private static final Pattern REFERENCE = Pattern.compile(Names.IDENTIFIER + "\\." + Names.IDENTIFIER + "\\."
      + Names.IDENTIFIER);

  /** Semantic Versioning 2.0.0, from semver.org. */
  private static final Pattern SEMVER = Pattern.compile("(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
      + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
      + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");
  private static final Pattern DURATION = Pattern.compile("([1-9]\\d{0,8})([smhdw])");

  /** A replacedBy, checked once every domain's products are known. */
  private record Replacement(String target, String product, String file, int line) {}

  private final Problems problems;
  private final QualityReader quality;
  private final List<Replacement> replacements = new ArrayList<>();
  /** A column's references, checked once every domain's products are known. */
  private record Reference(String target, String column, String file, int line) {}

  private final List<Reference> references = new ArrayList<>();
  /** The columns of the product being read that are marked {@code primaryKey: true}. */
  private final List<String> markedKey = new ArrayList<>();

  ProductReader(Problems problems) {
    this.problems = problems;
    this.quality = new QualityReader(problems);
  }

  ProductModel read(Fields product, String owner, UniqueNames names, String domainOwner) {
    String written = product.raw("name");
    product.check(written == null ? product.what() : "product '" + written + "'" + owner, PRODUCT_FIELDS);
    String name = product.required("name");
    if (product.checkName(name, "product")) {
      names.add(name, written, product.line());
    }
    String sql = Fields.strip(product.required("sql"));
    ProductDescription about = description(product);
    UniqueNames columnNames = new UniqueNames("column", " in " + product.what(), problems);
    List<ColumnModel> columns = product.items("columns", "column", " of " + product.what(),
        (fields) -> column(fields, product.what(), columnNames));
    String version = version(product);
    ProductStatus status = status(product);
    String productOwner = product.string("owner");
    List<String> tags = product.strings("tags");
    List<Support> support = product.items("support", "support entry", " of " + product.what(), this::support);
    boolean discoverable = product.bool("discoverable", true);
    Sla sla = sla(product);
    Deprecation deprecation = deprecation(product, name);
    List<QualityCheck> checks = product.items("quality", "quality check", " of " + product.what(), quality::read);
    Duration schedule = duration(product, "qualitySchedule");
    List<String> key = primaryKey(product, columns);
    if (name == null || sql == null) {
      return null;
    }
    return new ProductModel(name, about, sql, columns, version, status,
        productOwner != null ? productOwner : domainOwner, tags, support, discoverable, sla, deprecation, checks, schedule,
        key, new Location(problems.file(), product.line()));
  }

  /**
   * The product's {@code primaryKey: [columns]}, or the columns marked {@code primaryKey: true} in
   * the order declared (as ODCS writes it); not both.
   */
  private List<String> primaryKey(Fields product, List<ColumnModel> columns) {
    List<String> declared = product.strings("primaryKey");
    List<String> marked = markedKey.stream().toList();
    markedKey.clear();
    if (!declared.isEmpty() && !marked.isEmpty()) {
      problems.add(product.line("primaryKey"), product.field("primaryKey") + " and columns marked primaryKey: true"
          + " both declare the key; keep one");
      return List.of();
    }
    Set<String> seen = new HashSet<>();
    for (String column : declared) {
      String problem = Names.checkIdentifier(column);
      if (problem != null) {
        problems.add(product.line("primaryKey"), product.field("primaryKey") + " names '" + column + "': " + problem);
      } else if (!seen.add(key(column))) {
        problems.add(product.line("primaryKey"), product.field("primaryKey") + " names column '" + column + "' twice");
      }
    }
    return declared.isEmpty() ? marked : declared;
  }

  /** Reports each replacedBy that names no product; {@code domain.product}, compared ignoring case like SQL names. */
  void checkReplacements(List<DomainModel> domains) {
    Set<String> known = new HashSet<>();
    for (DomainModel domain : domains) {
      domain.products().forEach(p -> known.add(key(domain.name() + "." + p.name())));
    }
    for (Reference r : references) {
      String product = r.target().substring(0, r.target().lastIndexOf('.'));
      if (!known.contains(key(product))) {
        problems.add(r.file(), r.line(), "column " + r.column() + " references '" + r.target()
            + "', but '" + product + "' is not a product of this mesh (write domain.product.column)");
      }
    }
    for (Replacement r : replacements) {
      if (!known.contains(key(r.target()))) {
        problems.add(r.file(), r.line(), "product '" + r.product() + "' is replaced by '" + r.target()
            + "', which is not a product of this mesh (write domain.product)");
      }
    }
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** A plain string is the purpose; a mapping may split it into purpose, usage and limitations. */
  private ProductDescription description(Fields product) {
    if (product.node("description") instanceof MappingNode) {
      Fields parts = product.fields("description", "description of " + product.what());
      parts.check("description of " + product.what(), DESCRIPTION_FIELDS);
      ProductDescription about = new ProductDescription(parts.text("purpose"), parts.text("usage"),
          parts.text("limitations"));
      return about.text() == null ? null : about;
    }
    String text = product.text("description");
    return text == null ? null : new ProductDescription(text, null, null);
  }

  private String version(Fields product) {
    String version = product.string("version");
    if (version != null && !SEMVER.matcher(version).matches()) {
      problems.add(product.line("version"), product.field("version") + " must be a semantic version such as 2.1.0,"
          + " not '" + product.raw("version") + "'");
      return null;
    }
    return version;
  }

  private ProductStatus status(Fields product) {
    String text = product.string("status");
    if (text == null) {
      return ProductStatus.ACTIVE;
    }
    ProductStatus status = ProductStatus.parse(text);
    if (status == null) {
      problems.add(product.line("status"), product.field("status") + " must be one of "
          + words(ProductStatus.values()) + ", not '" + product.raw("status") + "'");
      return ProductStatus.ACTIVE;
    }
    return status;
  }

  private Support support(Fields support) {
    support.check(support.what(), SUPPORT_FIELDS);
    String channel = support.string("channel");
    String url = support.string("url");
    if (channel == null && url == null) {
      problems.add(support.line(), support.what() + " needs a 'channel' or a 'url'");
      return null;
    }
    return new Support(channel, support.string("tool"), url);
  }

  private Sla sla(Fields product) {
    Fields sla = product.fields("sla", "sla of " + product.what());
    if (sla == null) {
      return null;
    }
    sla.check("sla of " + product.what(), SLA_FIELDS);
    Duration duration = duration(sla, "freshness");
    return new Sla(duration, sla.string("timestampColumn"));
  }

  /** A duration such as 30m, 24h or 7d (units s, m, h, d, w), or null when absent or wrong (then reported). */
  private Duration duration(Fields fields, String key) {
    return duration(fields, key, problems);
  }

  /** {@link #duration(Fields, String)} for other readers. */
  static Duration duration(Fields fields, String key, Problems problems) {
    String text = fields.string(key);
    if (text == null) {
      return null;
    }
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      problems.add(fields.line(key), fields.field(key) + " must be a duration such as 30m, 24h or 7d"
          + " (units s, m, h, d, w), not '" + fields.raw(key) + "'");
      return null;
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
  }

  private Deprecation deprecation(Fields product, String name) {
    Fields deprecation = product.fields("deprecation", "deprecation of " + product.what());
    if (deprecation == null) {
      return null;
    }
    deprecation.check("deprecation of " + product.what(), DEPRECATION_FIELDS);
    String replacedBy = deprecation.string("replacedBy");
    if (replacedBy != null && name != null) {
      replacements.add(new Replacement(replacedBy, name, problems.file(), deprecation.line("replacedBy")));
    }
    String sunsetText = deprecation.string("sunset");
    LocalDate sunset = null;
    if (sunsetText != null) {
      try {
        sunset = LocalDate.parse(sunsetText);
      } catch (DateTimeParseException e) {
        problems.add(deprecation.line("sunset"), deprecation.field("sunset") + " must be a date written yyyy-MM-dd,"
            + " not '" + deprecation.raw("sunset") + "'");
      }
    }
    return new Deprecation(replacedBy, sunset, deprecation.text("note"));
  }

  private ColumnModel column(Fields column, String productLabel, UniqueNames names) {
    String written = column.raw("name");
    column.check(written == null ? column.what() : "column '" + written + "' of " + productLabel, COLUMN_FIELDS);
    String name = column.required("name");
    if (column.checkName(name, "column")) {
      names.add(name, written, column.line());
    }
    String description = column.text("description");
    List<String> tags = column.strings("tags");
    boolean required = column.bool("required", false);
    boolean unique = column.bool("unique", false);
    Classification classification = classification(column);
    if (column.bool("primaryKey", false) && name != null) {
      markedKey.add(name);
    }
    String references = column.string("references");
    if (references != null && !REFERENCE.matcher(references).matches()) {
      problems.add(column.line("references"), column.field("references") + " must name a column of a product as"
          + " domain.product.column, not '" + column.raw("references") + "'");
      references = null;
    } else if (references != null) {
      this.references.add(new Reference(references, name + " of " + productLabel, problems.file(),
          column.line("references")));
    }
    if (name == null) {
      return null;
    }
    return new ColumnModel(name, description, tags, required, unique, classification, references,
        new Location(problems.file(), column.line()));
  }

  private Classification classification(Fields column) {
    String text = column.string("classification");
    if (text == null) {
      return null;
    }
    Classification classification = Classification.parse(text);
    if (classification == null) {
      problems.add(column.line("classification"), column.field("classification") + " must be one of "
          + words(Classification.values()) + ", not '" + column.raw("classification") + "'");
    }
    return classification;
  }

  private static String words(Enum<?>[] values) {
    return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }
}
