package dev.meshkit.bootstrap;

import dev.meshkit.GovernanceFinding;
import dev.meshkit.MeshQuality;
import dev.meshkit.ProductContract;
import dev.meshkit.contract.ContractCheck;
import dev.meshkit.contract.ContractReport;
import dev.meshkit.contract.MeshContracts;
import dev.meshkit.engine.Domain;
import dev.meshkit.engine.MeshRuntime;
import dev.meshkit.engine.Product;
import dev.meshkit.model.ColumnModel;
import dev.meshkit.model.DomainModel;
import dev.meshkit.model.MeshModel;
import dev.meshkit.model.PolicyModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.rel.type.RelDataTypeField;

/** The contracts and policies of a loaded mesh, as {@code dev.meshkit.contract} compares them. */
public final class Contracts {

  private Contracts() {
  }

  /**
   * Checks a new version of a mesh against the version it would replace: the contract rules and
   * the gate of products that move to active (see {@link ContractCheck}).
   *
   * @param before the running version, or null when {@code after} is the first (nothing is compared)
   * @param after the new version, fully loaded
   * @param afterFindings the new version's governance findings (standards, policy and column checks),
   *     as {@link dev.meshkit.Mesh#governanceFindings()} lists them
   * @param afterQuality runs the new version's quality checks
   * @return every product and policy change, and the problems: errors refuse the change, warnings let it load
   */
  public static ContractReport check(MeshRuntime before, MeshRuntime after, List<GovernanceFinding> afterFindings,
      MeshQuality afterQuality) {
    MeshContracts old = before == null ? null : new MeshContracts(of(before, List.of()), policies(before.model()));
    return ContractCheck.check(old, new MeshContracts(of(after, afterFindings), policies(after.model())),
        afterQuality);
  }

  /**
   * The contract of every product of {@code runtime}, in declaration order.
   *
   * @param findings the mesh's governance findings, of which the error-level ones on each product go
   *     into its contract
   */
  public static List<ProductContract> of(MeshRuntime runtime, List<GovernanceFinding> findings) {
    List<ProductContract> contracts = new ArrayList<>();
    for (Domain domain : runtime.domains()) {
      for (Product product : domain.products().values()) {
        contracts.add(contract(product, findings));
      }
    }
    return contracts;
  }

  private static ProductContract contract(Product product, List<GovernanceFinding> findings) {
    String name = product.qualifiedName();
    List<ProductContract.Column> columns = null;
    if (product.isValidated()) {
      columns = new ArrayList<>();
      for (RelDataTypeField field : product.rowType().getFieldList()) {
        Optional<ColumnModel> declared = product.model().columns().stream()
            .filter(c -> c.name().equalsIgnoreCase(field.getName())).findFirst();
        columns.add(new ProductContract.Column(field.getName(), field.getType().toString(),
            field.getType().isNullable(), declared.map(ColumnModel::required).orElse(false),
            declared.map(ColumnModel::unique).orElse(false)));
      }
    }
    List<String> errors = findings.stream()
        .filter(f -> f.severity() == GovernanceFinding.Severity.ERROR)
        .filter(f -> f.subject().equalsIgnoreCase("product " + name)
            || f.subject().toLowerCase(Locale.ROOT).startsWith("column " + name.toLowerCase(Locale.ROOT) + "."))
        .map(f -> f.rule() + ": " + f.message()).toList();
    return new ProductContract(name, product.model().version(), product.model().status().word(),
        product.model().location().toString(), columns, errors);
  }

  /** Each policy of the mesh by name, as one line that two alike declarations share. */
  public static Map<String, String> policies(MeshModel model) {
    Map<String, String> policies = new LinkedHashMap<>();
    model.policies().forEach(p -> policies.put(p.name(), describe(p)));
    for (DomainModel domain : model.domains()) {
      domain.policies().forEach(p -> policies.put(p.name(), describe(p)));
    }
    return policies;
  }

  static String describe(PolicyModel p) {
    StringBuilder text = new StringBuilder(p.kind().key());
    if (p.kind() == PolicyModel.Kind.MASK) {
      list(text, "columns", p.columns());
      list(text, "tags", p.tags());
    }
    list(text, "products", p.products());
    if (p.where() != null) {
      text.append(" where ").append(p.where());
    }
    if (p.with() != null) {
      text.append(" with ").append(p.with());
    }
    if (p.expression() != null) {
      text.append(" as ").append(p.expression());
    }
    StringBuilder who = new StringBuilder();
    list(who, "roles", p.roles());
    list(who, "users", p.users());
    text.append(who.length() == 0 ? " for everyone" : " for" + who);
    list(text, "except roles", p.exceptRoles());
    list(text, "except users", p.exceptUsers());
    if (p.explain()) {
      text.append(", with explain");
    }
    return text.toString();
  }

  private static void list(StringBuilder text, String what, List<String> values) {
    if (!values.isEmpty()) {
      text.append(' ').append(what).append(' ').append(values);
    }
  }
}
