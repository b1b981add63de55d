package dev.meshkit.model;

import java.util.Locale;

/** How sensitive a column's values are, lowest first. */
public enum Classification {
  PUBLIC, INTERNAL, RESTRICTED, CONFIDENTIAL;

  /** The classification as the descriptor writes it, or null for a word that is not one. */
  public static Classification parse(String text) {
    for (Classification c : values()) {
      if (c.word().equals(text)) {
        return c;
      }
    }
    return null;
  }

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
