package dev.meshkit.source;

/**
 * A source cannot be reached. The message names the source and carries the driver's or the file
 * system's own words, never connection secrets; {@link #summary()} is the sentence without those
 * words, which is what a consumer's statement reports.
 */
public class SourceUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String summary;
  private final String reason;

  public SourceUnavailableException(String message, Throwable cause) {
    super(message, cause);
    this.summary = message;
    this.reason = null;
  }

  /**
   * @param summary what failed, naming the source (and file), for everyone
   * @param reason the driver's or file system's words, for operators
   */
  public SourceUnavailableException(String summary, String reason, Throwable cause) {
    super(reason == null ? summary : summary + ": " + reason, cause);
    this.summary = summary;
    this.reason = reason;
  }

  /** The message without the driver's or file system's words. */
  public String summary() {
    return summary;
  }

  /** The driver's or file system's words, or null when the message has none. */
  public String reason() {
    return reason;
  }
}
