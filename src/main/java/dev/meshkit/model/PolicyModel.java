package dev.meshkit.model;

import java.util.List;
import java.util.Objects;

/**
 * One policy, global or owned by a domain. Its kind says which of the optional fields matter:
 * {@code where} for row filters; {@code columns}, {@code tags}, {@code with} and {@code expression}
 * for masks; {@code explain} for grants. Who it applies to is {@code roles}/{@code users} minus
 * {@code exceptRoles}/{@code exceptUsers}.
 *
 * @param explain for a grant, whether its principals also see the internals of the products it
 *     covers: their SQL, the plan below them, the statements their sources receive, their source tables
 */
public record PolicyModel(
    String name,
    Kind kind,
    List<String> products,
    List<String> tags,
    List<String> columns,
    List<String> roles,
    List<String> users,
    List<String> exceptRoles,
    List<String> exceptUsers,
    String where,
    String with,
    String expression,
    boolean explain,
    Location location) {

  /** The four kinds of policy, named as the descriptor names them. */
  public enum Kind {
    GRANT("grant"), DENY("deny"), ROW_FILTER("rowFilter"), MASK("mask");

    private final String key;

    Kind(String key) {
      this.key = key;
    }

    /** The descriptor key that introduces this kind. */
    public String key() {
      return key;
    }
  }

  public PolicyModel {
    Objects.requireNonNull(name, "name is null");
    Objects.requireNonNull(kind, "kind is null");
    products = List.copyOf(products);
    tags = List.copyOf(tags);
    columns = List.copyOf(columns);
    roles = List.copyOf(roles);
    users = List.copyOf(users);
    exceptRoles = List.copyOf(exceptRoles);
    exceptUsers = List.copyOf(exceptUsers);
    Objects.requireNonNull(location, "location is null");
  }
}
