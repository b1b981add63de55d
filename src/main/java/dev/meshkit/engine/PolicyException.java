package dev.meshkit.engine;

/** A policy cannot be applied as written (a row filter or mask that does not fit the product). */
public final class PolicyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  PolicyException(String message) {
    super(message, null, false, false);
  }
}
