package dev.meshkit;

/**
 * Told how loading a mesh advances, for progress displays: loading opens every source and then
 * validates every product, which can take a while for a large mesh or a slow database. Called on
 * the loading thread; keep it quick.
 */
@FunctionalInterface
public interface LoadListener {

  /** Listens to nothing. */
  LoadListener NONE = (step, done, total) -> { };

  /**
   * @param step what starts now: {@code source sales.erp} or {@code product sales.orders}
   * @param done how many steps have finished before this one
   * @param total how many steps loading takes: one per source and one per product
   */
  void starting(String step, int done, int total);
}
