package dev.meshkit.engine;

/** A statement tried to change data or structure; the mesh only reads. */
public final class ReadOnlyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  ReadOnlyException(String message) {
    super(message, null, false, false);
  }
}
