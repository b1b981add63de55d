package dev.meshkit.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** A domain: the team that owns some sources and publishes products over them. */
public record DomainModel(
    String name,
    String owner,
    String description,
    Members members,
    List<SourceModel> sources,
    List<ProductModel> products,
    List<PolicyModel> policies,
    Location location) {

  public DomainModel {
    // Names are SQL identifiers, which the mesh reports in lower case however they were written.
    name = Objects.requireNonNull(name, "name is null").toLowerCase(Locale.ROOT);
    Objects.requireNonNull(members, "members is null");
    sources = List.copyOf(sources);
    products = List.copyOf(products);
    policies = List.copyOf(policies);
    Objects.requireNonNull(location, "location is null");
  }
}
