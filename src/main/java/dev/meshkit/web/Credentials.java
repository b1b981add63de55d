package dev.meshkit.web;

import dev.meshkit.Principal;
import java.time.Duration;
import java.util.Optional;

/**
 * How the web catalog checks credentials: the server's own authenticator, so that the catalog
 * admits exactly whom the JDBC endpoint admits, and counts refused logins with the endpoint's.
 */
public interface Credentials {

  /**
   * The principal for an {@code Authorization} header value ({@code Basic ...} or {@code Bearer ...}),
   * or empty when refused; a refusal of a header that carried credentials counts as a failed login.
   */
  Optional<Principal> check(String authorization, String remoteAddress);

  /** The {@code WWW-Authenticate} challenge for a 401. */
  String challenge();

  /**
   * How long credentials like these from this address must wait before they are checked again,
   * after too many refusals; zero when they need not. Such a request is answered 429, unchecked.
   */
  default Duration waiting(String authorization, String remoteAddress) {
    return Duration.ZERO;
  }

  /** What a throttled login is told, on the JDBC endpoint and the web catalog alike. */
  static String tooManyFailures(Duration wait) {
    return "Too many failed logins for this user from your address: try again in " + retryAfter(wait) + " seconds";
  }

  /** The {@code Retry-After} value for a throttled login: whole seconds, rounded up. */
  static String retryAfter(Duration wait) {
    return String.valueOf(Math.max(1, wait.toSeconds() + (wait.toNanosPart() == 0 ? 0 : 1)));
  }
}
