package dev.meshkit.web;

/** A request the catalog refuses: the HTTP status and a sentence for the caller, with an SQLState where one applies. */
final class WebException extends RuntimeException {

  final int status;
  final String sqlState;

  WebException(int status, String message) {
    this(status, message, null);
  }

  WebException(int status, String message, String sqlState) {
    super(message, null, false, false);
    this.status = status;
    this.sqlState = sqlState;
  }

  static WebException notFound(String product) {
    return new WebException(404, "There is no data product " + product + " in your catalog");
  }
}
