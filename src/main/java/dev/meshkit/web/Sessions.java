package dev.meshkit.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.meshkit.Principal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;

/**
 * Browser sessions after a login on {@code /catalog/login}: a random token in an HttpOnly,
 * SameSite=Strict cookie maps to the principal and to the CSRF token that every POST of the
 * session must carry. Sessions end at logout, after an hour unused, or eight hours after login.
 */
final class Sessions {

  static final String COOKIE = "meshkit_session";
  static final String CSRF_HEADER = "X-CSRF-Token";
  static final Duration IDLE = Duration.ofHours(1);
  static final Duration LIFETIME = Duration.ofHours(8);

  record Session(Principal principal, String csrfToken, Instant expires) {}

  private final SecureRandom random = new SecureRandom();
  private final Cache<String, Session> sessions = Caffeine.newBuilder()
      .expireAfterAccess(IDLE).maximumSize(100_000).build();

  /** A new session's cookie token; its session holds a CSRF token of its own. */
  String open(Principal principal) {
    String token = token();
    sessions.put(token, new Session(principal, token(), Instant.now().plus(LIFETIME)));
    return token;
  }

  Optional<Session> find(HttpServletRequest request) {
    String token = cookie(request);
    return token == null ? Optional.empty() : find(token);
  }

  Optional<Session> find(String token) {
    Session session = sessions.getIfPresent(token);
    if (session != null && session.expires().isBefore(Instant.now())) {
      sessions.invalidate(token);
      session = null;
    }
    return Optional.ofNullable(session);
  }

  void close(HttpServletRequest request) {
    String token = cookie(request);
    if (token != null) {
      sessions.invalidate(token);
    }
  }

  static boolean csrfMatches(Session session, String sent) {
    return sent != null && MessageDigest.isEqual(session.csrfToken().getBytes(StandardCharsets.UTF_8),
        sent.getBytes(StandardCharsets.UTF_8));
  }

  static String setCookie(String token, boolean secure) {
    return COOKIE + "=" + token + "; Path=/; Max-Age=" + LIFETIME.toSeconds() + "; HttpOnly; SameSite=Strict"
        + (secure ? "; Secure" : "");
  }

  static String clearCookie(boolean secure) {
    return COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
  }

  static String cookie(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return null;
    }
    for (Cookie c : cookies) {
      if (COOKIE.equals(c.getName()) && c.getValue() != null && !c.getValue().isEmpty()) {
        return c.getValue();
      }
    }
    return null;
  }

  private String token() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
