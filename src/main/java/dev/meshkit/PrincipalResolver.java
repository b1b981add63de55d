package dev.meshkit;

import java.util.Optional;

/**
 * Turns the user name a JDBC client presents into a {@link Principal}. The default reads the
 * descriptor's {@code principals:}; applications plug in their own directory with
 * {@link Mesh.Builder#principalResolver}. An empty result refuses the connection (SQLState 28000):
 * there is no anonymous access.
 */
@FunctionalInterface
public interface PrincipalResolver {

  Optional<Principal> resolve(String user);
}
