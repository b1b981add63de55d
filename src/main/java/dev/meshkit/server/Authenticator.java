package dev.meshkit.server;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Decides who sent a request to a {@link MeshServer}. It sees every HTTP request's
 * {@code Authorization} header and returns the principal the request runs as; an empty answer
 * refuses the request with HTTP 401. The principal it returns is the only identity a remote
 * connection ever has: nothing the client sends in its connection properties can change it.
 *
 * <p>Implementations must be thread-safe and should be quick: the server calls them for every
 * request, so slow checks (password hashing, a remote user store) belong behind a cache, as
 * {@link #basic} already does.
 *
 * <pre>{@code
 * Authenticator tokens = Authenticator.bearer(token -> tokenStore.principalFor(token));
 * }</pre>
 */
@FunctionalInterface
public interface Authenticator {

  /**
   * The principal a request runs as.
   *
   * @param authorization the request's {@code Authorization} header exactly as sent (for example
   *     {@code "Basic YW5uOnNlY3JldA=="} or {@code "Bearer eyJ..."}), or null when it has none
   * @return the principal, or empty to refuse the request
   */
  Optional<Principal> authenticate(String authorization);

  /**
   * The {@code WWW-Authenticate} challenge sent with a 401. HTTP clients, Avatica's among them,
   * send Basic credentials only after they were challenged for them.
   */
  default String challenge() {
    return "Basic realm=\"meshkit\", charset=\"UTF-8\"";
  }

  /**
   * The default: HTTP Basic credentials checked against the salted {@code password:} hashes of
   * the descriptor's principals (see {@link Mesh#verifyPassword}). A principal without a password
   * cannot log in.
   */
  static Authenticator descriptorUsers(Mesh mesh) {
    Objects.requireNonNull(mesh, "mesh is null");
    return basic((user, password) -> mesh.verifyPassword(user, password) ? mesh.principal(user) : Optional.empty());
  }

  /**
   * HTTP Basic authentication against the application's own user store. {@code check} receives
   * the user name and password and returns the principal, or empty for wrong credentials.
   * Successful checks are remembered for five minutes under a keyed digest of the credentials
   * (never the password itself), so a slow store is consulted once per client, not per request.
   */
  static Authenticator basic(BiFunction<String, char[], Optional<Principal>> check) {
    return new BasicAuthenticator(Objects.requireNonNull(check, "check is null"));
  }

  /**
   * Bearer tokens ({@code Authorization: Bearer <token>}): {@code tokens} maps a token to its
   * principal, or to empty for an unknown or expired token. Avatica clients send one with
   * {@code authentication=BEARER;bearer_token=<token>}.
   */
  static Authenticator bearer(Function<String, Optional<Principal>> tokens) {
    Objects.requireNonNull(tokens, "tokens is null");
    return new Authenticator() {
      @Override
      public Optional<Principal> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
          return Optional.empty();
        }
        String token = authorization.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : tokens.apply(token);
      }

      @Override
      public String challenge() {
        return "Bearer realm=\"meshkit\"";
      }
    };
  }
}
