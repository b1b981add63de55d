package dev.meshkit.fuzz;

import dev.meshkit.fuzz.Ast.Agg;
import dev.meshkit.fuzz.Ast.AggFn;
import dev.meshkit.fuzz.Ast.Call;
import dev.meshkit.fuzz.Ast.Col;
import dev.meshkit.fuzz.Ast.Derived;
import dev.meshkit.fuzz.Ast.Expr;
import dev.meshkit.fuzz.Ast.Fn;
import dev.meshkit.fuzz.Ast.Join;
import dev.meshkit.fuzz.Ast.JoinKind;
import dev.meshkit.fuzz.Ast.Lit;
import dev.meshkit.fuzz.Ast.Node;
import dev.meshkit.fuzz.Ast.Query;
import dev.meshkit.fuzz.Ast.Select;
import dev.meshkit.fuzz.Ast.SetKind;
import dev.meshkit.fuzz.Ast.SetOp;
import dev.meshkit.fuzz.Outcome.Failure;
import dev.meshkit.fuzz.Verdict.Kind;
import java.math.BigDecimal;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The oracles. The differential one runs a query through the mesh and on the reference database
 * and compares the answers. Two need no reference: ternary logic partitioning (a query's rows are
 * the rows where a predicate is true, false and NULL, put together), and non-optimizing reference
 * engine construction (NoREC: a WHERE clause's rows are those for which the predicate, computed as a
 * value the planner cannot filter with, is TRUE).
 */
final class Oracles {

  /** Rows shown of each side of a wrong answer. */
  private static final int SHOWN = 4;

  private final MeshSession mesh;
  private final Connection h2;
  private final Connection postgres;

  Oracles(MeshSession mesh, Connection h2, Connection postgres) {
    this.mesh = mesh;
    this.h2 = h2;
    this.postgres = postgres;
  }

  /** The verdict of the oracle for {@code root}: a {@link Query}, a {@link Tlp} or a {@link NoRec} case. */
  Verdict check(Node root) {
    if (root instanceof Tlp tlp) {
      return partitions(tlp);
    }
    return root instanceof NoRec noRec ? unoptimized(noRec) : differential((Query) root);
  }

  // ---------------------------------------------------------------- differential

  Verdict differential(Query query) {
    boolean onPostgres = needsPostgres(query);
    Outcome expected = Outcome.run(onPostgres ? postgres : h2, query.sql(), Ast.params(query));
    String reference = onPostgres ? "PostgreSQL" : "H2";
    Outcome actual = mesh.run(query.sql(), Ast.params(query));
    if (!onPostgres && postgres != null && disputed(expected, actual)) {
      // H2 refuses some valid SQL (SUM over an untyped NULL) and accepts some invalid (a column not
      // grouped): where PostgreSQL agrees with the mesh on whether the query is valid, it is the reference.
      Query shaped = (Query) Comparability.forPostgres(query);
      Outcome second = Outcome.run(postgres, shaped.sql(), Ast.params(shaped));
      Outcome meshSecond = shaped.sql().equals(query.sql()) ? actual : mesh.run(shaped.sql(), Ast.params(shaped));
      if (second.ok() == meshSecond.ok()) {
        reference = "PostgreSQL (H2 " + (expected.ok() ? "answers" : "fails it, " + expected.failure().sqlState()) + ")";
        query = shaped;
        expected = second;
        actual = meshSecond;
      }
    }
    if (!actual.ok() && (actual.failure().javaError() || actual.failure().brokeConnection())) {
      return meshFailure(actual.failure(), reference + (expected.ok() ? " answers" : " fails too"));
    }
    if (!expected.ok() && !actual.ok()) {
      return Verdict.bothFail(expected.failure().sqlState() + " / " + actual.failure().sqlState());
    }
    Optional<KnownDifferences.Entry> known = expected.ok() && actual.ok() && same(query, expected, actual)
        ? Optional.empty() : KnownDifferences.explain(query, expected, actual);
    if (known.isPresent()) {
      return new Verdict(Kind.KNOWN, known.get().name(), known.get().reason());
    }
    if (!actual.ok()) {
      return meshFailure(actual.failure(), reference + " answers " + count(expected.rows()));
    }
    if (!expected.ok()) {
      Failure f = expected.failure();
      return new Verdict(Kind.REFERENCE_FAILS, reference + " [" + f.sqlState() + "] " + f.pattern(),
          reference + ": " + f.message() + "; the mesh answers " + count(actual.rows()));
    }
    if (same(query, expected, actual)) {
      return Verdict.AGREE;
    }
    return new Verdict(Kind.WRONG_ANSWER, "rows differ", difference(reference, query, expected.rows(),
        actual.rows()));
  }

  /**
   * Whether H2's verdict on validity may be its own: it fails where the mesh answers, or answers where
   * the mesh refuses the query as invalid (SQLState class 42).
   */
  private static boolean disputed(Outcome h2, Outcome mesh) {
    if (!h2.ok()) {
      return mesh.ok();
    }
    Failure f = mesh.failure();
    return f != null && !f.javaError() && !f.brokeConnection() && f.sqlState() != null && f.sqlState().startsWith("42");
  }

  /** The class of a failure of the mesh: its state and message, and what it logged of its cause. */
  static Verdict meshFailure(Failure failure, String context) {
    if (failure.javaError()) {
      return new Verdict(Kind.JAVA_ERROR, failure.thrown() != null ? failure.thrown()
          : "SQLException without SQLState: " + failure.pattern(), failure + "; " + context);
    }
    String key = "[" + failure.sqlState() + "] " + failure.meshPattern();
    if (failure.brokeConnection()) {
      return new Verdict(Kind.CONNECTION_LOST, key, failure + "; " + context);
    }
    return new Verdict(Kind.MESH_FAILS, key, failure + "; " + context);
  }

  /** H2 has no FULL JOIN; PostgreSQL answers the queries that have one. */
  static boolean needsPostgres(Node root) {
    for (Node node : Ast.walk(root)) {
      if (node instanceof Join j && j.kind() == JoinKind.FULL) {
        return true;
      }
    }
    return false;
  }

  private static boolean same(Query query, Outcome expected, Outcome actual) {
    return sameRows(expected.rows(), actual.rows(), ordered(query));
  }

  /** Whether the query's ORDER BY decides the order of its rows (the generator makes every ORDER BY total). */
  static boolean ordered(Query query) {
    return query instanceof Select s && !s.orderBy().isEmpty() || query instanceof SetOp o && !o.orderBy().isEmpty();
  }

  static boolean sameRows(List<List<Object>> expected, List<List<Object>> actual, boolean ordered) {
    if (expected.size() != actual.size()) {
      return false;
    }
    List<List<Object>> a = ordered ? expected : Outcome.sorted(expected);
    List<List<Object>> b = ordered ? actual : Outcome.sorted(actual);
    for (int r = 0; r < a.size(); r++) {
      if (!sameRow(a.get(r), b.get(r))) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameRow(List<Object> a, List<Object> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int c = 0; c < a.size(); c++) {
      if (!Outcome.same(a.get(c), b.get(c))) {
        return false;
      }
    }
    return true;
  }

  /** The rows only one side has, a few of each. */
  static String difference(String reference, Query query, List<List<Object>> expected, List<List<Object>> actual) {
    List<List<Object>> missing = new ArrayList<>(Outcome.sorted(expected));
    List<List<Object>> extra = new ArrayList<>();
    for (List<Object> row : Outcome.sorted(actual)) {
      int match = -1;
      for (int i = 0; i < missing.size() && match < 0; i++) {
        if (sameRow(missing.get(i), row)) {
          match = i;
        }
      }
      if (match >= 0) {
        missing.remove(match);
      } else {
        extra.add(row);
      }
    }
    StringBuilder out = new StringBuilder(reference + " " + count(expected) + ", the mesh " + count(actual));
    if (missing.isEmpty() && extra.isEmpty()) {
      return out.append("; the same rows in another order").toString();
    }
    show(out, "; only " + reference + ": ", missing);
    show(out, "; only the mesh: ", extra);
    return out.toString();
  }

  private static void show(StringBuilder out, String label, List<List<Object>> rows) {
    if (rows.isEmpty()) {
      return;
    }
    out.append(label);
    for (int i = 0; i < Math.min(rows.size(), SHOWN); i++) {
      out.append(i == 0 ? "" : " ").append(Outcome.show(rows.get(i)));
    }
    if (rows.size() > SHOWN) {
      out.append(" … (").append(rows.size()).append(')');
    }
  }

  private static String count(List<List<Object>> rows) {
    return rows.size() == 1 ? "1 row" : rows.size() + " rows";
  }

  // ---------------------------------------------------------------- ternary logic partitioning

  /**
   * A TLP case: {@code base} and the predicate that partitions it. For a plain SELECT the partitions'
   * rows together are the base's rows (UNION ALL, or UNION under DISTINCT); for one combinable
   * aggregate, the aggregate over the partitions' aggregates is the base's.
   */
  record Tlp(Select base, Expr predicate) implements Node {
    Tlp {
      if (!partitionable(base)) {
        throw new IllegalArgumentException("no TLP oracle for " + base.sql());
      }
    }

    @Override
    public List<Node> children() {
      return List.of(base, predicate);
    }

    @Override
    public Node with(int index, Node child) {
      if (index == 0) {
        return child instanceof Select s && partitionable(s) ? new Tlp(s, predicate) : this;
      }
      return new Tlp(base, (Expr) child);
    }

    /** Whether the partitions of {@code base} together give its answer: no ORDER BY, LIMIT, uncombinable aggregate. */
    static boolean partitionable(Select base) {
      return base.orderBy().isEmpty() && base.limit() == null
          && (!loneAggregate(base) || combinable((Agg) base.items().get(0)));
    }

    /**
     * Whether the aggregate of the partitions' aggregates is the whole's: MIN and MAX, with DISTINCT
     * or without, and COUNT and SUM without (the partitions of a DISTINCT count or sum may share a
     * value, counted once in the whole); never AVG (as SQLancer's TLP aggregate oracle).
     */
    static boolean combinable(Agg agg) {
      return switch (agg.fn()) {
        case MIN, MAX -> true;
        case COUNT, SUM -> !agg.distinct();
        case AVG -> false;
      };
    }

    private static boolean loneAggregate(Select base) {
      return base.groupBy().isEmpty() && base.items().size() == 1 && base.items().get(0) instanceof Agg;
    }

    boolean aggregate() {
      return loneAggregate(base);
    }

    /** The base with the predicate's three outcomes, put together. */
    Query partitioned() {
      Expr p = predicate;
      Select whenTrue = where(p);
      Select whenFalse = where(Call.of(Fn.NOT, SqlType.BOOLEAN, p));
      Select whenNull = where(Call.of(Fn.IS_NULL, SqlType.BOOLEAN, p));
      SetKind union = base.distinct() ? SetKind.UNION : SetKind.UNION_ALL;
      Query all = new SetOp(union, new SetOp(union, whenTrue, whenFalse, List.of(), null), whenNull, List.of(), null);
      if (!aggregate()) {
        return all;
      }
      Agg agg = (Agg) base.items().get(0);
      AggFn outer = agg.fn() == AggFn.COUNT ? AggFn.SUM : agg.fn();
      Expr column = new Col("tlp", "c0", agg.type());
      return new Select(false, List.of(new Agg(outer, false, column, agg.type())), new Derived(all, "tlp"), null,
          List.of(), null, List.of(), null);
    }

    private Select where(Expr condition) {
      Expr where = base.where() == null ? condition : Call.of(Fn.AND, SqlType.BOOLEAN, base.where(), condition);
      return new Select(base.distinct(), base.items(), base.from(), where, base.groupBy(), base.having(),
          base.orderBy(), base.limit());
    }

    @Override
    public void print(StringBuilder out) {
      base.print(out);
      out.append("\n    partitioned by ");
      predicate.print(out);
    }
  }

  Verdict partitions(Tlp tlp) {
    Query partitioned = tlp.partitioned();
    Outcome whole = mesh.run(tlp.base().sql(), Ast.params(tlp.base()));
    Outcome parts = mesh.run(partitioned.sql(), Ast.params(partitioned));
    for (Outcome o : List.of(whole, parts)) {
      if (!o.ok() && (o.failure().javaError() || o.failure().brokeConnection())) {
        return meshFailure(o.failure(), "in a TLP case");
      }
    }
    if (!whole.ok() && !parts.ok()) {
      return Verdict.bothFail(whole.failure().sqlState() + " / " + parts.failure().sqlState());
    }
    if (!whole.ok() || !parts.ok()) {
      Failure f = whole.ok() ? parts.failure() : whole.failure();
      return new Verdict(Kind.TLP, "one side fails: [" + f.sqlState() + "] " + f.meshPattern(),
          (whole.ok() ? "the partitions fail: " : "the base query fails: ") + f);
    }
    if (sameRows(whole.rows(), parts.rows(), false)) {
      return Verdict.AGREE;
    }
    return new Verdict(Kind.TLP, tlp.aggregate() ? "aggregate differs" : "rows differ",
        difference("the base query", tlp.base(), whole.rows(), parts.rows()).replace("the mesh", "the partitions"));
  }

  // ---------------------------------------------------------------- non-optimizing reference engine construction

  /**
   * A NoREC case: a SELECT with a WHERE clause, and the same rows computed without it. Its count,
   * {@code SELECT COUNT(*) FROM f WHERE p}, is {@code SELECT SUM(CASE WHEN p THEN 1 ELSE 0 END) FROM f},
   * where the planner cannot use {@code p} to filter, push down or prune; its rows are those of
   * {@code SELECT c0, ... FROM (SELECT items, (p) AS keep FROM f) WHERE keep IS TRUE}.
   */
  record NoRec(Select base) implements Node {
    NoRec {
      if (!constructible(base)) {
        throw new IllegalArgumentException("no NoREC oracle for " + base.sql());
      }
    }

    @Override
    public List<Node> children() {
      return List.of(base);
    }

    @Override
    public Node with(int index, Node child) {
      return child instanceof Select s && constructible(s) ? new NoRec(s) : this;
    }

    /** A filter over plain rows: a WHERE clause, and no grouping, aggregate, window, ORDER BY or LIMIT. */
    static boolean constructible(Select base) {
      return base.where() != null && base.groupBy().isEmpty() && base.having() == null && base.orderBy().isEmpty()
          && base.limit() == null && base.items().stream().noneMatch(e -> e.aggregated() || windowed(e));
    }

    private static boolean windowed(Expr item) {
      return Ast.walk(item).stream().anyMatch(n -> n instanceof Ast.Window);
    }

    /** {@code SELECT COUNT(*) FROM f WHERE p}. */
    Select count() {
      return new Select(false, List.of(new Agg(AggFn.COUNT, false, null, SqlType.BIGINT)), base.from(), base.where(),
          List.of(), null, List.of(), null);
    }

    /** {@code SELECT SUM(CASE WHEN p THEN 1 ELSE 0 END) FROM f}: NULL, not 0, when f has no rows. */
    Select unfilteredCount() {
      Expr one = Call.of(Fn.CASE, SqlType.INTEGER, base.where(), Lit.of(1, SqlType.INTEGER), Lit.of(0,
          SqlType.INTEGER));
      return new Select(false, List.of(new Agg(AggFn.SUM, false, one, SqlType.BIGINT)), base.from(), null, List.of(),
          null, List.of(), null);
    }

    /** The base's rows, filtered by the predicate computed as a column of a derived table. */
    Select unfilteredRows() {
      List<Expr> inner = new ArrayList<>(base.items());
      inner.add(base.where());
      Select flagged = new Select(false, inner, base.from(), null, List.of(), null, List.of(), null);
      List<Expr> items = new ArrayList<>();
      for (int i = 0; i < base.items().size(); i++) {
        items.add(new Col("norec", "c" + i, base.items().get(i).type()));
      }
      Expr keep = Call.of(Fn.IS_TRUE, SqlType.BOOLEAN, new Col("norec", "c" + base.items().size(), SqlType.BOOLEAN));
      return new Select(base.distinct(), items, new Derived(flagged, "norec"), keep, List.of(), null, List.of(), null);
    }

    @Override
    public void print(StringBuilder out) {
      base.print(out);
      out.append("\n    without its WHERE clause");
    }
  }

  Verdict unoptimized(NoRec noRec) {
    Verdict counts = compare(noRec.count(), noRec.unfilteredCount(), true);
    return counts != Verdict.AGREE ? counts : compare(noRec.base(), noRec.unfilteredRows(), false);
  }

  /** The verdict on a filtering query and its unfiltered form; {@code counts}: each is one count. */
  private Verdict compare(Select filtered, Select unfiltered, boolean counts) {
    Outcome optimized = mesh.run(filtered.sql(), Ast.params(filtered));
    Outcome reference = mesh.run(unfiltered.sql(), Ast.params(unfiltered));
    for (Outcome o : List.of(optimized, reference)) {
      if (!o.ok() && (o.failure().javaError() || o.failure().brokeConnection())) {
        return meshFailure(o.failure(), "in a NoREC case");
      }
    }
    if (!optimized.ok() && !reference.ok()) {
      return Verdict.bothFail(optimized.failure().sqlState() + " / " + reference.failure().sqlState());
    }
    if (!optimized.ok() || !reference.ok()) {
      Failure f = optimized.ok() ? reference.failure() : optimized.failure();
      return new Verdict(Kind.NOREC, "one side fails: [" + f.sqlState() + "] " + f.meshPattern(),
          (optimized.ok() ? "the unfiltered query fails: " : "the filtered query fails: ") + f);
    }
    List<List<Object>> rows = counts ? nullAsZero(reference.rows()) : reference.rows();
    if (sameRows(optimized.rows(), rows, false)) {
      return Verdict.AGREE;
    }
    return new Verdict(Kind.NOREC, counts ? "count differs" : "rows differ",
        difference("the filtered query", filtered, optimized.rows(), rows).replace("the mesh", "the unfiltered"));
  }

  /** A sum over no rows is NULL where the count is 0. */
  private static List<List<Object>> nullAsZero(List<List<Object>> rows) {
    return rows.stream().map(r -> r.size() == 1 && r.get(0) == null ? List.<Object>of(BigDecimal.ZERO) : r).toList();
  }
}
