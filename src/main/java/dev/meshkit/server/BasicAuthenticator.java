package dev.meshkit.server;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.meshkit.Principal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** HTTP Basic credentials, checked by the application and remembered for a while once they pass. */
final class BasicAuthenticator implements Authenticator {

  private static final Duration REMEMBER = Duration.ofMinutes(5);
  /** How long a request waits for a turn to have its credentials checked before it is refused. */
  private static final Duration CHECK_WAIT = Duration.ofSeconds(5);

  private static final Logger LOG = LoggerFactory.getLogger(MeshServer.class);

  private final BiFunction<String, char[], Optional<Principal>> check;
  /** Keyed by an HMAC of the header under a key that lives only in this JVM, not the header. */
  private final Cache<String, Principal> verified = Caffeine.newBuilder()
      .expireAfterWrite(REMEMBER).maximumSize(10_000).build();
  private final SecretKeySpec key;
  /**
   * Uncached checks run at most one per core: a password hash is built to cost CPU, so a flood of
   * wrong credentials must not starve the queries of clients that already logged in.
   */
  private final Semaphore checks = new Semaphore(Runtime.getRuntime().availableProcessors(), true);

  BasicAuthenticator(BiFunction<String, char[], Optional<Principal>> check) {
    this.check = check;
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    this.key = new SecretKeySpec(secret, "HmacSHA256");
  }

  @Override
  public Optional<Principal> authenticate(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String digest = digest(authorization);
    Principal known = verified.getIfPresent(digest);
    if (known != null) {
      return Optional.of(known);
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(authorization.substring(6).trim());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(decoded));
    char[] text = Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
    Arrays.fill(chars.array(), '\0');
    Arrays.fill(decoded, (byte) 0);
    try {
      int colon = indexOf(text, ':');
      if (colon <= 0) {
        return Optional.empty();
      }
      String user = new String(text, 0, colon);
      char[] password = Arrays.copyOfRange(text, colon + 1, text.length);
      try {
        return checkInTurn(user, password, digest);
      } finally {
        Arrays.fill(password, '\0');
      }
    } finally {
      Arrays.fill(text, '\0');
    }
  }

  private Optional<Principal> checkInTurn(String user, char[] password, String digest) {
    try {
      if (!checks.tryAcquire(CHECK_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warn("refused a login for '{}': too many credential checks are waiting", user);
        return Optional.empty();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    try {
      Optional<Principal> principal = check.apply(user, password);
      principal.ifPresent(p -> verified.put(digest, p));
      return principal;
    } finally {
      checks.release();
    }
  }

  private static int indexOf(char[] text, char c) {
    for (int i = 0; i < text.length; i++) {
      if (text[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private String digest(String authorization) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(authorization.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM lacks HmacSHA256", e);
    }
  }
}
