package dev.meshkit.model;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The mesh's secret for the {@code hash} mask ({@code masking.hashKey} in the descriptor). It
 * computes the mask itself, so the key never leaves this object: no accessor returns it, and
 * {@link #toString()} does not show it.
 */
public final class HashKey {

  /** The shortest key accepted, in bytes of its UTF-8 text: as long as the HMAC-SHA256 output. */
  public static final int MIN_BYTES = 32;

  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;
  // A Mac is not thread-safe, and making one per value costs more than the HMAC itself.
  private final ThreadLocal<Mac> macs;

  private HashKey(byte[] bytes) {
    this.key = new SecretKeySpec(bytes, ALGORITHM);
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  /**
   * @throws IllegalArgumentException if the key is shorter than {@link #MIN_BYTES} bytes; the
   *     message does not show the key
   */
  public static HashKey of(String text) {
    Objects.requireNonNull(text, "text is null");
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length < MIN_BYTES) {
      throw new IllegalArgumentException("the key is shorter than " + MIN_BYTES + " bytes");
    }
    return new HashKey(bytes);
  }

  /** Lower-case hex HMAC-SHA256 of the value's UTF-8 bytes. */
  public String hash(String value) {
    return HexFormat.of().formatHex(macs.get().doFinal(value.getBytes(StandardCharsets.UTF_8)));
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java platform must provide " + ALGORITHM, e);
    }
  }

  @Override
  public String toString() {
    return "HashKey[hidden]";
  }
}
