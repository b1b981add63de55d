package dev.meshkit.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.TableScan;

/**
 * What the policy layer did while one statement was planned: the products it let through, with
 * the filters and masks it applied, and every table scan those products contributed. The finished
 * plan may scan nothing else.
 */
final class PlanningScope {

  private static final ThreadLocal<PlanningScope> CURRENT = new ThreadLocal<>();

  private final Set<RelOptTable> authorized = Collections.newSetFromMap(new IdentityHashMap<>());
  final List<ProductRead> reads = new ArrayList<>();

  /** One product a statement reads, and the policies applied to it. */
  record ProductRead(String product, List<String> columns, List<String> rowFilters, java.util.Map<String, String> masks,
      String grantedBy) {
  }

  static PlanningScope open() {
    PlanningScope scope = new PlanningScope();
    CURRENT.set(scope);
    return scope;
  }

  static void close() {
    CURRENT.remove();
  }

  static PlanningScope current() {
    return CURRENT.get();
  }

  void read(String product, dev.meshkit.policy.AccessDecision decision) {
    java.util.Map<String, String> masks = new java.util.TreeMap<>();
    decision.masks().forEach((column, mask) -> masks.put(column, mask.policy()));
    reads.add(new ProductRead(product, List.of(),
        decision.rowFilters().stream().map(dev.meshkit.policy.RowFilter::policy).toList(), masks,
        decision.decidingPolicy()));
  }

  /** Records the scans of a product expansion that passed through the policy layer. */
  void authorize(RelNode expansion) {
    expansion.accept(new RelShuttleImpl() {
      @Override
      public RelNode visit(TableScan scan) {
        authorized.add(scan.getTable());
        return scan;
      }
    });
  }

  /**
   * Fails closed: any scan in the finished plan that did not come through the policy layer means a
   * path around it exists, and the statement must not run.
   */
  void check(RelNode plan) {
    List<String> strays = new ArrayList<>();
    collect(plan, strays);
    if (!strays.isEmpty()) {
      throw new IllegalStateException("refusing a plan that reads " + String.join(", ", strays)
          + " without passing through the policy layer");
    }
  }

  private void collect(RelNode rel, List<String> strays) {
    if (rel instanceof TableScan scan && !authorized.contains(scan.getTable())) {
      strays.add(String.join(".", scan.getTable().getQualifiedName()));
    }
    for (RelNode input : rel.getInputs()) {
      collect(input, strays);
    }
  }
}
