package dev.meshkit.engine;

import dev.meshkit.GovernanceFinding;
import dev.meshkit.GovernanceFinding.Severity;
import dev.meshkit.governance.PolicyChecks;
import dev.meshkit.model.ColumnModel;
import dev.meshkit.model.Location;
import dev.meshkit.model.PolicyModel;
import dev.meshkit.model.PolicyModel.Kind;
import dev.meshkit.policy.PolicyEngine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import dev.meshkit.source.MeshTypeFactory;

/**
 * Checks policies, and what products declare, against the columns of products, which are known
 * only once a product's SQL is validated against its source. A row filter's {@code where} must
 * apply to every product it names, and every column a mask names must be a column of some
 * product it names. Every column a product declares, every column of its {@code primaryKey}, and
 * the column each {@code references} names in its product must exist: a declaration about a
 * column that is not there would otherwise pass silently (a {@code pii} tag no mask ever meets, a
 * key no tool is shown). A product whose source was down at load is checked when it validates.
 */
final class ColumnChecks {

  /** The rule of findings about declared columns. */
  static final String DECLARED = "declared-columns-exist";
  /** More products than this are counted, not listed, in a message. */
  private static final int MAX_NAMED = 5;

  private final Collection<Domain> domains;
  private final PolicyEngine policies;
  private final JavaTypeFactory types = new MeshTypeFactory();
  /** The products each mask that names columns covers; built on first use, once every product exists. */
  private Map<PolicyModel, List<Product>> maskProducts;
  private final Set<GovernanceFinding> found = new LinkedHashSet<>();

  /** @param domains the mesh's domains, read when the first product is checked */
  ColumnChecks(Collection<Domain> domains, PolicyEngine policies) {
    this.domains = domains;
    this.policies = policies;
  }

  /**
   * Checks the policies that name a product just validated, what it declares, and the products
   * whose references name it; returns the findings not reported before.
   */
  synchronized List<GovernanceFinding> check(Product product) {
    List<GovernanceFinding> added = new ArrayList<>();
    for (PolicyModel policy : policies.covering(product.domain.name(), product.name())) {
      if (policy.kind() == Kind.ROW_FILTER) {
        checkRowFilter(policy, product, added);
      } else if (policy.kind() == Kind.MASK) {
        checkMask(policy, added);
      }
    }
    checkOwn(product, added);
    for (Domain domain : domains) {
      for (Product other : domain.products.values()) {
        if (other != product && other.isValidated() && refersTo(other, product)) {
          checkReferences(other, added);
        }
      }
    }
    return added;
  }

  /** Every finding so far, in the order found. */
  synchronized List<GovernanceFinding> findings() {
    return List.copyOf(found);
  }

  private void checkRowFilter(PolicyModel policy, Product product, List<GovernanceFinding> added) {
    try {
      PolicyRewriter.validate(policy.name(), PolicyEngine.predicate(policy), "product " + product.qualifiedName(),
          product.rowType(), types);
    } catch (PolicyException e) {
      add(policy, e.getMessage(), added);
    }
  }

  /** A column is reported only once every product the mask names is validated and none has it. */
  private void checkMask(PolicyModel mask, List<GovernanceFinding> added) {
    List<Product> products = maskProducts().getOrDefault(mask, List.of());
    if (mask.columns().isEmpty() || products.stream().anyMatch(p -> !p.isValidated())) {
      return;
    }
    for (String column : mask.columns()) {
      boolean exists = products.stream().anyMatch(p -> p.rowType().getFieldNames().stream()
          .anyMatch(name -> name.equalsIgnoreCase(column)));
      if (!exists) {
        add(mask, PolicyChecks.label(mask) + " names column " + column + ", which " + lacking(products), added);
      }
    }
  }

  /** Which products lack a column, as a sentence names them: a few by name, many by number. */
  private static String lacking(List<Product> products) {
    if (products.size() == 1) {
      return "product " + products.get(0).qualifiedName() + " does not have (its columns: "
          + String.join(", ", products.get(0).rowType().getFieldNames()) + ")";
    }
    return products.size() > MAX_NAMED
        ? "none of the " + products.size() + " products it names has"
        : "none of its products has (" + products.stream().map(Product::qualifiedName)
            .collect(Collectors.joining(", ")) + ")";
  }

  private Map<PolicyModel, List<Product>> maskProducts() {
    if (maskProducts == null) {
      maskProducts = new IdentityHashMap<>();
      for (Domain domain : domains) {
        for (Product product : domain.products.values()) {
          policies.covering(domain.name(), product.name()).stream()
              .filter(policy -> policy.kind() == Kind.MASK && !policy.columns().isEmpty())
              .forEach(mask -> maskProducts.computeIfAbsent(mask, m -> new ArrayList<>()).add(product));
        }
      }
    }
    return maskProducts;
  }

  private void add(PolicyModel policy, String message, List<GovernanceFinding> added) {
    GovernanceFinding finding = new GovernanceFinding(PolicyChecks.COLUMNS_MATCHED, Severity.ERROR,
        PolicyChecks.subject(policy), message, policy.location().toString());
    if (found.add(finding)) {
      added.add(finding);
    }
  }

  private void checkOwn(Product product, List<GovernanceFinding> added) {
    List<String> columns = product.rowType().getFieldNames();
    for (ColumnModel column : product.model.columns()) {
      if (!columns.contains(column.name())) {
        addDeclared(product, column.location(), "product " + product.qualifiedName() + " declares column " + column.name()
            + ", which it does not have (its columns: " + String.join(", ", columns) + ")", added);
      }
    }
    for (String key : product.model.primaryKey()) {
      if (!columns.contains(key)) {
        addDeclared(product, product.model.location(), "the primaryKey of product " + product.qualifiedName()
            + " names column " + key + ", which it does not have (its columns: " + String.join(", ", columns) + ")",
            added);
      }
    }
    checkReferences(product, added);
  }

  /** The referenced columns of products already validated; the others are checked when they validate. */
  private void checkReferences(Product product, List<GovernanceFinding> added) {
    for (ColumnModel column : product.model.columns()) {
      if (column.references() == null) {
        continue;
      }
      String target = column.references().toLowerCase(Locale.ROOT);
      int dot = target.lastIndexOf('.');
      Product referenced = product(target.substring(0, dot));
      String name = target.substring(dot + 1);
      if (referenced != null && referenced.isValidated() && !referenced.rowType().getFieldNames().contains(name)) {
        addDeclared(product, column.location(), "column " + column.name() + " of product " + product.qualifiedName()
            + " references " + target + ", but product " + referenced.qualifiedName() + " has no column " + name
            + " (its columns: " + String.join(", ", referenced.rowType().getFieldNames()) + ")", added);
      }
    }
  }

  private boolean refersTo(Product product, Product referenced) {
    String prefix = referenced.qualifiedName() + ".";
    return product.model.columns().stream()
        .anyMatch(c -> c.references() != null && c.references().toLowerCase(Locale.ROOT).startsWith(prefix));
  }

  private Product product(String qualifiedName) {
    for (Domain domain : domains) {
      for (Product product : domain.products.values()) {
        if (product.qualifiedName().equals(qualifiedName)) {
          return product;
        }
      }
    }
    return null;
  }

  private void addDeclared(Product product, Location location, String message, List<GovernanceFinding> added) {
    GovernanceFinding finding = new GovernanceFinding(DECLARED, Severity.ERROR, "product " + product.qualifiedName(),
        message, location.toString());
    if (found.add(finding)) {
      added.add(finding);
    }
  }
}
