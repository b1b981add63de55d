package dev.meshkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Where a mesh stands on governance at one moment: missing metadata, unmasked pii, deprecated
 * products still read, failing quality checks, unused products, policy coverage per domain, and
 * what consumers say: the lowest-rated products and the open problems. Usage counts and feedback
 * come from the mesh's metadata store. Immutable; see {@code Mesh.report()}.
 *
 * @param generatedAt when the report was made
 * @param unusedFor how long a product must go unread to count as unused
 * @param lowestRated rated products by average rating, lowest first (ties by fewer ratings, then name)
 * @param openProblems problems not yet resolved, oldest first
 */
public record GovernanceReport(
    String mesh,
    Instant generatedAt,
    Duration unusedFor,
    List<MissingMetadata> missingMetadata,
    List<String> unmaskedPii,
    List<DeprecatedInUse> deprecatedInUse,
    List<QualityResult> failingChecks,
    List<Unused> unused,
    List<DomainCoverage> policyCoverage,
    List<RatedProduct> lowestRated,
    List<OpenProblem> openProblems) {

  /**
   * A product or column that lacks metadata.
   *
   * @param subject {@code product sales.orders} or {@code column sales.orders.email}
   * @param missing what it lacks: {@code owner}, {@code description}, {@code classification}
   */
  public record MissingMetadata(String subject, List<String> missing) {
    public MissingMetadata {
      missing = List.copyOf(missing);
    }
  }

  /**
   * A deprecated product that was read.
   *
   * @param consumers the principals who read it most, as {@code catalog.usage} names them
   */
  public record DeprecatedInUse(String product, String replacedBy, LocalDate sunset, long queries,
      long distinctPrincipals, Instant lastUsed, List<String> consumers) {
    public DeprecatedInUse {
      consumers = List.copyOf(consumers);
    }
  }

  /** A product no one has read within the period; {@code lastUsed} is null if never. */
  public record Unused(String product, Instant lastUsed) {}

  /**
   * How the policies cover one domain.
   *
   * @param ungranted products no grant, global or of the domain, names: no one can read them
   */
  public record DomainCoverage(String domain, List<ProductCoverage> products, List<String> ungranted) {
    public DomainCoverage {
      products = List.copyOf(products);
      ungranted = List.copyOf(ungranted);
    }
  }

  /** How many policies, global or of its domain, reach one product, by kind. */
  public record ProductCoverage(String product, int grants, int denies, int rowFilters, int masks) {}

  /** A product's average rating from 1 to 5, over {@code ratings} principals. */
  public record RatedProduct(String product, double averageRating, long ratings) {}

  /**
   * A problem a consumer reported that is not resolved yet.
   *
   * @param id the number {@code meshkit feedback resolve} takes
   * @param age how long it has been open when the report was made
   */
  public record OpenProblem(long id, String product, String description, Instant reportedAt, Duration age) {}

  public GovernanceReport {
    Objects.requireNonNull(mesh, "mesh is null");
    Objects.requireNonNull(generatedAt, "generatedAt is null");
    Objects.requireNonNull(unusedFor, "unusedFor is null");
    missingMetadata = List.copyOf(missingMetadata);
    unmaskedPii = List.copyOf(unmaskedPii);
    deprecatedInUse = List.copyOf(deprecatedInUse);
    failingChecks = List.copyOf(failingChecks);
    unused = List.copyOf(unused);
    policyCoverage = List.copyOf(policyCoverage);
    lowestRated = List.copyOf(lowestRated);
    openProblems = List.copyOf(openProblems);
  }

  /** A report without feedback sections, as before the metadata store kept feedback. */
  public GovernanceReport(String mesh, Instant generatedAt, Duration unusedFor, List<MissingMetadata> missingMetadata,
      List<String> unmaskedPii, List<DeprecatedInUse> deprecatedInUse, List<QualityResult> failingChecks,
      List<Unused> unused, List<DomainCoverage> policyCoverage) {
    this(mesh, generatedAt, unusedFor, missingMetadata, unmaskedPii, deprecatedInUse, failingChecks, unused,
        policyCoverage, List.of(), List.of());
  }

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The report as a JSON object; fields keep the order of the sections, times are ISO-8601 text. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("mesh", mesh);
    root.put("generatedAt", generatedAt.toString());
    root.put("unusedDays", unusedFor.toDays());
    each(root.putArray("missingMetadata"), missingMetadata, (o, m) -> {
      o.put("subject", m.subject());
      m.missing().forEach(o.putArray("missing")::add);
    });
    unmaskedPii.forEach(root.putArray("unmaskedPii")::add);
    each(root.putArray("deprecatedInUse"), deprecatedInUse, (o, d) -> {
      o.put("product", d.product());
      o.put("replacedBy", d.replacedBy());
      o.put("sunset", text(d.sunset()));
      o.put("queries", d.queries());
      o.put("distinctPrincipals", d.distinctPrincipals());
      o.put("lastUsed", text(d.lastUsed()));
      d.consumers().forEach(o.putArray("consumers")::add);
    });
    each(root.putArray("failingChecks"), failingChecks, (o, q) -> {
      o.put("product", q.product());
      o.put("check", q.checkName());
      o.put("metric", q.metric());
      o.put("column", q.column());
      o.put("status", q.status());
      o.put("observed", text(q.observed()));
      o.put("expected", q.expected());
      o.put("severity", q.severity());
      o.put("checkedAt", text(q.checkedAt()));
    });
    each(root.putArray("unused"), unused, (o, u) -> {
      o.put("product", u.product());
      o.put("lastUsed", text(u.lastUsed()));
    });
    each(root.putArray("policyCoverage"), policyCoverage, (o, d) -> {
      o.put("domain", d.domain());
      each(o.putArray("products"), d.products(), (p, c) -> {
        p.put("product", c.product());
        p.put("grant", c.grants());
        p.put("deny", c.denies());
        p.put("rowFilter", c.rowFilters());
        p.put("mask", c.masks());
      });
      d.ungranted().forEach(o.putArray("ungranted")::add);
    });
    each(root.putArray("lowestRated"), lowestRated, (o, r) -> {
      o.put("product", r.product());
      o.put("averageRating", r.averageRating());
      o.put("ratings", r.ratings());
    });
    each(root.putArray("openProblems"), openProblems, (o, p) -> {
      o.put("id", p.id());
      o.put("product", p.product());
      o.put("description", p.description());
      o.put("reportedAt", p.reportedAt().toString());
      o.put("ageDays", p.age().toDays());
    });
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values failed to serialize", e);
    }
  }

  /** The report as Markdown: one {@code ##} section per list, each a table or "None." */
  public String toMarkdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Governance report: ").append(mesh).append("\n\nGenerated ").append(generatedAt)
        .append("; unused means not read in ").append(unusedFor.toDays()).append(" days.\n");
    section(md, "Missing metadata", missingMetadata.isEmpty(), "| Subject | Missing |", () ->
        missingMetadata.forEach(m -> row(md, m.subject(), String.join(", ", m.missing()))));
    section(md, "PII columns without a mask", unmaskedPii.isEmpty(), "| Column |", () ->
        unmaskedPii.forEach(c -> row(md, c)));
    section(md, "Deprecated products in use", deprecatedInUse.isEmpty(),
        "| Product | Replaced by | Sunset | Queries | Last used | Consumers |", () ->
        deprecatedInUse.forEach(d -> row(md, d.product(), text(d.replacedBy()), text(d.sunset()),
            String.valueOf(d.queries()), text(d.lastUsed()), String.join(", ", d.consumers()))));
    section(md, "Failing quality checks", failingChecks.isEmpty(),
        "| Product | Check | Status | Observed | Expected | Severity |", () ->
        failingChecks.forEach(q -> row(md, q.product(), q.checkName(), q.status(), text(q.observed()),
            text(q.expected()), q.severity())));
    section(md, "Unused products", unused.isEmpty(), "| Product | Last used |", () ->
        unused.forEach(u -> row(md, u.product(), u.lastUsed() == null ? "never" : u.lastUsed().toString())));
    md.append("\n## Policy coverage\n");
    for (DomainCoverage d : policyCoverage) {
      md.append("\n### ").append(d.domain()).append("\n\n| Product | Grant | Deny | Row filter | Mask |\n");
      md.append("|---|---|---|---|---|\n");
      d.products().forEach(c -> row(md, c.product(), String.valueOf(c.grants()), String.valueOf(c.denies()),
          String.valueOf(c.rowFilters()), String.valueOf(c.masks())));
      if (!d.ungranted().isEmpty()) {
        md.append("\nNo grant covers: ").append(String.join(", ", d.ungranted())).append("\n");
      }
    }
    section(md, "Lowest-rated products", lowestRated.isEmpty(), "| Product | Average rating | Ratings |", () ->
        lowestRated.forEach(r -> row(md, r.product(), String.format(java.util.Locale.ROOT, "%.2f", r.averageRating()),
            String.valueOf(r.ratings()))));
    section(md, "Open problems", openProblems.isEmpty(), "| Id | Product | Reported | Age (days) | Problem |", () ->
        openProblems.forEach(p -> row(md, String.valueOf(p.id()), p.product(), p.reportedAt().toString(),
            String.valueOf(p.age().toDays()), plainText(p.description()))));
    return md.toString();
  }

  private static <T> void each(ArrayNode array, List<T> items, BiConsumer<ObjectNode, T> fill) {
    items.forEach(item -> fill.accept(array.addObject(), item));
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static void section(StringBuilder md, String title, boolean empty, String header, Runnable rows) {
    md.append("\n## ").append(title).append("\n\n");
    if (empty) {
      md.append("None.\n");
      return;
    }
    md.append(header).append('\n').append(header.replaceAll("[^|]+", "---")).append('\n');
    rows.run();
  }

  /** A consumer's words shown as the text they are: Markdown renderers pass HTML through. */
  private static String plainText(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  // Pipes inside a cell would split it.
  private static void row(StringBuilder md, String... cells) {
    md.append('|');
    for (String cell : cells) {
      md.append(' ').append(cell == null ? "" : cell.replace("|", "\\|").replace("\n", " ")).append(" |");
    }
    md.append('\n');
  }
}
