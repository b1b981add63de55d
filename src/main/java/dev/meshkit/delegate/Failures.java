package dev.meshkit.delegate;

import java.sql.SQLException;

/** What the delegates throw for a failed call, unless a subclass translates it. */
final class Failures {

  private Failures() {
  }

  /**
   * Throws an unchecked {@code e} as it is and returns an SQLException for the caller to throw: {@code e}
   * itself, or a wrapper for a checked exception the delegate threw without declaring it.
   */
  static SQLException rethrow(Throwable e) {
    if (e instanceof RuntimeException unchecked) {
      throw unchecked;
    }
    if (e instanceof Error error) {
      throw error;
    }
    return e instanceof SQLException sql ? sql : new SQLException(e);
  }
}
