package dev.meshkit.plan;

/** A statement tried to change data or structure; the mesh only reads. */
final class ReadOnlyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  ReadOnlyException(String message) {
    super(message, null, false, false);
  }
}
