package dev.meshkit.engine;

import dev.meshkit.source.SourceUnavailableException;

/**
 * A product cannot be used right now because a source it reads is unreachable. The message carries
 * the source's reason, for operators; {@link #summary()} leaves it out, for consumers.
 */
public final class ProductUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String summary;

  ProductUnavailableException(String product, SourceUnavailableException source) {
    super("data product " + product + " is unavailable: " + source.getMessage(), source, false, false);
    this.summary = "data product " + product + " is unavailable: " + source.summary();
  }

  /** The message without the driver's or file system's words. */
  public String summary() {
    return summary;
  }
}
