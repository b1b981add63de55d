package dev.meshkit.testing;

/** How much of the fixture a {@link MeshTest} class shares between its tests. */
public enum Isolation {

  /**
   * The default: before each test the in-memory H2 sources are emptied and seeded again, so writes a
   * test makes through a direct connection never reach the next test. The loaded mesh (its validated
   * products and plan cache) is kept, which is what makes this fast.
   */
  PER_TEST,

  /** Seeded once before the class's first test; its tests see each other's changes. */
  PER_CLASS,

  /**
   * A mesh loaded and seeded for each test alone, for tests that inspect mesh-wide state such as
   * {@code Mesh.auditEvents()}, usage or plan cache statistics. The slowest mode.
   */
  MESH_PER_TEST
}
