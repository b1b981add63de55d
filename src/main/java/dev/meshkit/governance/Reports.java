package dev.meshkit.governance;

import dev.meshkit.Feedback;
import dev.meshkit.GovernanceReport;
import dev.meshkit.GovernanceReport.OpenProblem;
import dev.meshkit.GovernanceReport.RatedProduct;
import dev.meshkit.GovernanceReport.DeprecatedInUse;
import dev.meshkit.GovernanceReport.DomainCoverage;
import dev.meshkit.GovernanceReport.MissingMetadata;
import dev.meshkit.GovernanceReport.ProductCoverage;
import dev.meshkit.GovernanceReport.Unused;
import dev.meshkit.MeshQuality;
import dev.meshkit.QualityResult;
import dev.meshkit.model.ColumnModel;
import dev.meshkit.model.DomainModel;
import dev.meshkit.model.MeshModel;
import dev.meshkit.model.PolicyModel;
import dev.meshkit.model.PolicyModel.Kind;
import dev.meshkit.model.ProductModel;
import dev.meshkit.model.ProductStatus;
import dev.meshkit.policy.PolicyEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Builds a {@link GovernanceReport} from the declaration, the policies, usage and quality results. */
public final class Reports {

  private Reports() {}

  /** The report as of {@code now}, without feedback; products are listed in declaration order. */
  public static GovernanceReport build(MeshModel model, PolicyEngine policies, UsageStats usage,
      MeshQuality quality, Duration unusedFor, Instant now) {
    return build(model, policies, usage, quality, List.of(), unusedFor, now);
  }

  /**
   * The report as of {@code now}; products are listed in declaration order.
   *
   * @param feedback every product's feedback; that of products the mesh no longer serves is left out
   */
  public static GovernanceReport build(MeshModel model, PolicyEngine policies, UsageStats usage,
      MeshQuality quality, List<Feedback> feedback, Duration unusedFor, Instant now) {
    Map<String, UsageStats.Usage> totals = usage.all();
    Set<String> served = new HashSet<>();
    List<MissingMetadata> missing = new ArrayList<>();
    List<String> unmasked = new ArrayList<>();
    List<DeprecatedInUse> deprecated = new ArrayList<>();
    List<QualityResult> failing = new ArrayList<>();
    List<Unused> unused = new ArrayList<>();
    List<DomainCoverage> coverage = new ArrayList<>();
    Instant cutoff = now.minus(unusedFor);
    for (DomainModel domain : model.domains()) {
      List<ProductCoverage> covered = new ArrayList<>();
      List<String> ungranted = new ArrayList<>();
      for (ProductModel product : domain.products()) {
        String name = domain.name() + "." + product.name();
        List<String> lacks = new ArrayList<>();
        // A product without its own owner is owned by its domain's.
        if (blank(product.owner()) && blank(domain.owner())) {
          lacks.add("owner");
        }
        if (blank(product.description())) {
          lacks.add("description");
        }
        if (!lacks.isEmpty()) {
          missing.add(new MissingMetadata("product " + name, lacks));
        }
        for (ColumnModel column : product.columns()) {
          String qualified = name + "." + column.name();
          List<String> columnLacks = new ArrayList<>();
          if (blank(column.description())) {
            columnLacks.add("description");
          }
          if (column.classification() == null) {
            columnLacks.add("classification");
          }
          if (!columnLacks.isEmpty()) {
            missing.add(new MissingMetadata("column " + qualified, columnLacks));
          }
          if (column.tags().stream().anyMatch("pii"::equalsIgnoreCase)
              && policies.coveringMask(domain.name(), product.name(), column.name()).isEmpty()) {
            unmasked.add(qualified);
          }
        }
        served.add(name);
        UsageStats.Usage used = totals.getOrDefault(name, UsageStats.Usage.NONE);
        if (product.status() == ProductStatus.DEPRECATED && used.queries() > 0) {
          deprecated.add(new DeprecatedInUse(name,
              product.deprecation() == null ? null : product.deprecation().replacedBy(),
              product.deprecation() == null ? null : product.deprecation().sunset(),
              used.queries(), used.distinctPrincipals(), used.lastUsed(), used.topConsumers()));
        }
        // Retired products cannot be read, so their disuse is expected.
        if (product.status() != ProductStatus.RETIRED && (used.lastUsed() == null || used.lastUsed().isBefore(cutoff))) {
          unused.add(new Unused(name, used.lastUsed()));
        }
        quality.latest(name).stream().filter(QualityResult::failedOrError).forEach(failing::add);
        List<PolicyModel> reaching = policies.reaching(domain.name(), product.name());
        int grants = count(reaching, Kind.GRANT);
        covered.add(new ProductCoverage(product.name(), grants, count(reaching, Kind.DENY),
            count(reaching, Kind.ROW_FILTER), count(reaching, Kind.MASK)));
        if (grants == 0) {
          ungranted.add(product.name());
        }
      }
      coverage.add(new DomainCoverage(domain.name(), covered, ungranted));
    }
    return new GovernanceReport(model.name(), now, unusedFor, missing, unmasked, deprecated, failing, unused,
        coverage, lowestRated(feedback, served), openProblems(feedback, served, now));
  }

  private static List<RatedProduct> lowestRated(List<Feedback> feedback, Set<String> served) {
    Map<String, long[]> ratings = new TreeMap<>();
    for (Feedback f : feedback) {
      if (f.kind() == Feedback.Kind.RATING && served.contains(f.product())) {
        long[] sum = ratings.computeIfAbsent(f.product(), p -> new long[2]);
        sum[0] += f.rating();
        sum[1]++;
      }
    }
    List<RatedProduct> rated = new ArrayList<>();
    ratings.forEach((product, sum) -> rated.add(new RatedProduct(product, (double) sum[0] / sum[1], sum[1])));
    rated.sort(Comparator.comparingDouble(RatedProduct::averageRating).thenComparingLong(RatedProduct::ratings)
        .thenComparing(RatedProduct::product));
    return rated;
  }

  private static List<OpenProblem> openProblems(List<Feedback> feedback, Set<String> served, Instant now) {
    return feedback.stream()
        .filter(f -> f.status() == Feedback.Status.OPEN && served.contains(f.product()))
        .sorted(Comparator.comparing(Feedback::createdAt).thenComparingLong(Feedback::id))
        .map(f -> new OpenProblem(f.id(), f.product(), f.comment(), f.createdAt(), Duration.between(f.createdAt(), now)))
        .toList();
  }

  private static int count(List<PolicyModel> policies, Kind kind) {
    return (int) policies.stream().filter(p -> p.kind() == kind).count();
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
