package dev.meshkit.model;

import dev.meshkit.GovernanceFinding.Severity;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A governance standard: a check every domain in scope must pass, declared under
 * {@code standards:} or built in. Which of {@code pattern} and {@code tag} matter depends on the check.
 *
 * @param pattern a regular expression the whole name or owner must match, for the {@code ...Matches} checks
 * @param tag the column tag that must be masked, for {@code tagCovered}
 * @param domains the domains it applies to; empty means all
 */
public record StandardModel(
    String name,
    Check require,
    String pattern,
    String tag,
    Severity severity,
    List<String> domains,
    Location location) {

  /** The checks a standard can require, named as the descriptor names them. */
  public enum Check {
    DOMAIN_OWNED("domainOwned", null),
    DOMAIN_OWNER_MATCHES("domainOwnerMatches", "pattern"),
    DOMAIN_DESCRIBED("domainDescribed", null),
    PRODUCT_DESCRIBED("productDescribed", null),
    PRODUCT_NAME_MATCHES("productNameMatches", "pattern"),
    COLUMNS_DESCRIBED("columnsDescribed", null),
    COLUMN_NAME_MATCHES("columnNameMatches", "pattern"),
    TAG_COVERED("tagCovered", "tag");

    private final String key;
    private final String parameter;

    Check(String key, String parameter) {
      this.key = key;
      this.parameter = parameter;
    }

    /** The value of {@code require} that selects this check. */
    public String key() {
      return key;
    }

    /** The field this check needs ({@code pattern} or {@code tag}), or null. */
    public String parameter() {
      return parameter;
    }

    /** The check a {@code require} value names, or null. Exact case, like every descriptor key. */
    public static Check of(String key) {
      return Arrays.stream(values()).filter(check -> check.key.equals(key)).findFirst().orElse(null);
    }
  }

  private static final Location BUILT_IN = new Location("<built-in>", 0);

  /** The standards every mesh has, whatever its descriptor says. */
  public static final List<StandardModel> BUILT_INS = List.of(
      new StandardModel("domain-has-owner", Check.DOMAIN_OWNED, null, null, Severity.ERROR, List.of(), BUILT_IN),
      new StandardModel("product-has-description", Check.PRODUCT_DESCRIBED, null, null, Severity.ERROR, List.of(),
          BUILT_IN),
      new StandardModel("pii-is-masked", Check.TAG_COVERED, null, "pii", Severity.ERROR, List.of(), BUILT_IN));

  /**
   * @throws IllegalArgumentException if the check's parameter is missing
   */
  public StandardModel {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(require, "require is null");
    Objects.requireNonNull(severity, "severity is null");
    domains = List.copyOf(domains);
    Objects.requireNonNull(location, "location is null");
    if ("pattern".equals(require.parameter()) && pattern == null
        || "tag".equals(require.parameter()) && tag == null) {
      throw new IllegalArgumentException("standard '" + name + "' needs '" + require.parameter() + "'");
    }
  }
}
