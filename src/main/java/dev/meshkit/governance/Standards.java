package dev.meshkit.governance;

import dev.meshkit.GovernanceFinding;
import dev.meshkit.GovernanceFinding.Severity;
import dev.meshkit.MeshException;
import dev.meshkit.model.ColumnModel;
import dev.meshkit.model.DomainModel;
import dev.meshkit.model.Location;
import dev.meshkit.model.MeshModel;
import dev.meshkit.model.ProductModel;
import dev.meshkit.model.StandardModel;
import dev.meshkit.policy.PolicyEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computational governance: checks a mesh against the built-in standards and the ones its
 * descriptor declares. Only the declaration is read, so standards run before any source is opened.
 */
public final class Standards {

  private static final Logger LOG = LoggerFactory.getLogger("meshkit.governance");

  private final MeshModel model;
  private final PolicyEngine policies;
  private final List<GovernanceFinding> findings = new ArrayList<>();

  private Standards(MeshModel model) {
    this.model = model;
    this.policies = new PolicyEngine(model);
  }

  /**
   * Every violation of a built-in or declared standard, built-ins first, each in domain order.
   *
   * @throws MeshException if a policy of a model built in code is half-formed
   */
  public static List<GovernanceFinding> evaluate(MeshModel model) {
    Standards standards = new Standards(model);
    Stream.concat(StandardModel.BUILT_INS.stream(), model.standards().stream()).forEach(standards::check);
    return List.copyOf(standards.findings);
  }

  /**
   * Evaluates the standards and the {@linkplain PolicyChecks policies' targets}, and acts on the
   * findings as {@link #enforce(boolean, List)} does.
   *
   * @return every finding, standards first, as {@link #evaluate} and {@link PolicyChecks#evaluate} return them
   * @throws MeshException in strict mode, listing each error as {@code file:line: rule: sentence}
   */
  public static List<GovernanceFinding> enforce(MeshModel model) {
    List<GovernanceFinding> findings = new ArrayList<>(evaluate(model));
    findings.addAll(PolicyChecks.evaluate(model));
    return enforce(model.strict(), findings);
  }

  /**
   * Acts on findings: in strict mode any finding of severity error fails the load; every other
   * finding is logged as a warning on {@code meshkit.governance}.
   *
   * @return the findings
   * @throws MeshException in strict mode, listing each error as {@code file:line: rule: sentence}
   */
  public static List<GovernanceFinding> enforce(boolean strict, List<GovernanceFinding> findings) {
    List<GovernanceFinding> failing = strict
        ? findings.stream().filter(f -> f.severity() == Severity.ERROR).toList()
        : List.of();
    findings.stream().filter(f -> !failing.contains(f)).forEach(f -> LOG.warn("{}", f));
    if (!failing.isEmpty()) {
      throw new MeshException(failing.stream().map(GovernanceFinding::toString).toList());
    }
    return findings;
  }

  private void check(StandardModel standard) {
    Pattern pattern = standard.pattern() == null ? null : Pattern.compile(standard.pattern());
    for (DomainModel domain : model.domains()) {
      if (inScope(standard, domain)) {
        check(standard, pattern, domain);
      }
    }
  }

  private static boolean inScope(StandardModel standard, DomainModel domain) {
    return standard.domains().isEmpty()
        || standard.domains().stream().anyMatch(name -> name.equalsIgnoreCase(domain.name()));
  }

  private void check(StandardModel standard, Pattern pattern, DomainModel domain) {
    String subject = "domain " + domain.name();
    switch (standard.require()) {
      case DOMAIN_OWNED -> {
        if (blank(domain.owner())) {
          add(standard, subject, subject + " has no owner (add 'owner' to the domain)", domain.location());
        }
      }
      case DOMAIN_OWNER_MATCHES -> {
        if (blank(domain.owner())) {
          add(standard, subject, subject + " has no owner to match pattern '" + pattern + "'", domain.location());
        } else if (!pattern.matcher(domain.owner()).matches()) {
          add(standard, subject, "owner '" + domain.owner() + "' of " + subject + " does not match pattern '" + pattern + "'",
              domain.location());
        }
      }
      case DOMAIN_DESCRIBED -> {
        if (blank(domain.description())) {
          add(standard, subject, subject + " has no description", domain.location());
        }
      }
      // Product and column checks walk down to their subjects.
      default -> domain.products().forEach(product -> check(standard, pattern, domain, product));
    }
  }

  private void check(StandardModel standard, Pattern pattern, DomainModel domain, ProductModel product) {
    String subject = "product " + domain.name() + "." + product.name();
    switch (standard.require()) {
      case PRODUCT_DESCRIBED -> {
        if (blank(product.description())) {
          add(standard, subject, subject + " has no description", product.location());
        }
      }
      case PRODUCT_NAME_MATCHES -> {
        if (!pattern.matcher(product.name()).matches()) {
          add(standard, subject, "name of " + subject + " does not match pattern '" + pattern + "'", product.location());
        }
      }
      default -> product.columns().forEach(column -> check(standard, pattern, domain, product, column));
    }
  }

  private void check(StandardModel standard, Pattern pattern, DomainModel domain, ProductModel product,
      ColumnModel column) {
    String subject = "column " + domain.name() + "." + product.name() + "." + column.name();
    switch (standard.require()) {
      case COLUMNS_DESCRIBED -> {
        if (blank(column.description())) {
          add(standard, subject, subject + " has no description", column.location());
        }
      }
      case COLUMN_NAME_MATCHES -> {
        if (!pattern.matcher(column.name()).matches()) {
          add(standard, subject, "name of " + subject + " does not match pattern '" + pattern + "'", column.location());
        }
      }
      case TAG_COVERED -> {
        boolean tagged = column.tags().stream().anyMatch(tag -> tag.equalsIgnoreCase(standard.tag()));
        if (tagged && policies.coveringMask(domain.name(), product.name(), column.name()).isEmpty()) {
          add(standard, subject, subject + " is tagged " + standard.tag() + " but no mask policy covers it"
              + " (add a mask that selects it by tag, or by products and columns)", column.location());
        }
      }
    }
  }

  private void add(StandardModel standard, String subject, String message, Location location) {
    findings.add(new GovernanceFinding(standard.name(), standard.severity(), subject, message, location.toString()));
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
