package dev.meshkit.trino;

/** A policy or product that Trino's configuration cannot express; the message says why, as a phrase. */
final class Untranslatable extends Exception {

  private static final long serialVersionUID = 1L;

  Untranslatable(String reason) {
    super(reason, null, false, false);
  }
}
