package dev.meshkit.contract;

import dev.meshkit.GovernanceFinding;
import dev.meshkit.GovernanceFinding.Severity;
import dev.meshkit.MeshQuality;
import dev.meshkit.ProductContract;
import dev.meshkit.QualityResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Judges a new version of a mesh against the version it replaces.
 *
 * <p>The schema of a product that was {@code active} is its contract. A breaking change to it
 * (a column removed or renamed, a type narrowed or changed, a column becoming NOT NULL, required
 * or unique) needs a major version bump, or the new version is refused; a compatible change (a
 * column added, a type widened, a constraint dropped) needs at least a minor bump, or it loads with
 * a warning. An active product may not be removed (deprecate it first), nor its version lowered.
 *
 * <p>A product <em>moves to active</em> when it is {@code active} in the new version and was absent
 * or had another status in the old one. It may do so only when it has no error-level governance
 * finding and its quality checks of severity error pass. The first version of a mesh has nothing
 * before it: nothing moves, and nothing is compared.
 */
public final class ContractCheck {

  /** A breaking change to an active product without a major version bump; refuses the change. */
  public static final String BREAKING_NEEDS_MAJOR = "contract-breaking-needs-major";
  /** A compatible change to an active product without at least a minor version bump; a warning. */
  public static final String COMPATIBLE_NEEDS_MINOR = "contract-compatible-needs-minor";
  /** An active product's version went down; refuses the change. */
  public static final String VERSION_LOWERED = "contract-version-goes-up";
  /** An active product disappeared; refuses the change. */
  public static final String ACTIVE_REMOVED = "contract-active-product-kept";
  /** A product's schema could not be compared, its source did not answer; a warning. */
  public static final String NOT_COMPARED = "contract-schema-known";
  /** A product moving to active has an error-level governance finding; refuses the change. */
  public static final String ACTIVE_MEETS_STANDARDS = "active-meets-standards";
  /** A product moving to active fails a quality check; refuses the change for severity error. */
  public static final String ACTIVE_PASSES_QUALITY = "active-passes-quality";

  private final List<GovernanceFinding> findings = new ArrayList<>();

  private ContractCheck() {
  }

  /**
   * Compares two versions of a mesh and gates the products that move to active.
   *
   * @param before the running version, or null when {@code after} is the first (then the report is empty)
   * @param after the new version
   * @param afterQuality runs the new version's quality checks, for the products that move to active;
   *     null to leave quality out (the other rules still apply)
   * @return every change, and the problems: errors refuse the new version, warnings let it load
   */
  public static ContractReport check(MeshContracts before, MeshContracts after, MeshQuality afterQuality) {
    Objects.requireNonNull(after, "after is null");
    if (before == null) {
      return new ContractReport(List.of(), List.of(), List.of());
    }
    ContractCheck check = new ContractCheck();
    List<ProductChange> products = check.products(before.byName(), after.byName());
    check.activations(before.byName(), after.byName(), afterQuality);
    List<PolicyChange> policies = before.policies() == null || after.policies() == null ? List.of()
        : policies(before.policies(), after.policies());
    return new ContractReport(products, policies, check.findings);
  }

  private List<ProductChange> products(Map<String, ProductContract> before, Map<String, ProductContract> after) {
    List<ProductChange> changes = new ArrayList<>();
    after.forEach((key, now) -> {
      ProductContract old = before.get(key);
      changes.add(old == null
          ? new ProductChange(now.product(), ProductChange.Kind.ADDED, List.of(), null, now.version(), null,
              now.status(), false, Bump.NONE, Bump.NONE, now.location())
          : product(old, now));
    });
    before.forEach((key, old) -> {
      if (!after.containsKey(key)) {
        changes.add(new ProductChange(old.product(), ProductChange.Kind.REMOVED, List.of(), old.version(), null,
            old.status(), null, old.isActive(), Bump.NONE, Bump.NONE, old.location()));
        if (old.isActive()) {
          error(ACTIVE_REMOVED, old, "product " + old.product() + " " + version(old) + " is active and was removed,"
              + " which breaks its consumers (set its status to deprecated, with a replacement, and remove it once"
              + " it is retired)");
        }
      }
    });
    return changes;
  }

  private ProductChange product(ProductContract old, ProductContract now) {
    SemanticVersion from = SemanticVersion.parse(old.version());
    SemanticVersion to = SemanticVersion.parse(now.version());
    Bump made = from.bumpTo(to);
    boolean contracted = old.isActive();
    if (old.columns() == null || now.columns() == null) {
      if (contracted) {
        add(Severity.WARNING, NOT_COMPARED, now, "the schema of product " + now.product() + " was not compared: "
            + (old.columns() == null ? "the old" : "the new") + " version's source did not answer");
      }
      return new ProductChange(now.product(), ProductChange.Kind.UNCHANGED, List.of(), old.version(), now.version(),
          old.status(), now.status(), contracted, Bump.NONE, made, now.location());
    }
    List<ColumnChange> columns = Columns.changes(old.columns(), now.columns());
    boolean breaking = columns.stream().anyMatch(ColumnChange::breaking);
    ProductChange.Kind kind = breaking ? ProductChange.Kind.BREAKING
        : columns.isEmpty() ? ProductChange.Kind.UNCHANGED : ProductChange.Kind.COMPATIBLE;
    Bump required = !contracted ? Bump.NONE
        : kind == ProductChange.Kind.BREAKING ? Bump.MAJOR
        : kind == ProductChange.Kind.COMPATIBLE ? Bump.MINOR : Bump.NONE;
    String versions = made != Bump.NONE ? "its version goes from " + from + " to " + to
        : from.text() == null ? "it declares no version" : "its version stays " + from;
    if (contracted && made == Bump.LOWERED) {
      error(VERSION_LOWERED, now, "the version of product " + now.product() + " goes down from " + from + " to " + to
          + "; the versions of an active product only go up");
    } else if (!made.satisfies(required) && required == Bump.MAJOR) {
      for (ColumnChange change : columns.stream().filter(ColumnChange::breaking).toList()) {
        error(BREAKING_NEEDS_MAJOR, now, "product " + now.product() + ": " + change.describe()
            + ", which breaks its contract, but " + versions + " (a breaking change needs a major version: "
            + from.next(Bump.MAJOR) + ")");
      }
    } else if (!made.satisfies(required) && required == Bump.MINOR) {
      List<String> described = columns.stream().map(ColumnChange::describe).toList();
      add(Severity.WARNING, COMPATIBLE_NEEDS_MINOR, now, "product " + now.product() + ": "
          + String.join(", ", described) + ", a compatible change, but " + versions
          + " (a compatible change needs at least a minor version: " + from.next(Bump.MINOR) + ")");
    }
    return new ProductChange(now.product(), kind, columns, old.version(), now.version(), old.status(), now.status(),
        contracted, required, made, now.location());
  }

  /** The gate of products that move to active: clean standards and passing quality checks. */
  private void activations(Map<String, ProductContract> before, Map<String, ProductContract> after,
      MeshQuality quality) {
    after.forEach((key, now) -> {
      ProductContract old = before.get(key);
      if (!now.isActive() || old != null && old.isActive()) {
        return;
      }
      String becomes = "product " + now.product() + " cannot become active"
          + (old == null ? "" : " (it was " + old.status() + ")") + ": ";
      for (String problem : now.standardErrors()) {
        error(ACTIVE_MEETS_STANDARDS, now, becomes + problem);
      }
      if (quality == null) {
        return;
      }
      for (QualityResult result : quality.run(now.product())) {
        if (!result.failedOrError()) {
          continue;
        }
        String what = "its quality check '" + result.checkName() + "' "
            + (result.status().equals("error") ? "could not run" : "failed (expected " + result.expected() + ")");
        if (result.severity().equals("error")) {
          error(ACTIVE_PASSES_QUALITY, now, becomes + what);
        } else {
          add(Severity.WARNING, ACTIVE_PASSES_QUALITY, now, "product " + now.product() + " becomes active, but "
              + what + " (severity " + result.severity() + ")");
        }
      }
    });
  }

  private static List<PolicyChange> policies(Map<String, String> before, Map<String, String> after) {
    List<PolicyChange> changes = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String name : new TreeSet<>(after.keySet())) {
      String old = before.get(name);
      seen.add(name);
      if (old == null) {
        changes.add(new PolicyChange(name, PolicyChange.Kind.ADDED, null, after.get(name)));
      } else if (!old.equals(after.get(name))) {
        changes.add(new PolicyChange(name, PolicyChange.Kind.CHANGED, old, after.get(name)));
      }
    }
    for (String name : new TreeSet<>(before.keySet())) {
      if (!seen.contains(name)) {
        changes.add(new PolicyChange(name, PolicyChange.Kind.REMOVED, before.get(name), null));
      }
    }
    return changes;
  }

  private static String version(ProductContract contract) {
    return SemanticVersion.parse(contract.version()).text() == null ? "(no version)" : contract.version();
  }

  private void error(String rule, ProductContract product, String message) {
    add(Severity.ERROR, rule, product, message);
  }

  private void add(Severity severity, String rule, ProductContract product, String message) {
    findings.add(new GovernanceFinding(rule, severity, "product " + product.product().toLowerCase(Locale.ROOT),
        message, product.location()));
  }
}
