package dev.meshkit.descriptor;

import dev.meshkit.model.BuiltInMask;
import dev.meshkit.model.Location;
import dev.meshkit.model.PolicyModel;
import dev.meshkit.model.PolicyModel.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads policies, global or owned by a domain, and checks their shape. What they mean
 * (which products exist, who the roles are) is decided when the mesh is built.
 */
final class PolicyReader {

  private static final Set<String> POLICY_FIELDS = Set.of("name", "grant", "deny", "rowFilter", "mask");
  private static final Set<String> WHO = Set.of("roles", "users", "exceptRoles", "exceptUsers");
  private static final Pattern PRODUCT_PATTERN =
      Pattern.compile("\\*|" + Names.IDENTIFIER + "\\.(\\*|" + Names.IDENTIFIER + ")");

  private final Problems problems;
  private final EnvSubstitution env;
  private final UniqueNames names;

  /** @param names policy names seen so far; they are unique across the whole mesh */
  PolicyReader(Problems problems, EnvSubstitution env, UniqueNames names) {
    this.problems = problems;
    this.env = env;
    this.names = names;
  }

  /**
   * @param domain the owning domain, whose products alone the policy may name; null for a global policy
   * @param owner " of domain 'x'" for messages, or ""
   */
  List<PolicyModel> readAll(Fields parent, String domain, String owner) {
    List<PolicyModel> policies = new ArrayList<>();
    List<Node> items = parent.list("policies");
    for (int i = 0; i < items.size(); i++) {
      PolicyModel policy = read(items.get(i), "policy #" + (i + 1) + owner, domain, owner);
      if (policy != null) {
        policies.add(policy);
      }
    }
    return policies;
  }

  private PolicyModel read(Node node, String unnamed, String domain, String owner) {
    Fields policy = Fields.of(node, unnamed, problems, env);
    if (policy == null) {
      return null;
    }
    String written = policy.raw("name");
    policy.check(written == null ? unnamed : "policy '" + written + "'" + owner, POLICY_FIELDS);
    String name = policy.required("name");
    if (name != null) {
      String invalid = Names.checkPolicy(name);
      if (invalid != null) {
        problems.add(policy.line("name"), "policy name '" + written + "' is not valid: " + invalid);
      }
      names.add(name, written, policy.line());
    }
    Kind kind = kind(policy);
    if (kind == null) {
      return null;
    }
    Fields rule = policy.fields(kind.key(), kind.key() + " of " + policy.what());
    if (rule == null) {
      return null;
    }
    rule.check(rule.what(), accepted(kind));
    List<String> products = products(rule, domain);
    List<String> tags = rule.strings("tags");
    List<String> columns = rule.strings("columns");
    String where = kind == Kind.ROW_FILTER ? Fields.strip(rule.required("where")) : null;
    String with = kind == Kind.MASK ? with(rule) : null;
    String expression = kind == Kind.MASK ? expression(rule) : null;
    boolean explain = kind == Kind.GRANT && rule.bool("explain", false);
    if (kind == Kind.MASK) {
      checkMaskTarget(rule, products, columns, tags);
    } else if (products.isEmpty()) {
      problems.add(rule.line(), rule.what() + " needs 'products' (patterns such as 'sales.*')");
    }
    if (name == null) {
      return null;
    }
    return new PolicyModel(name, kind, products, tags, columns,
        rule.strings("roles"), rule.strings("users"), rule.strings("exceptRoles"), rule.strings("exceptUsers"),
        where, with, expression, explain, new Location(problems.file(), policy.line()));
  }

  private Kind kind(Fields policy) {
    List<Kind> kinds = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      if (policy.has(kind.key())) {
        kinds.add(kind);
      }
    }
    if (kinds.size() == 1) {
      return kinds.get(0);
    }
    String choices = "grant, deny, rowFilter or mask";
    if (kinds.isEmpty()) {
      problems.add(policy.line(), policy.what() + " needs one of " + choices);
    } else {
      String given = kinds.stream().map(k -> "'" + k.key() + "'").collect(Collectors.joining(" and "));
      problems.add(policy.line(), policy.what() + " has " + given + "; a policy has exactly one of " + choices);
    }
    return null;
  }

  private static Set<String> accepted(Kind kind) {
    Set<String> keys = new HashSet<>(WHO);
    keys.add("products");
    switch (kind) {
      case GRANT -> keys.add("explain");
      case ROW_FILTER -> keys.add("where");
      case MASK -> keys.addAll(Set.of("tags", "columns", "with", "expression"));
      default -> { }
    }
    return keys;
  }

  private List<String> products(Fields rule, String domain) {
    List<String> patterns = new ArrayList<>();
    int line = rule.line("products");
    for (Fields.Text pattern : rule.texts("products")) {
      if (!PRODUCT_PATTERN.matcher(pattern.value()).matches()) {
        problems.add(line, "product pattern '" + pattern.written() + "' in " + rule.what()
            + " is not valid: use '*', 'domain.*' or 'domain.product'");
      } else if (domain != null && !inDomain(pattern.value(), domain)) {
        problems.add(line, rule.what() + " may only name products of its own domain, not '"
            + pattern.written() + "'");
      }
      patterns.add(pattern.value());
    }
    return patterns;
  }

  private static boolean inDomain(String pattern, String domain) {
    int dot = pattern.indexOf('.');
    return dot > 0 && pattern.substring(0, dot).equalsIgnoreCase(domain);
  }

  private String with(Fields rule) {
    String with = rule.string("with");
    if (with != null && BuiltInMask.named(with).isEmpty()) {
      problems.add(rule.line("with"), "'with' in " + rule.what() + " must be one of "
          + String.join(", ", new TreeSet<>(BuiltInMask.names())) + ", or use 'expression' instead");
      return null;
    }
    return with;
  }

  private String expression(Fields rule) {
    String expression = rule.text("expression");
    if (expression != null && !expression.contains("{column}")) {
      problems.add(rule.line("expression"), "'expression' in " + rule.what()
          + " must contain {column}, which stands for the masked column");
    }
    return expression;
  }

  private void checkMaskTarget(Fields rule, List<String> products, List<String> columns, List<String> tags) {
    if (rule.has("with") == rule.has("expression")) {
      problems.add(rule.line(), rule.what() + " needs exactly one of 'with' (a built-in mask) or 'expression'");
    }
    if (columns.isEmpty() == tags.isEmpty()) {
      problems.add(rule.line(), rule.what() + " needs either 'columns' (with 'products') or 'tags', not "
          + (columns.isEmpty() ? "neither" : "both"));
    } else if (!columns.isEmpty() && products.isEmpty()) {
      problems.add(rule.line(), rule.what() + " names 'columns' so it needs 'products' too");
    }
  }
}
