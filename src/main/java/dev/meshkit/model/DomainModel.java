package dev.meshkit.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A domain: the team that owns some sources and publishes products over them.
 *
 * @param location where the domain is declared: the platform descriptor, or the domain file it includes
 * @param baseDir folder that relative paths in the domain's source settings resolve against: the
 *     folder of the file that declares it
 */
public record DomainModel(
    String name,
    String owner,
    String description,
    Members members,
    List<SourceModel> sources,
    List<ProductModel> products,
    List<PolicyModel> policies,
    Location location,
    Path baseDir) {

  public DomainModel {
    // Names are SQL identifiers, which the mesh reports in lower case however they were written.
    name = Objects.requireNonNull(name, "name is null").toLowerCase(Locale.ROOT);
    Objects.requireNonNull(members, "members is null");
    sources = List.copyOf(sources);
    products = List.copyOf(products);
    policies = List.copyOf(policies);
    Objects.requireNonNull(location, "location is null");
    Objects.requireNonNull(baseDir, "baseDir is null");
  }
}
