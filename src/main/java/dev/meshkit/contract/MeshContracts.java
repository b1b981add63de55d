package dev.meshkit.contract;

import dev.meshkit.ProductContract;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One version of a mesh as contracts see it: its products' contracts and its policies.
 *
 * @param policies each policy by name, as one line; null when not known (a server does not publish
 *     its policies)
 */
public record MeshContracts(List<ProductContract> products, Map<String, String> policies) {

  public MeshContracts {
    products = List.copyOf(products);
    policies = policies == null ? null : Map.copyOf(policies);
  }

  /** The contracts by lower-case qualified name, in order. */
  Map<String, ProductContract> byName() {
    Map<String, ProductContract> byName = new LinkedHashMap<>();
    for (ProductContract contract : products) {
      byName.put(contract.product().toLowerCase(Locale.ROOT), contract);
    }
    return byName;
  }
}
