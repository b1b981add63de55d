package dev.meshkit.contract;

import dev.meshkit.GovernanceFinding;
import java.util.List;

/**
 * Everything that changed between two versions of a mesh, and the problems with it.
 *
 * @param products every product of either version, the new version's order first, then the removed
 * @param policies the policies added, removed or changed; empty when either side's are not known
 * @param findings the problems: errors refuse the new version, warnings let it load
 */
public record ContractReport(List<ProductChange> products, List<PolicyChange> policies,
    List<GovernanceFinding> findings) {

  public ContractReport {
    products = List.copyOf(products);
    policies = List.copyOf(policies);
    findings = List.copyOf(findings);
  }

  /** Whether the new version would be refused: some finding is an error. */
  public boolean refused() {
    return findings.stream().anyMatch(f -> f.severity() == GovernanceFinding.Severity.ERROR);
  }

  public List<GovernanceFinding> errors() {
    return findings.stream().filter(f -> f.severity() == GovernanceFinding.Severity.ERROR).toList();
  }

  public List<GovernanceFinding> warnings() {
    return findings.stream().filter(f -> f.severity() == GovernanceFinding.Severity.WARNING).toList();
  }
}
