package dev.meshkit.model;

/**
 * What a product is for, how to use it and what it cannot do (ODPS's description). A plain
 * descriptor string is a purpose alone.
 */
public record ProductDescription(String purpose, String usage, String limitations) {

  /** One readable line: the purpose, or failing that the first part given. */
  public String text() {
    return purpose != null ? purpose : usage != null ? usage : limitations;
  }
}
