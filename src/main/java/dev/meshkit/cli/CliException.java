package dev.meshkit.cli;

/** A failure to report as one sentence (exit code 1), with no stack trace unless --verbose asks for it. */
final class CliException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  CliException(String message, Throwable cause) {
    super(message, cause);
  }
}
