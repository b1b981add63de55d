package dev.meshkit;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Someone who queries the mesh: a name, roles and attributes. The application (or the server's
 * authenticator) has already established who this is; meshkit only decides what they may see.
 *
 * <pre>{@code
 * Principal ann = Principal.builder("ann").role("analyst").attribute("region", "EU").build();
 * }</pre>
 */
public final class Principal {

  private final String name;
  private final Set<String> roles;
  private final Map<String, String> attributes;

  private Principal(String name, Set<String> roles, Map<String, String> attributes) {
    this.name = name;
    this.roles = Set.copyOf(roles);
    this.attributes = Map.copyOf(attributes);
  }

  /** A principal with no roles and no attributes. */
  public static Principal of(String name) {
    return builder(name).build();
  }

  /** A principal with the given roles. */
  public static Principal of(String name, String... roles) {
    Builder builder = builder(name);
    for (String role : roles) {
      builder.role(role);
    }
    return builder.build();
  }

  /**
   * Starts a principal.
   *
   * @throws IllegalArgumentException if the name is blank
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  public String name() {
    return name;
  }

  /** Roles, unordered and unmodifiable. */
  public Set<String> roles() {
    return roles;
  }

  /** Attributes such as {@code region}, which row filters bind as {@code :region}. */
  public Map<String, String> attributes() {
    return attributes;
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Principal p
        && name.equals(p.name) && roles.equals(p.roles) && attributes.equals(p.attributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, roles, attributes);
  }

  /** Names and roles only: attribute values can be personal data. */
  @Override
  public String toString() {
    return "Principal[" + name + ", roles=" + new TreeSet<>(roles) + "]";
  }

  /** Builds a {@link Principal}; each setter fails fast on a bad value. */
  public static final class Builder {
    private final String name;
    private final Set<String> roles = new LinkedHashSet<>();
    private final Map<String, String> attributes = new TreeMap<>();

    private Builder(String name) {
      Objects.requireNonNull(name, "name is null");
      if (name.isBlank()) {
        throw new IllegalArgumentException("principal name cannot be blank");
      }
      this.name = name;
    }

    public Builder role(String role) {
      Objects.requireNonNull(role, "role is null");
      if (role.isBlank()) {
        throw new IllegalArgumentException("role cannot be blank (principal " + name + ")");
      }
      roles.add(role);
      return this;
    }

    public Builder roles(Iterable<String> roles) {
      roles.forEach(this::role);
      return this;
    }

    /**
     * @throws IllegalStateException if the attribute was already set
     */
    public Builder attribute(String key, String value) {
      Objects.requireNonNull(key, "key is null");
      Objects.requireNonNull(value, "value is null");
      if (attributes.putIfAbsent(key, value) != null) {
        throw new IllegalStateException("attribute " + key + " was already set for principal " + name);
      }
      return this;
    }

    public Builder attributes(Map<String, String> attributes) {
      attributes.forEach(this::attribute);
      return this;
    }

    public Principal build() {
      return new Principal(name, roles, attributes);
    }
  }
}
