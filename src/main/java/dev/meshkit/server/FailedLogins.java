package dev.meshkit.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests that sent credentials the authenticator refused: counted, and logged at WARN with the
 * user name (for Basic credentials) and the remote address, never the password or token. Each user
 * and address is logged at most once a minute, with how many failures went unlogged meanwhile, so a
 * password-guessing client cannot flood the log.
 */
final class FailedLogins {

  private static final Logger LOG = LoggerFactory.getLogger(MeshServer.class);
  private static final Duration QUIET = Duration.ofMinutes(1);
  /** Longest user name logged; longer ones are cut, as an attacker chooses them. */
  private static final int MAX_NAME = 64;

  private final AtomicLong count = new AtomicLong();
  /** Failures not logged per user and address, since the last line logged for them. */
  private final Cache<String, AtomicLong> unlogged = Caffeine.newBuilder()
      .expireAfterWrite(QUIET).maximumSize(10_000).build();

  long count() {
    return count.get();
  }

  /** Records one refused request that carried {@code authorization}. */
  void refused(String authorization, String address) {
    count.incrementAndGet();
    String who = who(authorization);
    String key = who + " from " + address;
    AtomicLong first = new AtomicLong();
    AtomicLong seen = unlogged.get(key, k -> first);
    if (seen == first) {
      LOG.warn("refused a login for {} from {}: wrong credentials", who, address);
    } else {
      long skipped = seen.incrementAndGet();
      if (skipped % 100 == 0) {
        LOG.warn("refused a login for {} from {}: wrong credentials ({} failures in the last minute)", who,
            address, skipped + 1);
      }
    }
  }

  /** The user name of Basic credentials, quoted and made printable; else the kind of credentials. */
  static String who(String authorization) {
    if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      int space = authorization.indexOf(' ');
      return "a " + printable(space < 0 ? "malformed" : authorization.substring(0, space)) + " credential";
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(authorization.substring(6).trim());
    } catch (IllegalArgumentException e) {
      return "malformed Basic credentials";
    }
    try {
      int colon = 0;
      while (colon < decoded.length && decoded[colon] != ':') {
        colon++;
      }
      // Only the bytes before the colon are decoded: the password never becomes a String.
      return "user '" + printable(new String(decoded, 0, colon, StandardCharsets.UTF_8)) + "'";
    } finally {
      Arrays.fill(decoded, (byte) 0);
    }
  }

  /** Control characters escaped, so that a user name cannot forge log lines. */
  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().limit(MAX_NAME).forEach(c -> {
      if (Character.isISOControl(c)) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return text.codePointCount(0, text.length()) > MAX_NAME ? out + "..." : out.toString();
  }
}
