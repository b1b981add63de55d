package dev.meshkit.source.file;

/**
 * A file holds something its table cannot read: a value that does not fit the column's type or a
 * malformed record. The message names the source, file, line and column, never the value itself,
 * which may be protected data.
 */
public class FileDataException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public FileDataException(String message) {
    super(message);
  }
}
