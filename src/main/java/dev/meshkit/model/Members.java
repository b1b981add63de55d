package dev.meshkit.model;

import java.util.List;

/** Who belongs to a domain: principals by name or by role. They alone see its unreleased products. */
public record Members(List<String> users, List<String> roles) {

  public static final Members NONE = new Members(List.of(), List.of());

  public Members {
    users = List.copyOf(users);
    roles = List.copyOf(roles);
  }
}
