package dev.meshkit.engine;

/** A product's definition is wrong: its SQL does not parse or validate, or it depends on itself. */
public final class ProductInvalidException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  ProductInvalidException(String message, Throwable cause) {
    super(message, cause);
  }
}
