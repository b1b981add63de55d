package dev.meshkit.engine;

/**
 * A statement names a retired product. It surfaces with SQLState 42000, like a table that is not
 * there: no grant can make it readable again, so it is not a privilege error (42501).
 */
public final class ProductRetiredException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  ProductRetiredException(String message) {
    super(message, null, false, false);
  }
}
