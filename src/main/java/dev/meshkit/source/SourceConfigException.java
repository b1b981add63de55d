package dev.meshkit.source;

/** A source's settings are wrong. The mesh adds the descriptor location, domain and source name. */
public class SourceConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SourceConfigException(String message) {
    super(message);
  }
}
