package dev.meshkit.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests that sent credentials the authenticator refused: counted, and logged at WARN with the
 * user name (for Basic credentials) and the remote address, never the password or token. Each user
 * and address is logged at most once a minute, with how many failures went unlogged meanwhile, so a
 * password-guessing client cannot flood the log.
 *
 * <p>They are throttled too, on the JDBC endpoint and the web catalog alike: after {@value
 * #FREE_FAILURES} refusals of one user from one address within a minute, that user's credentials
 * from that address are not checked at all for a while (15 seconds, doubling with each further
 * round, at most 15 minutes); a success clears the count. Keyed by user and address, so a guesser
 * slows down only their own attempts, never the user's logins from elsewhere.
 */
final class FailedLogins {

  private static final Logger LOG = LoggerFactory.getLogger(MeshServer.class);
  private static final Duration QUIET = Duration.ofMinutes(1);
  /** Longest user name logged; longer ones are cut, as an attacker chooses them. */
  private static final int MAX_NAME = 64;

  static final int FREE_FAILURES = 5;
  private static final Duration FIRST_WAIT = Duration.ofSeconds(15);
  private static final Duration LONGEST_WAIT = Duration.ofMinutes(15);

  /** One user and address's recent refusals and the wait they earned. */
  private static final class Throttle {
    final Deque<Instant> recent = new ArrayDeque<>();
    Instant waitUntil = Instant.MIN;
    int rounds;
  }

  private final Clock clock;
  private final AtomicLong count = new AtomicLong();
  /** Kept well beyond the longest wait, so that the rounds (and the wait's growth) are remembered. */
  private final Cache<String, Throttle> throttles = Caffeine.newBuilder()
      .expireAfterAccess(LONGEST_WAIT.multipliedBy(2)).maximumSize(10_000).build();
  /** Failures not logged per user and address, since the last line logged for them. */
  private final Cache<String, AtomicLong> unlogged = Caffeine.newBuilder()
      .expireAfterWrite(QUIET).maximumSize(10_000).build();

  FailedLogins() {
    this(Clock.systemUTC());
  }

  FailedLogins(Clock clock) {
    this.clock = clock;
  }

  long count() {
    return count.get();
  }

  /**
   * How long attempts with these credentials from this address must still wait before they are
   * checked again; zero when they need not.
   */
  Duration waiting(String authorization, String address) {
    if (throttles.estimatedSize() == 0) {
      return Duration.ZERO; // nobody failed lately: no need to decode the credentials of every request
    }
    Throttle throttle = throttles.getIfPresent(key(authorization, address));
    if (throttle == null) {
      return Duration.ZERO;
    }
    synchronized (throttle) {
      Duration left = Duration.between(clock.instant(), throttle.waitUntil);
      return left.isNegative() ? Duration.ZERO : left;
    }
  }

  /** A login that succeeded: its user and address start afresh. */
  void succeeded(String authorization, String address) {
    if (throttles.estimatedSize() > 0) {
      throttles.invalidate(key(authorization, address));
    }
  }

  private static String key(String authorization, String address) {
    return who(authorization) + " from " + address;
  }

  /** Records one refused request that carried {@code authorization}. */
  void refused(String authorization, String address) {
    count.incrementAndGet();
    String who = who(authorization);
    String key = who + " from " + address;
    throttle(key, who, address);
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

  /** Notes one refusal, and starts a wait when it is one too many within a minute. */
  private void throttle(String key, String who, String address) {
    Throttle throttle = throttles.get(key, k -> new Throttle());
    Instant now = clock.instant();
    synchronized (throttle) {
      throttle.recent.addLast(now);
      while (throttle.recent.peekFirst().isBefore(now.minus(QUIET))) {
        throttle.recent.removeFirst();
      }
      if (throttle.recent.size() < FREE_FAILURES) {
        return;
      }
      Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(throttle.rounds, 16));
      wait = wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
      throttle.waitUntil = now.plus(wait);
      throttle.rounds++;
      throttle.recent.clear();
      LOG.warn("refusing logins for {} from {} for {} s: {} failed within a minute", who, address, wait.toSeconds(),
          FREE_FAILURES);
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
