package dev.meshkit;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Salted password hashes for the descriptor's {@code principals:}, in the self-describing form
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (salt and hash in unpadded Base64). Only the
 * JDK is used: PBKDF2-HMAC-SHA256 is in every JVM and FIPS-approved, and its iteration count is
 * stored with each hash, so it can be raised later without invalidating existing ones.
 *
 * <pre>{@code
 * String hash = PasswordHasher.hash("s3cret".toCharArray());   // put it in the descriptor
 * boolean ok = PasswordHasher.verify("s3cret".toCharArray(), hash);
 * }</pre>
 */
public final class PasswordHasher {

  static final String SCHEME = "pbkdf2-sha256";
  /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256: slow enough to make guessing costly. */
  static final int ITERATIONS = 600_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;
  /** Below this a stored hash is refused: it would be cheap to brute-force. */
  private static final int MIN_ITERATIONS = 10_000;
  private static final int MAX_ITERATIONS = 10_000_000;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64_DECODE = Base64.getDecoder();

  private PasswordHasher() {
  }

  /**
   * Hashes a password with a fresh random salt.
   *
   * @throws IllegalArgumentException if the password is empty
   */
  public static String hash(char[] password) {
    Objects.requireNonNull(password, "password is null");
    if (password.length == 0) {
      throw new IllegalArgumentException("password is empty");
    }
    byte[] salt = new byte[SALT_BYTES];
    RANDOM.nextBytes(salt);
    byte[] hash = pbkdf2(password, salt, ITERATIONS, HASH_BITS);
    return SCHEME + "$" + ITERATIONS + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
  }

  /**
   * Whether a password matches a hash made by {@link #hash}. The comparison takes the same time
   * wherever the first difference is.
   *
   * @throws IllegalArgumentException if {@code hash} is not in the form {@link #hash} writes
   */
  public static boolean verify(char[] password, String hash) {
    Objects.requireNonNull(password, "password is null");
    Objects.requireNonNull(hash, "hash is null");
    String problem = problem(hash);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    String[] parts = hash.split("\\$");
    byte[] salt = B64_DECODE.decode(parts[2]);
    byte[] expected = B64_DECODE.decode(parts[3]);
    byte[] actual = pbkdf2(password, salt, Integer.parseInt(parts[1]), expected.length * 8);
    return MessageDigest.isEqual(expected, actual);
  }

  /**
   * What is wrong with a stored hash, as a sentence that never repeats the hash, or null when it
   * is well-formed. The descriptor reader uses it to fail the load naming file and line.
   */
  public static String problem(String hash) {
    String[] parts = hash.split("\\$", -1);
    if (parts.length != 4 || !parts[0].equals(SCHEME)) {
      return "password is not a hash of the form " + SCHEME + "$<iterations>$<salt>$<hash>"
          + " (create one with `meshkit hash-password`; never put a clear-text password here)";
    }
    int iterations;
    try {
      iterations = Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      return "password hash has an iteration count that is not a number";
    }
    if (iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
      return "password hash has " + iterations + " iterations; between " + MIN_ITERATIONS + " and "
          + MAX_ITERATIONS + " are accepted (create a new one with `meshkit hash-password`)";
    }
    try {
      if (B64_DECODE.decode(parts[2]).length < 8 || B64_DECODE.decode(parts[3]).length < 16) {
        return "password hash has a salt or hash that is too short";
      }
    } catch (IllegalArgumentException e) {
      return "password hash has a salt or hash that is not Base64";
    }
    return null;
  }

  private static byte[] pbkdf2(char[] password, byte[] salt, int iterations, int bits) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bits);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM lacks PBKDF2WithHmacSHA256", e);
    } finally {
      spec.clearPassword();
    }
  }
}
