package dev.meshkit.contract;

import java.util.Locale;

/** Which part of a semantic version a change moves, smallest first; LOWERED when it goes down. */
public enum Bump {
  NONE, PATCH, MINOR, MAJOR, LOWERED;

  /** Whether this bump is at least {@code needed} (a lowered version satisfies nothing but NONE). */
  boolean satisfies(Bump needed) {
    if (this == LOWERED) {
      return needed == NONE;
    }
    return compareTo(needed) >= 0;
  }

  /** The word for messages: major, minor, patch, none, lowered. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
