package dev.meshkit;

import java.time.Instant;
import java.util.Objects;

/**
 * One piece of feedback on a data product: a rating from 1 to 5 with an optional comment, or a
 * problem report that the product's domain members mark resolved. Comments are plain text, kept
 * and shown exactly as written, never as markup.
 *
 * @param id the store's number for it, unique in the mesh
 * @param product the qualified name, {@code domain.product}
 * @param kind a rating or a problem
 * @param principal who gave it; null where it is shown to someone who may not see it (only that
 *     principal, the product's domain members and principals granted {@code sys} see who gave it)
 * @param rating 1 to 5 for a rating, null for a problem
 * @param comment the text, possibly empty, never null
 * @param createdAt when it was given (a rating given again keeps its id and takes the new time)
 * @param status {@code OPEN} or {@code RESOLVED} for a problem, null for a rating
 * @param resolvedBy who resolved the problem, null while open, for a rating, and where hidden as
 *     {@code principal} is
 * @param resolvedAt when it was resolved, null while open and for a rating
 */
public record Feedback(long id, String product, Kind kind, String principal, Integer rating, String comment,
    Instant createdAt, Status status, String resolvedBy, Instant resolvedAt) {

  /** What the feedback is. */
  public enum Kind { RATING, PROBLEM }

  /** Where a problem report stands. */
  public enum Status { OPEN, RESOLVED }

  public Feedback {
    Objects.requireNonNull(product, "product is null");
    Objects.requireNonNull(kind, "kind is null");
    Objects.requireNonNull(comment, "comment is null");
    Objects.requireNonNull(createdAt, "createdAt is null");
  }
}
