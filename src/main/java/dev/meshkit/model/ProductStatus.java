package dev.meshkit.model;

import java.util.Locale;

/** Where a product is in its life; it decides who may see and read it. */
public enum ProductStatus {
  PROPOSED, DRAFT, ACTIVE, DEPRECATED, RETIRED;

  /** The status as the descriptor writes it, or null for a word that is not one. */
  public static ProductStatus parse(String text) {
    for (ProductStatus status : values()) {
      if (status.word().equals(text)) {
        return status;
      }
    }
    return null;
  }

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Proposed and draft products are still being built: only their domain's members may see them. */
  public boolean unreleased() {
    return this == PROPOSED || this == DRAFT;
  }
}
