package dev.meshkit.fuzz;

import dev.meshkit.fuzz.Ast.Agg;
import dev.meshkit.fuzz.Ast.AggFn;
import dev.meshkit.fuzz.Ast.Call;
import dev.meshkit.fuzz.Ast.Cast;
import dev.meshkit.fuzz.Ast.Col;
import dev.meshkit.fuzz.Ast.Derived;
import dev.meshkit.fuzz.Ast.Expr;
import dev.meshkit.fuzz.Ast.Fn;
import dev.meshkit.fuzz.Ast.Lit;
import dev.meshkit.fuzz.Ast.Node;
import dev.meshkit.fuzz.Ast.Numeric;
import dev.meshkit.fuzz.Ast.Select;
import dev.meshkit.fuzz.Ast.SetOp;
import dev.meshkit.fuzz.Ast.Subquery;
import dev.meshkit.fuzz.Ast.SubqueryKind;
import dev.meshkit.fuzz.Ast.WinFn;
import dev.meshkit.fuzz.Ast.Window;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the differential oracle can compare. A generated query is rewritten into that shape, and the
 * reducer keeps only candidates already in it ({@link #holds}):
 * <ul>
 *   <li>A decimal quotient, or {@code AVG} of an exact number, has a scale of its own in each engine
 *       (docs/sql.md), which KnownDifferences matches only as a result column. So one appears only as
 *       an item of the outermost SELECT (without DISTINCT or ORDER BY); nested anywhere else, a
 *       quotient becomes the remainder (MOD) of the same operands, an average the sum.</li>
 *   <li>A literal is never a GROUP BY, PARTITION BY or window ORDER BY key: PostgreSQL and H2 read
 *       {@code GROUP BY 1} as a column position, meshkit as a constant (docs/sql.md), and PostgreSQL
 *       refuses {@code GROUP BY FALSE} as a non-integer constant. It is cast instead, a constant key in
 *       every engine.</li>
 *   <li>Nothing the reference lacks. PostgreSQL, the reference of a query with a FULL JOIN, has no
 *       MIN or MAX of BOOLEAN (they become MIN or MAX of 1 and 0, compared with 1) and no unary plus
 *       over text (dropped). H2 folds constant arithmetic with a NULL to a NULL without a type, which
 *       its SUM and AVG refuse (90015): there the constant is cast to its type.</li>
 *   <li>A SUM of BIGINTs is a BIGINT in the mesh and a NUMERIC in H2 and PostgreSQL (docs/sql.md), so a
 *       quotient or product of it differs in type. Wherever such a sum is computed with further (inside
 *       an expression, or as a column of a derived table or scalar subquery), it is cast to
 *       {@code DECIMAL(38,0)}, which every engine computes with alike.</li>
 *   <li>{@code NULLIF(a, b)} has a's type in the mesh (the SQL standard's) and, in PostgreSQL, the type a
 *       is promoted to for {@code a = b} (docs/sql.md). Where the operand types differ, b is cast to a's.</li>
 * </ul>
 */
final class Comparability {

  private static final Set<Fn> ARITHMETIC = Set.of(Fn.PLUS, Fn.MINUS, Fn.TIMES, Fn.DIVIDE, Fn.MOD, Fn.NEG, Fn.POS,
      Fn.ABS);
  /** The operators H2 folds to an untyped NULL when their operands are constant and one is NULL. */
  private static final Set<Fn> H2_FOLDS = Set.of(Fn.PLUS, Fn.MINUS, Fn.TIMES, Fn.DIVIDE, Fn.NEG, Fn.POS);

  private final boolean onPostgres;
  /** The column types of derived tables, by "alias.column", as their items compute them. */
  private final Map<String, SqlType> derived = new HashMap<>();

  private Comparability(Node root, boolean onPostgres) {
    this.onPostgres = onPostgres;
    List<Node> nodes = new ArrayList<>(Ast.walk(root));
    java.util.Collections.reverse(nodes); // inner derived tables first: an outer one may read them
    for (Node node : nodes) {
      if (node instanceof Derived d) {
        List<SqlType> types = columnTypes(d.query());
        for (int i = 0; i < types.size(); i++) {
          derived.put(d.alias() + ".c" + i, types.get(i));
        }
      }
    }
  }

  /** The query in the shape the oracle compares: the same query where it already is. */
  static Node restrict(Node root) {
    return settle(root, Oracles.needsPostgres(root));
  }

  /** The query in the shape PostgreSQL compares, as the reference in H2's place. */
  static Node forPostgres(Node root) {
    return settle(root, true);
  }

  /**
   * The rewrites repeated until nothing changes: one may change a derived table's column type (an
   * average become a sum), which the rules of the query around it read.
   */
  private static Node settle(Node root, boolean onPostgres) {
    Node current = root;
    for (int pass = 0; pass < 4; pass++) {
      Node next = new Comparability(current, onPostgres).visit(current, current, false, false, false);
      if (next.sql().equals(current.sql())) {
        return next;
      }
      current = next;
    }
    return current;
  }

  /** Whether the query is in that shape already. */
  static boolean holds(Node root) {
    return restrict(root).sql().equals(root.sql());
  }

  /**
   * {@code resultItem}: the node is an item of the outermost SELECT; {@code summed}: it is inside the
   * argument of a SUM or AVG; {@code feeds}: it is the query of a derived table or scalar subquery,
   * whose values the enclosing query computes with.
   */
  private Node visit(Node node, Node root, boolean resultItem, boolean summed, boolean feeds) {
    Node result = node;
    List<? extends Node> children = node.children();
    boolean sums = !(node instanceof Ast.Query) && (summed
        || node instanceof Agg a && (a.fn() == AggFn.SUM || a.fn() == AggFn.AVG)
        || node instanceof Window w && w.fn() == WinFn.SUM);
    for (int i = 0; i < children.size(); i++) {
      Node child = children.get(i);
      boolean item = node == root && node instanceof Select s && !s.distinct() && s.orderBy().isEmpty()
          && i < s.items().size() && !keysRewritten(s);
      boolean childFeeds = node instanceof Derived || node instanceof SetOp && feeds
          || node instanceof Subquery q && q.kind() == SubqueryKind.SCALAR && child == q.query();
      Node changed = visit(child, root, item, sums, childFeeds);
      if (bigintSum(changed) && (node instanceof Expr && !(node instanceof Numeric)
          || feeds && node instanceof Select s && i < s.items().size())) {
        changed = new Numeric((Expr) changed);
      }
      if (!(node instanceof Cast) && typedOtherwise(changed)) {
        changed = new Cast((Expr) changed, typeOf((Expr) changed));
      }
      if (node instanceof Select s && i >= s.items().size() && isKey(s, i)) {
        changed = castLiteral(changed);
      }
      if (node instanceof Window w && i >= (w.arg() == null ? 0 : 1)) {
        changed = keyOfWindow(changed);
      }
      if (!onPostgres && sums && !(node instanceof Cast) && !constant(node)) {
        changed = typedConstant(changed); // the largest constant under a SUM or AVG, typed once
      }
      if (changed != child) {
        result = result.with(i, changed);
      }
    }
    return rewrite(result, resultItem);
  }

  /**
   * Whether a GROUP BY key has a part written otherwise than in a result item (a quotient): then the
   * items are written as the keys are, else an item that is a key would no longer be grouped.
   */
  private boolean keysRewritten(Select s) {
    return s.groupBy().stream().flatMap(k -> Ast.walk(k).stream())
        .anyMatch(n -> !rewrite(n, false).equals(rewrite(n, true)));
  }

  /**
   * A function whose type the reference gives otherwise, cast to the mesh's: EXTRACT of a date part
   * is a NUMERIC in PostgreSQL (docs/sql.md), CHAR_LENGTH a BIGINT in H2, so a SUM of either is too.
   */
  private boolean typedOtherwise(Node node) {
    return node instanceof Call c && (onPostgres ? c.fn() == Fn.YEAR || c.fn() == Fn.MONTH || c.fn() == Fn.DAY
        : c.fn() == Fn.CHAR_LENGTH);
  }

  /** A SUM of BIGINTs: a BIGINT in the mesh, a NUMERIC in H2 and PostgreSQL (docs/sql.md). */
  private boolean bigintSum(Node node) {
    return node instanceof Agg a && a.fn() == AggFn.SUM && typeOf(a.arg()) == SqlType.BIGINT
        || node instanceof Window w && w.fn() == WinFn.SUM && typeOf(w.arg()) == SqlType.BIGINT;
  }

  private Node rewrite(Node node, boolean resultItem) {
    if (!resultItem && node instanceof Call c && c.fn() == Fn.DIVIDE && typeOf(c) == SqlType.DECIMAL) {
      return new Call(Fn.MOD, c.args(), c.type());
    }
    if (!resultItem && node instanceof Agg a && a.fn() == AggFn.AVG && typeOf(a.arg()).exact()) {
      return new Agg(AggFn.SUM, a.distinct(), a.arg(), a.type());
    }
    if (onPostgres && node instanceof Agg a && (a.fn() == AggFn.MIN || a.fn() == AggFn.MAX)
        && typeOf(a.arg()) == SqlType.BOOLEAN) {
      return Call.of(Fn.EQ, SqlType.BOOLEAN, new Agg(a.fn(), a.distinct(), asNumber(a.arg()), SqlType.INTEGER),
          Lit.of(1, SqlType.INTEGER));
    }
    if (onPostgres && node instanceof Window w && (w.fn() == WinFn.MIN || w.fn() == WinFn.MAX)
        && typeOf(w.arg()) == SqlType.BOOLEAN) {
      return Call.of(Fn.EQ, SqlType.BOOLEAN,
          new Window(w.fn(), asNumber(w.arg()), w.partition(), w.order(), SqlType.INTEGER), Lit.of(1, SqlType.INTEGER));
    }
    if (node instanceof Call c && c.fn() == Fn.NULLIF) {
      SqlType first = typeOf(c.args().get(0));
      Expr second = c.args().get(1);
      if (typeOf(second) != first && typeOf(second).comparable(first)) {
        Expr value = second instanceof Cast k ? k.arg() : second; // cast once, not a cast of a cast
        return new Call(Fn.NULLIF, List.of(c.args().get(0), new Cast(value, first)), c.type());
      }
    }
    if (onPostgres && node instanceof Call c && c.fn() == Fn.POS && typeOf(c.args().get(0)) == SqlType.VARCHAR) {
      return c.args().get(0);
    }
    return node;
  }

  /** Whether child {@code index} of the SELECT is one of its GROUP BY keys. */
  private static boolean isKey(Select s, int index) {
    int first = s.items().size() + (s.from() == null ? 0 : 1) + (s.where() == null ? 0 : 1);
    return index >= first && index < first + s.groupBy().size();
  }

  private static Node keyOfWindow(Node key) {
    if (key instanceof Ast.SortKey k) {
      Node cast = castLiteral(k.expr());
      return cast == k.expr() ? k : new Ast.SortKey((Expr) cast, k.descending(), k.nullsFirst());
    }
    return castLiteral(key);
  }

  /** A key that prints as a bare literal, as a typed one, which no engine reads as a column position. */
  private static Node castLiteral(Node key) {
    if (!(key instanceof Lit l) || l.param()) {
      return key;
    }
    if (l.value() == null) {
      return l.bare() ? Lit.nullOf(l.type()) : l;
    }
    boolean bare = l.type() == SqlType.INTEGER || l.type() == SqlType.DECIMAL || l.type() == SqlType.VARCHAR
        || l.type() == SqlType.BOOLEAN;
    return bare ? new Cast(l, l.type()) : l;
  }

  /** A constant computed with a NULL, cast to its type; anything else as it is. */
  private Node typedConstant(Node node) {
    if (node instanceof Expr e && !(node instanceof Lit) && !(node instanceof Cast) && constant(e)
        && typeOf(e).numeric() && Ast.walk(e).stream().anyMatch(n -> n instanceof Lit l && l.value() == null)
        && Ast.walk(e).stream().anyMatch(n -> n instanceof Call c && H2_FOLDS.contains(c.fn()))) {
      return new Cast(e, typeOf(e));
    }
    return node;
  }

  /** Whether H2 can fold it: no column, parameter, subquery, aggregate or window in it. */
  private static boolean constant(Node node) {
    return Ast.walk(node).stream().noneMatch(n -> n instanceof Col || n instanceof Lit l && l.param()
        || n instanceof Subquery || n instanceof Agg || n instanceof Window || n instanceof Select);
  }

  /** {@code CASE WHEN b THEN 1 WHEN NOT b THEN 0 END}: NULL stays NULL, and FALSE sorts before TRUE. */
  private static Expr asNumber(Expr bool) {
    return Call.of(Fn.CASE, SqlType.INTEGER, bool, Lit.of(1, SqlType.INTEGER), Call.of(Fn.NOT, SqlType.BOOLEAN, bool),
        Lit.of(0, SqlType.INTEGER));
  }

  // ---------------------------------------------------------------- types as the engines compute them

  private List<SqlType> columnTypes(Ast.Query query) {
    if (query instanceof SetOp o) {
      return columnTypes(o.left());
    }
    return ((Select) query).items().stream().map(this::typeOf).toList();
  }

  /**
   * The type an engine computes for the expression, which may be wider than the generator's: an
   * operation of the generator's DECIMAL may have INTEGER operands, and the reducer may put a DECIMAL
   * where a CAST to INTEGER was.
   */
  SqlType typeOf(Expr e) {
    if (e instanceof Col c) {
      return derived.getOrDefault(c.qualifier() + "." + c.name(), c.type());
    }
    if (e instanceof Cast c) {
      return c.target();
    }
    if (e instanceof Agg a) {
      if (a.fn() == AggFn.COUNT) {
        return SqlType.BIGINT;
      }
      SqlType arg = typeOf(a.arg());
      if (a.fn() == AggFn.SUM && arg == SqlType.BIGINT) {
        return SqlType.DECIMAL; // the reference's NUMERIC, which a quotient divides as a decimal
      }
      return a.fn() == AggFn.AVG && arg.numeric() ? (arg.exact() ? SqlType.DECIMAL : SqlType.DOUBLE) : arg;
    }
    if (e instanceof Window w) {
      if (w.arg() == null || w.fn() == WinFn.COUNT) {
        return SqlType.BIGINT;
      }
      SqlType arg = typeOf(w.arg());
      return w.fn() == WinFn.SUM && arg == SqlType.BIGINT ? SqlType.DECIMAL : arg;
    }
    if (e instanceof Subquery s && s.kind() == SubqueryKind.SCALAR) {
      return columnTypes(s.query()).get(0);
    }
    if (e instanceof Call c) {
      List<Expr> values = switch (c.fn()) {
        case COALESCE -> c.args();
        case NULLIF -> c.args().subList(0, 1);
        case CASE, SIMPLE_CASE -> results(c);
        default -> ARITHMETIC.contains(c.fn()) ? c.args() : List.of();
      };
      SqlType widest = null;
      for (Expr v : values) {
        SqlType t = typeOf(v);
        if (!t.numeric()) {
          return c.type();
        }
        widest = widest == null ? t : SqlType.wider(widest, t);
      }
      return widest == null ? c.type() : widest;
    }
    return e.type();
  }

  /** The THEN and ELSE values of a CASE. */
  private static List<Expr> results(Call c) {
    List<Expr> values = new ArrayList<>();
    int first = c.fn() == Fn.SIMPLE_CASE ? 1 : 0;
    int i = first;
    for (; i + 1 < c.args().size(); i += 2) {
      values.add(c.args().get(i + 1));
    }
    if (i < c.args().size()) {
      values.add(c.args().get(i));
    }
    return values;
  }
}
