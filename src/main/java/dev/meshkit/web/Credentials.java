package dev.meshkit.web;

import dev.meshkit.Principal;
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
}
