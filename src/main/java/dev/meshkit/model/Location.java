package dev.meshkit.model;

/**
 * Where a piece of the mesh was declared: a descriptor file and line, or code.
 * Every load error carries one so that it can point at the culprit.
 */
public record Location(String file, int line) {

  /** For meshes assembled in Java with {@code Mesh.builder()}. */
  public static final Location CODE = new Location("<builder>", 0);

  @Override
  public String toString() {
    return line > 0 ? file + ":" + line : file;
  }
}
