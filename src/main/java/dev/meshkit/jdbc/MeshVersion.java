package dev.meshkit.jdbc;

/** The library's version, as {@code DatabaseMetaData} reports it. */
final class MeshVersion {
  static final String VERSION = "0.1.0";
  static final int MAJOR = 0;
  static final int MINOR = 1;

  private MeshVersion() {
  }
}
