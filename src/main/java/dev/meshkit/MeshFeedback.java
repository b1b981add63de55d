package dev.meshkit;

import java.util.List;

/**
 * Consumers' feedback on data products, kept in the mesh's metadata store. Whoever may read a
 * product may rate it and report problems with it; its domain's members (and principals granted
 * {@code sys}) mark problems resolved. Feedback shows in {@code catalog.feedback} and
 * {@code catalog.products} to those who may see the product, and in the governance report.
 *
 * <p>Every method refuses a product the principal may not read with the same
 * {@link MeshException} as a product that does not exist, so feedback reveals nothing about
 * products hidden from the principal.
 */
public interface MeshFeedback {

  /** The longest comment accepted, in characters. */
  int MAX_COMMENT = 4000;

  /**
   * Rates a product from 1 to 5. A principal has one rating per product: rating again replaces it.
   *
   * @param product the qualified name, {@code domain.product}
   * @param comment plain text, may be null or empty, at most {@link #MAX_COMMENT} characters
   * @throws IllegalArgumentException for a rating outside 1 to 5 or a comment too long
   * @throws MeshException if the product does not exist or the principal may not read it
   */
  Feedback rate(Principal principal, String product, int rating, String comment);

  /**
   * Reports a problem with a product; it stays open until a member of the product's domain
   * resolves it.
   *
   * @param description plain text, not blank, at most {@link #MAX_COMMENT} characters
   * @throws IllegalArgumentException for a blank or too long description
   * @throws MeshException if the product does not exist or the principal may not read it
   */
  Feedback reportProblem(Principal principal, String product, String description);

  /**
   * Marks a problem resolved. Resolving one already resolved changes nothing and returns it.
   *
   * @throws MeshException if there is no such problem the principal may see, or the principal is
   *     neither a member of its product's domain nor granted {@code sys}
   */
  Feedback resolve(Principal principal, long problemId);

  /**
   * The feedback on a product, newest first, as {@code principal} may see it (the same as
   * {@code catalog.feedback}).
   *
   * @throws MeshException if the product is not in the principal's catalog
   */
  List<Feedback> list(Principal principal, String product);
}
