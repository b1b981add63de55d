package dev.meshkit.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A principal declared in the descriptor, for resolving the JDBC {@code user} property. */
public record PrincipalModel(String name, List<String> roles, Map<String, String> attributes, Location location) {

  public PrincipalModel {
    Objects.requireNonNull(name, "name is null");
    roles = List.copyOf(roles);
    attributes = Map.copyOf(attributes);
    Objects.requireNonNull(location, "location is null");
  }
}
