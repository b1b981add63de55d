package dev.meshkit.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A principal declared in the descriptor, for resolving the JDBC {@code user} property.
 *
 * @param passwordHash the salted hash the server's default authenticator checks, or null when the
 *     principal cannot log in with a password; never shown by {@link #toString()}
 */
public record PrincipalModel(String name, List<String> roles, Map<String, String> attributes, String passwordHash,
    Location location) {

  public PrincipalModel {
    Objects.requireNonNull(name, "name is null");
    roles = List.copyOf(roles);
    attributes = Map.copyOf(attributes);
    Objects.requireNonNull(location, "location is null");
  }

  public PrincipalModel(String name, List<String> roles, Map<String, String> attributes, Location location) {
    this(name, roles, attributes, null, location);
  }

  @Override
  public String toString() {
    return "PrincipalModel[name=" + name + ", roles=" + roles + ", attributes=" + attributes
        + ", password=" + (passwordHash == null ? "none" : "(hidden)") + ", location=" + location + "]";
  }
}
