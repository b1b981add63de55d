package dev.meshkit.engine;

/**
 * A principal asked for a product they may not read. The message names the product and the
 * deciding policy, and never any data; it surfaces with SQLState 42501.
 */
public final class AccessDeniedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public final String product;
  public final String policy;

  AccessDeniedException(String product, String policy, String reason) {
    super("access to data product " + product + " is denied: " + reason, null, false, false);
    this.product = product;
    this.policy = policy;
  }
}
