package dev.meshkit;

import java.util.List;

/**
 * Runs the products' declared quality checks (and SLA freshness) on demand. Each check is one SQL
 * statement over the product, pushed down to its source where the planner can; it reads the whole
 * product, with no policy applying, and is not audited as a consumer read. The latest results are
 * kept in memory and shown in {@code catalog.quality} and {@code catalog.products.quality_status}.
 */
public interface MeshQuality {

  /**
   * Runs every check of one product, replacing its previous results. A check that cannot run (the
   * source is down, the SQL is wrong) gives an {@code error} result rather than an exception.
   *
   * @param product the qualified name, {@code domain.product}
   * @throws IllegalArgumentException if there is no such product
   */
  List<QualityResult> run(String product);

  /** Runs the checks of every product that is not retired, in declaration order. */
  List<QualityResult> runAll();

  /**
   * The products {@link #runAll()} covers, in its order, for callers that run them one by one
   * (to show progress, or to spread the work).
   */
  List<String> products();

  /** The latest results of one product, empty before its first run. */
  List<QualityResult> latest(String product);
}
