package dev.meshkit.engine;

import dev.meshkit.policy.AccessDecision;
import dev.meshkit.policy.RowFilter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;

/**
 * What the policy layer did while one statement was planned: the products it let through, with
 * the filters and masks it applied, and every table scan those products contributed. The finished
 * plan may scan nothing else.
 */
public final class PlanningScope {

  private static final ThreadLocal<PlanningScope> CURRENT = new ThreadLocal<>();

  private final Set<RelOptTable> authorized = Collections.newSetFromMap(new IdentityHashMap<>());
  private final List<ProductRead> reads = new ArrayList<>();
  private final Map<String, String> expansions = new HashMap<>();
  private final Map<String, Set<String>> columns = new HashMap<>();
  /** Each source table scan, as "domain.source", claimed by the innermost product expansion that made it. */
  private final Map<TableScan, String> scanSources = new IdentityHashMap<>();
  private final Set<Product> expanded = Collections.newSetFromMap(new IdentityHashMap<>());
  private final boolean opaque;
  private boolean readsMeshTables;
  // For an EXPLAIN: whose insides the principal may see; null for any other statement.
  private final Predicate<Product> seesInside;

  private PlanningScope(boolean opaque, Predicate<Product> seesInside) {
    this.opaque = opaque;
    this.seesInside = seesInside;
  }

  /**
   * One product a statement reads, the policies applied to it, its deprecation warning or null, and
   * the sources ("domain.source") its rows come from, which name it when one of them fails.
   */
  public record ProductRead(String product, List<String> columns, List<String> rowFilters, Map<String, String> masks,
      String grantedBy, String warning, List<String> sources) {
  }

  /** For a statement to run: products expand. */
  static PlanningScope open() {
    return open(new PlanningScope(false, null));
  }

  /** For an EXPLAIN: products expand, and the scope tells whether the plan holds insides the principal may not see. */
  static PlanningScope openExplain(Predicate<Product> seesInside) {
    return open(new PlanningScope(false, seesInside));
  }

  /** For an EXPLAIN that must not show what is inside products: each stays an opaque scan. */
  static PlanningScope openOpaque() {
    return open(new PlanningScope(true, null));
  }

  private static PlanningScope open(PlanningScope scope) {
    CURRENT.set(scope);
    return scope;
  }

  static void close() {
    CURRENT.remove();
  }

  static PlanningScope current() {
    return CURRENT.get();
  }

  boolean opaque() {
    return opaque;
  }

  /** Notes that the plan holds the product's expansion, whether a consumer named it or another product reads it. */
  void expanded(Product product) {
    expanded.add(product);
  }

  /**
   * What the plan depends on by name: every product expanded in it, and {@code "$mesh"} when it reads
   * the mesh's own tables, which a new version of the mesh replaces whatever it changes.
   */
  java.util.Set<String> dependencies() {
    Set<String> names = new java.util.HashSet<>();
    expanded.forEach(product -> names.add(product.qualifiedName().toLowerCase(java.util.Locale.ROOT)));
    if (readsMeshTables) {
      names.add(PlanCache.MESH_TABLES);
    }
    return Set.copyOf(names);
  }

  /** Whether this is an EXPLAIN whose plan holds a product the principal may not see inside. */
  boolean hidesInsides() {
    return seesInside != null && !expanded.stream().allMatch(seesInside);
  }

  /** Notes which columns of each product the statement uses; call with the plan before optimization. */
  void traceColumns(RelNode plan) {
    ColumnUsage.trace(plan, expansions, columns);
  }

  /** The products read, each once, with the columns the statement uses. */
  List<ProductRead> reads() {
    Map<String, ProductRead> unique = new LinkedHashMap<>();
    for (ProductRead read : reads) {
      List<String> used = List.copyOf(columns.getOrDefault(read.product(), Set.of()));
      unique.putIfAbsent(read.product(), new ProductRead(read.product(), used, read.rowFilters(), read.masks(),
          read.grantedBy(), read.warning(), read.sources()));
    }
    return List.copyOf(unique.values());
  }

  void read(String product, RelNode expansion, AccessDecision decision, String warning) {
    expansions.put(ColumnUsage.key(expansion), product);
    Map<String, String> masks = new TreeMap<>();
    decision.masks().forEach((column, mask) -> masks.put(column, mask.policy()));
    Set<String> sources = new LinkedHashSet<>();
    scans(expansion, scan -> {
      String source = scanSources.get(scan);
      if (source != null) {
        sources.add(source);
      }
    });
    reads.add(new ProductRead(product, List.of(),
        decision.rowFilters().stream().map(RowFilter::policy).toList(), masks,
        decision.decidingPolicy(), warning, List.copyOf(sources)));
  }

  /**
   * Attributes the source table scans of one product expansion to the product's domain. Nested
   * products expand first and claim their own scans, so what is left is the domain's: the first
   * name of such a scan is one of the domain's sources.
   */
  void expanded(Domain domain, RelNode expansion) {
    scans(expansion, scan -> {
      List<String> name = scan.getTable().getQualifiedName();
      if (!scanSources.containsKey(scan) && name.size() == 2 && domain.sources.containsKey(name.get(0))) {
        scanSources.put(scan, domain.name() + "." + name.get(0));
      }
    });
  }

  /** Every table scan under {@code rel}, those of the subqueries in its expressions included. */
  private static void scans(RelNode rel, Consumer<TableScan> action) {
    rel.accept(new RelHomogeneousShuttle() {
      @Override
      public RelNode visit(RelNode other) {
        if (other instanceof TableScan scan) {
          action.accept(scan);
        }
        other.accept(new RexShuttle() {
          @Override
          public RexNode visitSubQuery(RexSubQuery subQuery) {
            scans(subQuery.rel, action);
            return subQuery;
          }
        });
        return super.visit(other);
      }
    });
  }

  /**
   * A scan of one of the mesh's own tables (catalog, audit), recorded as authorized: they are not
   * source tables, so the fail-closed check must not take them for an unguarded read.
   */
  public static RelNode authorizedScan(RelOptTable.ToRelContext context, RelOptTable table) {
    RelNode scan = LogicalTableScan.create(context.getCluster(), table, context.getTableHints());
    PlanningScope scope = current();
    if (scope != null) {
      scope.authorize(scan);
      scope.readsMeshTables = true;
    }
    return scan;
  }

  /**
   * Records the scans of a product expansion that passed through the policy layer, including those
   * of the subqueries in its expressions (a product's NOT EXISTS, say).
   */
  void authorize(RelNode expansion) {
    scans(expansion, scan -> authorized.add(scan.getTable()));
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
