package dev.meshkit.engine;

/** A product cannot be used right now because a source it reads is unreachable. */
public final class ProductUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  ProductUnavailableException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
