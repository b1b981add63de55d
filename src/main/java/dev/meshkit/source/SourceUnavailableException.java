package dev.meshkit.source;

/**
 * A source cannot be reached. The message names the source and carries the driver's or the file
 * system's own words, never connection secrets.
 */
public class SourceUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SourceUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
