package dev.meshkit.fuzz;

import dev.meshkit.fuzz.Ast.AddDays;
import dev.meshkit.fuzz.Ast.Agg;
import dev.meshkit.fuzz.Ast.AggFn;
import dev.meshkit.fuzz.Ast.Bind;
import dev.meshkit.fuzz.Ast.Call;
import dev.meshkit.fuzz.Ast.Cast;
import dev.meshkit.fuzz.Ast.Col;
import dev.meshkit.fuzz.Ast.Derived;
import dev.meshkit.fuzz.Ast.Expr;
import dev.meshkit.fuzz.Ast.Fn;
import dev.meshkit.fuzz.Ast.From;
import dev.meshkit.fuzz.Ast.Join;
import dev.meshkit.fuzz.Ast.JoinKind;
import dev.meshkit.fuzz.Ast.Lit;
import dev.meshkit.fuzz.Ast.Node;
import dev.meshkit.fuzz.Ast.Ordinal;
import dev.meshkit.fuzz.Ast.Query;
import dev.meshkit.fuzz.Ast.Select;
import dev.meshkit.fuzz.Ast.SetKind;
import dev.meshkit.fuzz.Ast.SetOp;
import dev.meshkit.fuzz.Ast.SortKey;
import dev.meshkit.fuzz.Ast.Subquery;
import dev.meshkit.fuzz.Ast.SubqueryKind;
import dev.meshkit.fuzz.Ast.Table;
import dev.meshkit.fuzz.Ast.WinFn;
import dev.meshkit.fuzz.Ast.Window;
import dev.meshkit.fuzz.FuzzData.Column;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The grammar: random queries over the fuzz tables that are deterministic and mean the same in
 * H2, PostgreSQL and the mesh. So that an answer never depends on evaluation order, no expression
 * can fail on a row: divisors are non-zero literals or {@code NULLIF(x, 0)}, products multiply by
 * small literals, and text becomes a number only under a CASE that checks it first. Row order is
 * compared only under an ORDER BY over every result column, and LIMIT appears only there.
 */
final class QueryGenerator {

  private static final SqlType[] VALUE_TYPES = {SqlType.INTEGER, SqlType.INTEGER, SqlType.BIGINT, SqlType.DECIMAL,
      SqlType.DOUBLE, SqlType.VARCHAR, SqlType.VARCHAR, SqlType.DATE, SqlType.BOOLEAN};
  private static final List<String> PATTERNS = List.of("a%", "%b%", "_", "A_", "%", "", "%a", "_b%", "a%b", "%'%");
  private static final List<String> NUMERIC_TEXT = List.of("10", "-7", "3.5");

  /** Columns a FROM item shows under its alias. */
  record Rel(String alias, List<Col> columns) {
  }

  /** The FROM items in reach: this query's, then the enclosing queries' (for correlation). */
  record Scope(List<Rel> rels, Scope outer) {
    List<Col> local() {
      List<Col> columns = new ArrayList<>();
      rels.forEach(r -> columns.addAll(r.columns()));
      return columns;
    }

    List<Col> visible() {
      List<Col> columns = local();
      if (outer != null) {
        columns.addAll(outer.visible());
      }
      return columns;
    }
  }

  /** What the generator may use: FULL JOIN only where PostgreSQL can answer it (H2 has none). */
  record Features(boolean fullJoin) {
  }

  private final Random random;
  private final List<FuzzData.Table> tables;
  private final Features features;
  private int aliases;
  /** Whether literals may be parameters, for cases that run with several sets of values. */
  private boolean parameters;
  /** Subqueries and derived tables the current query may still have: they cost the planner the most. */
  private int nested;

  QueryGenerator(Random random, List<FuzzData.Table> tables, Features features) {
    this.random = random;
    this.tables = tables;
    this.features = features;
  }

  /** Makes most literals of the next cases parameters (or none). */
  QueryGenerator parameters(boolean on) {
    parameters = on;
    return this;
  }

  /** One top-level query, in the shape the differential oracle compares ({@link Comparability}). */
  Query query() {
    return (Query) Comparability.restrict(anyQuery());
  }

  private Query anyQuery() {
    start();
    int roll = random.nextInt(100);
    if (roll < 30) {
      return withQuotient(ordered(plain(null, null, 3)));
    }
    if (roll < 48) {
      return withQuotient(ordered(grouped(null, null, 3)));
    }
    if (roll < 58) {
      return withQuotient(global(null, null, 3));
    }
    if (roll < 70) {
      return setOp();
    }
    if (roll < 80) {
      return ordered(windowed());
    }
    if (roll < 92) {
      return ordered(plain(null, null, 4));
    }
    return constant();
  }

  /** A plain SELECT for the ternary logic partitioning oracle: no LIMIT, no window. */
  Select tlpBase() {
    start();
    return plain(null, null, 3);
  }

  /** A predicate over the FROM clause of {@code select}, to partition it by. */
  Expr partitionPredicate(Select select) {
    return predicate(scopeOf(select.from(), null), 2, false);
  }

  /**
   * A global aggregate for the aggregate TLP oracle, one that combines over partitions: MIN or MAX,
   * with DISTINCT or without, or SUM or COUNT without.
   */
  Select tlpAggregate() {
    start();
    Scope scope = new Scope(new ArrayList<>(), null);
    From from = from(scope, 2);
    Expr where = random.nextInt(3) == 0 ? null : predicate(scope, 2, true);
    AggFn fn = new AggFn[] {AggFn.MIN, AggFn.MAX, AggFn.SUM, AggFn.COUNT}[random.nextInt(4)];
    SqlType type = fn == AggFn.SUM ? numericType() : VALUE_TYPES[random.nextInt(VALUE_TYPES.length - 1)];
    Expr arg = expr(type, scope, 2);
    boolean distinct = (fn == AggFn.MIN || fn == AggFn.MAX) && random.nextBoolean();
    Agg agg = new Agg(fn, distinct, arg, fn == AggFn.COUNT ? SqlType.BIGINT : type);
    return new Select(false, List.of(agg), from, where, List.of(), null, List.of(), null);
  }

  private void start() {
    aliases = 0;
    int roll = random.nextInt(100);
    nested = roll < 55 ? 0 : roll < 88 ? 1 : 2;
  }

  /** Whether one more subquery or derived table fits the query's allowance, which it then takes. */
  private boolean nest() {
    return nested > 0 && nested-- > 0;
  }

  // ---------------------------------------------------------------- query shapes

  /** SELECT [DISTINCT] items FROM ... WHERE ...; of the given column types when {@code want} is set. */
  Select plain(Scope outer, List<SqlType> want, int depth) {
    Scope scope = new Scope(new ArrayList<>(), outer);
    From from = from(scope, depth);
    List<Expr> items = new ArrayList<>();
    for (SqlType type : want != null ? want : types(1 + random.nextInt(4))) {
      items.add(expr(type, scope, 1 + random.nextInt(depth)));
    }
    Expr where = random.nextInt(4) == 0 ? null : predicate(scope, depth, true);
    return new Select(random.nextInt(6) == 0, items, from, where, List.of(), null, List.of(), null);
  }

  /** SELECT keys, aggregates FROM ... GROUP BY keys [HAVING ...]. */
  Select grouped(Scope outer, List<SqlType> want, int depth) {
    Scope scope = new Scope(new ArrayList<>(), outer);
    From from = from(scope, depth);
    List<Expr> keys = new ArrayList<>();
    int keyCount = 1 + random.nextInt(2);
    for (int i = 0; i < keyCount; i++) {
      // Written out: two question marks are two parameters, so a key with one never matches its select item.
      keys.add(random.nextInt(4) == 0 ? inline(expr(randomType(), scope, 1)) : column(scope.local(), null));
    }
    List<Expr> items = new ArrayList<>();
    if (want == null) {
      for (Expr key : keys) {
        if (random.nextInt(4) > 0) {
          items.add(key);
        }
      }
      int aggregates = 1 + random.nextInt(3);
      for (int i = 0; i < aggregates; i++) {
        items.add(aggregateExpr(randomType(), scope, keys, 2));
      }
    } else {
      for (SqlType type : want) {
        Expr key = keys.stream().filter(k -> k.type() == type).findFirst().orElse(null);
        items.add(key != null && random.nextBoolean() ? key : aggregateExpr(type, scope, keys, 2));
      }
    }
    Expr where = random.nextInt(3) == 0 ? null : predicate(scope, depth - 1, true);
    Expr having = random.nextInt(5) < 2 ? aggregatePredicate(scope, keys, 2) : null;
    return new Select(false, items, from, where, keys, having, List.of(), null);
  }

  /** SELECT aggregates FROM ... [WHERE ...]: one row, even over no rows. */
  Select global(Scope outer, List<SqlType> want, int depth) {
    Scope scope = new Scope(new ArrayList<>(), outer);
    From from = from(scope, depth);
    List<Expr> items = new ArrayList<>();
    for (SqlType type : want != null ? want : types(1 + random.nextInt(3))) {
      items.add(aggregateExpr(type, scope, List.of(), 2));
    }
    if (items.stream().noneMatch(Expr::aggregated)) { // else it is no aggregate, and not one row
      items.set(0, aggregate(items.get(0).type(), scope));
    }
    Expr where = random.nextInt(4) == 0 ? null : predicate(scope, depth - 1, true);
    return new Select(false, items, from, where, List.of(), null, List.of(), null);
  }

  /** SELECT without FROM over literals: constant folding, and aggregates over one constant row. */
  private Query constant() {
    Scope scope = new Scope(List.of(), null);
    List<Expr> items = new ArrayList<>();
    boolean aggregate = random.nextBoolean();
    for (SqlType type : types(1 + random.nextInt(3))) {
      items.add(aggregate ? aggregateExpr(type, scope, List.of(), 2) : expr(type, scope, 3));
    }
    return new Select(false, items, null, null, List.of(), null, List.of(), null);
  }

  private Query setOp() {
    Select left = random.nextInt(3) == 0 ? grouped(null, null, 2) : plain(null, null, 2);
    List<SqlType> types = left.columns();
    Select right = random.nextInt(3) == 0 ? grouped(null, types, 2) : plain(null, types, 2);
    SetKind kind = SetKind.values()[random.nextInt(SetKind.values().length)];
    SetOp op = new SetOp(kind, left, right, List.of(), null);
    if (random.nextInt(4) == 0) {
      List<Ordinal> order = totalOrder(types.size());
      return new SetOp(kind, left, right, order, random.nextBoolean() ? 1 + random.nextInt(8) : null);
    }
    return op;
  }

  private Select windowed() {
    Scope scope = new Scope(new ArrayList<>(), null);
    From from = from(scope, 2);
    List<Expr> items = new ArrayList<>();
    for (SqlType type : types(1 + random.nextInt(2))) {
      items.add(expr(type, scope, 1));
    }
    int windows = 1 + random.nextInt(2);
    for (int i = 0; i < windows; i++) {
      items.add(window(scope));
    }
    Expr where = random.nextInt(3) == 0 ? null : predicate(scope, 2, false);
    return new Select(false, items, from, where, List.of(), null, List.of(), null);
  }

  private Window window(Scope scope) {
    List<Col> columns = scope.local();
    List<Expr> partition = new ArrayList<>();
    int parts = random.nextInt(3);
    for (int i = 0; i < parts; i++) {
      partition.add(column(columns, null));
    }
    WinFn fn = WinFn.values()[random.nextInt(WinFn.values().length)];
    List<SortKey> order = new ArrayList<>();
    if (fn == WinFn.ROW_NUMBER) {
      for (Col c : columns) { // every column: rows that tie are identical, whichever comes first
        order.add(new SortKey(c, random.nextBoolean(), random.nextBoolean()));
      }
    } else {
      int keys = fn == WinFn.RANK ? 1 + random.nextInt(2) : random.nextInt(3);
      for (int i = 0; i < keys; i++) {
        order.add(new SortKey(column(columns, null), random.nextBoolean(), random.nextBoolean()));
      }
    }
    return switch (fn) {
      case ROW_NUMBER, RANK -> new Window(fn, null, partition, order, SqlType.BIGINT);
      case COUNT -> new Window(fn, column(columns, null), partition, order, SqlType.BIGINT);
      case SUM -> {
        Expr arg = expr(exactType(), scope, 1);
        yield new Window(fn, arg, partition, order, arg.type());
      }
      case MIN, MAX -> {
        Expr arg = column(columns, null);
        yield new Window(fn, arg, partition, order, arg.type());
      }
    };
  }

  /**
   * The outermost query with, at times, one more result column that divides decimals or averages: the
   * only place where the oracle compares such a value ({@link Comparability}), so it is drawn here.
   */
  private Select withQuotient(Select select) {
    if (select.distinct() || !select.orderBy().isEmpty() || random.nextInt(3) > 0) {
      return select;
    }
    Scope scope = scopeOf(select.from(), null);
    boolean aggregates = !select.groupBy().isEmpty() || select.items().stream().anyMatch(Expr::aggregated);
    Expr item;
    if (aggregates && random.nextBoolean()) {
      item = new Agg(AggFn.AVG, random.nextInt(4) == 0, expr(exactType(), scope, 2), SqlType.DECIMAL);
    } else if (aggregates) {
      Expr sum = new Agg(AggFn.SUM, false, expr(exactType(), scope, 1), SqlType.DECIMAL);
      item = Call.of(Fn.DIVIDE, SqlType.DECIMAL, sum, random.nextBoolean() ? smallLiteral(SqlType.DECIMAL)
          : Call.of(Fn.NULLIF, SqlType.DECIMAL, aggregate(exactType(), scope), zero(SqlType.DECIMAL)));
    } else {
      item = Call.of(Fn.DIVIDE, SqlType.DECIMAL, expr(SqlType.DECIMAL, scope, 2), divisor(SqlType.DECIMAL, scope, 2));
    }
    List<Expr> items = new ArrayList<>(select.items());
    items.add(random.nextInt(items.size() + 1), item);
    return new Select(false, items, select.from(), select.where(), select.groupBy(), select.having(), List.of(),
        null);
  }

  /** The query with, at times, an ORDER BY over every column and perhaps a LIMIT. */
  private Select ordered(Select select) {
    if (random.nextInt(4) > 0) {
      return select;
    }
    Integer limit = random.nextBoolean() ? random.nextInt(10) : null;
    return new Select(select.distinct(), select.items(), select.from(), select.where(), select.groupBy(),
        select.having(), totalOrder(select.items().size()), limit);
  }

  private List<Ordinal> totalOrder(int columns) {
    List<Integer> positions = new ArrayList<>();
    for (int i = 1; i <= columns; i++) {
      positions.add(i);
    }
    java.util.Collections.shuffle(positions, random);
    List<Ordinal> order = new ArrayList<>();
    for (int position : positions) {
      order.add(new Ordinal(position, random.nextBoolean(), random.nextBoolean()));
    }
    return order;
  }

  // ---------------------------------------------------------------- FROM

  /** A FROM clause of one to three items, each added to {@code scope}. */
  private From from(Scope scope, int depth) {
    int roll = random.nextInt(100);
    int count = roll < 45 ? 1 : roll < 88 ? 2 : 3;
    From from = fromItem(scope, depth);
    long crossRows = rows(from);
    for (int i = 1; i < count; i++) {
      Scope before = new Scope(new ArrayList<>(scope.rels()), scope.outer());
      From right = fromItem(scope, depth);
      Rel added = scope.rels().get(scope.rels().size() - 1);
      JoinKind kind = joinKind();
      if (kind == JoinKind.CROSS && crossRows * rows(right) > 20_000) {
        kind = JoinKind.INNER;
      }
      crossRows = kind == JoinKind.CROSS ? crossRows * rows(right) : Math.max(crossRows, rows(right));
      Expr on = kind == JoinKind.CROSS ? null : kind == JoinKind.FULL ? equiJoin(before, added)
          : joinCondition(before, added, scope);
      if (kind == JoinKind.FULL && on == null) {
        kind = JoinKind.LEFT;
        on = joinCondition(before, added, scope);
      }
      from = new Join(kind, from, right, on);
    }
    return from;
  }

  private long rows(From from) {
    return from instanceof Table t ? tableOf(t).rows().size() : 100;
  }

  private FuzzData.Table tableOf(Table t) {
    return tables.stream().filter(x -> x.name().equals(t.name())).findFirst().orElseThrow();
  }

  private JoinKind joinKind() {
    int roll = random.nextInt(100);
    if (roll < 40) {
      return JoinKind.INNER;
    }
    if (roll < 60) {
      return JoinKind.LEFT;
    }
    if (roll < 75) {
      return JoinKind.RIGHT;
    }
    if (roll < 90) {
      return features.fullJoin() ? JoinKind.FULL : JoinKind.LEFT;
    }
    return JoinKind.CROSS;
  }

  private From fromItem(Scope scope, int depth) {
    if (depth > 1 && random.nextInt(5) == 0 && nest()) {
      String alias = "q" + (++aliases);
      Select inner = random.nextBoolean() ? grouped(null, null, depth - 1) : plain(null, null, depth - 1);
      List<Col> columns = new ArrayList<>();
      for (int i = 0; i < inner.items().size(); i++) {
        columns.add(new Col(alias, "c" + i, inner.items().get(i).type()));
      }
      scope.rels().add(new Rel(alias, columns));
      return new Derived(inner, alias);
    }
    FuzzData.Table table = tables.get(random.nextInt(tables.size()));
    String alias = "a" + (++aliases);
    List<Col> columns = new ArrayList<>();
    for (Column c : table.columns()) {
      columns.add(new Col(alias, c.name(), c.type()));
    }
    scope.rels().add(new Rel(alias, columns));
    return new Table(table.schema(), table.name(), alias);
  }

  /** Mostly an equality between the new item and one before it, sometimes with more, sometimes anything. */
  private Expr joinCondition(Scope before, Rel added, Scope all) {
    int roll = random.nextInt(10);
    if (roll == 0) {
      return predicate(all, 2, false);
    }
    Expr equal = equiJoin(before, added);
    if (equal == null) {
      return predicate(all, 1, false);
    }
    return roll < 3 ? Call.of(Fn.AND, SqlType.BOOLEAN, equal, predicate(all, 1, false)) : equal;
  }

  /**
   * An equality of a column of the new item and one before it, or null when no types meet. A FULL
   * JOIN has only this: PostgreSQL, its reference, runs no other FULL JOIN condition.
   */
  private Expr equiJoin(Scope before, Rel added) {
    Col right = added.columns().get(random.nextInt(added.columns().size()));
    List<Col> partners = new ArrayList<>();
    for (Col c : before.local()) {
      if (c.type().comparable(right.type()) && c.type() != SqlType.BOOLEAN) {
        partners.add(c);
      }
    }
    return partners.isEmpty() ? null
        : Call.of(Fn.EQ, SqlType.BOOLEAN, partners.get(random.nextInt(partners.size())), right);
  }

  /** The expression with its parameters written out as literals. */
  private static Expr inline(Expr expr) {
    return (Expr) Ast.transform(expr, n -> n instanceof Lit l && l.param() ? new Lit(l.value(), l.type(), false) : n);
  }

  private Scope scopeOf(From from, Scope outer) {
    Scope scope = new Scope(new ArrayList<>(), outer);
    collect(from, scope.rels());
    return scope;
  }

  private void collect(From from, List<Rel> rels) {
    if (from instanceof Join j) {
      collect(j.left(), rels);
      collect(j.right(), rels);
    } else if (from instanceof Table t) {
      List<Col> columns = new ArrayList<>();
      for (Column c : tableOf(t).columns()) {
        columns.add(new Col(t.alias(), c.name(), c.type()));
      }
      rels.add(new Rel(t.alias(), columns));
    } else if (from instanceof Derived d) {
      List<Col> columns = new ArrayList<>();
      List<SqlType> types = d.query().columns();
      for (int i = 0; i < types.size(); i++) {
        columns.add(new Col(d.alias(), "c" + i, types.get(i)));
      }
      rels.add(new Rel(d.alias(), columns));
    }
  }

  // ---------------------------------------------------------------- predicates

  /** A boolean expression; {@code subqueries} allows IN, EXISTS and scalar subqueries. */
  Expr predicate(Scope scope, int depth, boolean subqueries) {
    int roll = random.nextInt(100);
    if (depth <= 0 || roll < 30) {
      return simplePredicate(scope);
    }
    if (roll < 45) {
      return Call.of(random.nextBoolean() ? Fn.AND : Fn.OR, SqlType.BOOLEAN, predicate(scope, depth - 1, subqueries),
          predicate(scope, depth - 1, subqueries));
    }
    if (roll < 52) {
      return Call.of(Fn.NOT, SqlType.BOOLEAN, predicate(scope, depth - 1, subqueries));
    }
    if (roll < 57) {
      Fn test = new Fn[] {Fn.IS_NULL, Fn.IS_NOT_NULL, Fn.IS_TRUE, Fn.IS_NOT_TRUE, Fn.IS_FALSE}[random.nextInt(5)];
      return Call.of(test, SqlType.BOOLEAN, predicate(scope, depth - 1, subqueries));
    }
    if (roll < 75 || !subqueries || scope.rels().isEmpty() || !nest()) {
      SqlType type = comparisonType();
      return compare(expr(type, scope, depth - 1), expr(type, scope, depth - 1));
    }
    return subqueryPredicate(scope, depth);
  }

  private Expr simplePredicate(Scope scope) {
    SqlType type = comparisonType();
    Expr lhs = leaf(type, scope);
    int roll = random.nextInt(100);
    if (type == SqlType.BOOLEAN && roll < 30) {
      return lhs;
    }
    if (roll < 50) {
      return compare(lhs, random.nextBoolean() ? literal(type, true) : leaf(type, scope));
    }
    if (roll < 62) {
      return Call.of(random.nextBoolean() ? Fn.IS_NULL : Fn.IS_NOT_NULL, SqlType.BOOLEAN, lhs);
    }
    if (roll < 74 && type != SqlType.BOOLEAN) {
      return Call.of(random.nextInt(4) == 0 ? Fn.NOT_BETWEEN : Fn.BETWEEN, SqlType.BOOLEAN, lhs, literal(type, false),
          random.nextBoolean() ? literal(type, false) : leaf(type, scope));
    }
    if (roll < 88) {
      List<Expr> args = new ArrayList<>(List.of(lhs));
      int count = 1 + random.nextInt(4);
      for (int i = 0; i < count; i++) {
        args.add(random.nextInt(8) == 0 ? Lit.nullOf(type) : literal(type, false));
      }
      return new Call(random.nextInt(4) == 0 ? Fn.NOT_IN : Fn.IN, args, SqlType.BOOLEAN);
    }
    Expr text = leaf(SqlType.VARCHAR, scope);
    return Call.of(random.nextInt(4) == 0 ? Fn.NOT_LIKE : Fn.LIKE, SqlType.BOOLEAN, text,
        Lit.of(PATTERNS.get(random.nextInt(PATTERNS.size())), SqlType.VARCHAR));
  }

  private Expr compare(Expr a, Expr b) {
    Fn op = new Fn[] {Fn.EQ, Fn.NE, Fn.LT, Fn.LE, Fn.GT, Fn.GE}[random.nextInt(6)];
    return Call.of(op, SqlType.BOOLEAN, a, b);
  }

  private Expr subqueryPredicate(Scope scope, int depth) {
    int roll = random.nextInt(3);
    if (roll == 0) {
      SqlType type = comparisonType();
      Select inner = correlated(scope, List.of(type), depth - 1);
      return new Subquery(random.nextInt(3) == 0 ? SubqueryKind.NOT_IN : SubqueryKind.IN, expr(type, scope, 1),
          inner, SqlType.BOOLEAN);
    }
    if (roll == 1) {
      Select inner = correlated(scope, List.of(randomType()), depth - 1);
      return new Subquery(random.nextInt(3) == 0 ? SubqueryKind.NOT_EXISTS : SubqueryKind.EXISTS, null, inner,
          SqlType.BOOLEAN);
    }
    SqlType type = comparisonType();
    return compare(expr(type, scope, 1), scalar(scope, type, depth - 1));
  }

  /** A one-column SELECT whose WHERE may name the enclosing query's columns. */
  private Select correlated(Scope outer, List<SqlType> want, int depth) {
    Select inner = random.nextInt(4) == 0 ? grouped(outer, want, Math.max(depth, 1)) : plain(outer, want, Math.max(depth, 1));
    return inner;
  }

  /** {@code (SELECT agg(...) FROM ... WHERE ...)}: exactly one row, so a scalar in every engine. */
  private Expr scalar(Scope outer, SqlType type, int depth) {
    Select inner = global(outer, List.of(type), Math.max(depth, 1));
    return new Subquery(SubqueryKind.SCALAR, null, inner, type);
  }

  // ---------------------------------------------------------------- expressions

  Expr expr(SqlType type, Scope scope, int depth) {
    if (depth <= 0 || random.nextInt(100) < 35) {
      return leaf(type, scope);
    }
    int roll = random.nextInt(100);
    if (roll < 10) {
      return caseExpr(type, scope, depth);
    }
    if (roll < 16) {
      return Call.of(Fn.COALESCE, type, expr(type, scope, depth - 1), expr(type, scope, depth - 1));
    }
    if (roll < 20 && type != SqlType.BOOLEAN) {
      return Call.of(Fn.NULLIF, type, expr(type, scope, depth - 1), literal(type, false));
    }
    return switch (type) {
      case INTEGER, BIGINT, DECIMAL, DOUBLE -> numeric(type, scope, depth);
      case VARCHAR -> text(scope, depth);
      case DATE -> date(scope, depth);
      case BOOLEAN -> predicate(scope, depth - 1, false);
    };
  }

  private Expr numeric(SqlType type, Scope scope, int depth) {
    int roll = random.nextInt(100);
    if (roll < 30) {
      Fn op = random.nextBoolean() ? Fn.PLUS : Fn.MINUS;
      Expr a = expr(type, scope, depth - 1);
      Expr b = expr(random.nextInt(3) == 0 ? numericTypeUpTo(type) : type, scope, depth - 1);
      return Call.of(op, type, random.nextBoolean() ? a : b, random.nextBoolean() ? b : a);
    }
    if (roll < 42) {
      return Call.of(Fn.TIMES, type, expr(type, scope, depth - 1), smallLiteral(type));
    }
    if (roll < 58) {
      return Call.of(Fn.DIVIDE, type, expr(type, scope, depth - 1), divisor(type, scope, depth));
    }
    if (roll < 64 && type.exact()) {
      return Call.of(Fn.MOD, type, expr(type, scope, depth - 1), divisor(type, scope, depth));
    }
    if (roll < 72) {
      return Call.of(random.nextInt(3) == 0 ? Fn.POS : Fn.NEG, type, expr(type, scope, depth - 1));
    }
    if (roll < 76) {
      return Call.of(Fn.ABS, type, expr(type, scope, depth - 1));
    }
    if (roll < 84) {
      return numericCast(type, scope, depth);
    }
    if (roll < 92 && type == SqlType.INTEGER) {
      return switch (random.nextInt(4)) {
        case 0 -> Call.of(Fn.CHAR_LENGTH, type, expr(SqlType.VARCHAR, scope, depth - 1));
        case 1 -> Call.of(Fn.POSITION, type, literal(SqlType.VARCHAR, false), expr(SqlType.VARCHAR, scope, depth - 1));
        default -> Call.of(new Fn[] {Fn.YEAR, Fn.MONTH, Fn.DAY}[random.nextInt(3)], type,
            expr(SqlType.DATE, scope, depth - 1));
      };
    }
    if (roll < 96 && !scope.rels().isEmpty() && nest()) {
      return scalar(scope, type, depth - 2);
    }
    return leaf(type, scope);
  }

  /** A CAST into {@code type}: from another numeric type, or from text that a CASE has checked first. */
  private Expr numericCast(SqlType type, Scope scope, int depth) {
    Col textColumn = column(scope.local(), SqlType.VARCHAR);
    if (random.nextInt(4) == 0 && type != SqlType.DOUBLE && textColumn != null) {
      // A column: PostgreSQL folds a cast of a constant while planning, before the CASE could skip it.
      Expr text = textColumn;
      List<Expr> in = new ArrayList<>(List.of(text));
      for (String s : type.integral() ? NUMERIC_TEXT.subList(0, 2) : NUMERIC_TEXT) {
        in.add(Lit.of(s, SqlType.VARCHAR));
      }
      return Call.of(Fn.CASE, type, new Call(Fn.IN, in, SqlType.BOOLEAN), new Cast(text, type));
    }
    SqlType from = numericType();
    if (type.integral() && from == SqlType.DOUBLE) {
      from = SqlType.DECIMAL; // double to integer rounds differently in PostgreSQL and H2 (half even, half up)
    }
    if (type == SqlType.INTEGER && from == SqlType.BIGINT) {
      from = SqlType.INTEGER; // the large BIGINT values do not fit
    }
    return new Cast(expr(from, scope, depth - 1), type);
  }

  /** A divisor that is never zero: a non-zero literal, NULL, or NULLIF(x, 0). */
  private Expr divisor(SqlType type, Scope scope, int depth) {
    int roll = random.nextInt(10);
    if (roll < 5) {
      return smallLiteral(type);
    }
    if (roll < 6) {
      return random.nextBoolean() ? Lit.nullOf(type) : new Lit(null, type, true);
    }
    Expr value = expr(type, scope, depth - 1);
    return Call.of(Fn.NULLIF, type, value, zero(type));
  }

  private Expr text(Scope scope, int depth) {
    int roll = random.nextInt(100);
    if (roll < 30) {
      return Call.of(Fn.CONCAT, SqlType.VARCHAR, expr(SqlType.VARCHAR, scope, depth - 1),
          expr(SqlType.VARCHAR, scope, depth - 1));
    }
    if (roll < 45) {
      return Call.of(new Fn[] {Fn.UPPER, Fn.LOWER, Fn.TRIM}[random.nextInt(3)], SqlType.VARCHAR,
          expr(SqlType.VARCHAR, scope, depth - 1));
    }
    if (roll < 60) {
      Expr s = expr(SqlType.VARCHAR, scope, depth - 1);
      Expr start = Lit.of(1 + random.nextInt(4), SqlType.INTEGER);
      return random.nextBoolean() ? Call.of(Fn.SUBSTRING, SqlType.VARCHAR, s, start)
          : Call.of(Fn.SUBSTRING, SqlType.VARCHAR, s, start, Lit.of(random.nextInt(4), SqlType.INTEGER));
    }
    if (roll < 70) {
      return Call.of(Fn.REPLACE, SqlType.VARCHAR, expr(SqlType.VARCHAR, scope, depth - 1),
          literal(SqlType.VARCHAR, false), literal(SqlType.VARCHAR, false));
    }
    if (roll < 85) {
      SqlType from = random.nextInt(3) == 0 ? SqlType.DATE : random.nextBoolean() ? SqlType.INTEGER : SqlType.BIGINT;
      return new Cast(expr(from, scope, depth - 1), SqlType.VARCHAR);
    }
    if (roll < 87) {
      return Call.of(Fn.POS, SqlType.VARCHAR, expr(SqlType.VARCHAR, scope, depth - 1)); // H2 leaves the text alone
    }
    return leaf(SqlType.VARCHAR, scope);
  }

  private Expr date(Scope scope, int depth) {
    if (random.nextBoolean()) {
      return new AddDays(expr(SqlType.DATE, scope, depth - 1), random.nextInt(801) - 400);
    }
    return leaf(SqlType.DATE, scope);
  }

  private Expr caseExpr(SqlType type, Scope scope, int depth) {
    List<Expr> args = new ArrayList<>();
    int whens = 1 + random.nextInt(2);
    if (random.nextInt(3) == 0) {
      SqlType operand = comparisonType();
      args.add(expr(operand, scope, depth - 1));
      for (int i = 0; i < whens; i++) {
        args.add(literal(operand, false));
        args.add(expr(type, scope, depth - 1));
      }
      if (random.nextBoolean()) {
        args.add(expr(type, scope, depth - 1));
      }
      return new Call(Fn.SIMPLE_CASE, args, type);
    }
    for (int i = 0; i < whens; i++) {
      args.add(predicate(scope, depth - 1, false));
      args.add(expr(type, scope, depth - 1));
    }
    if (random.nextBoolean()) {
      args.add(expr(type, scope, depth - 1));
    }
    return new Call(Fn.CASE, args, type);
  }

  /** A column of the type in scope (sometimes of an enclosing query), else a literal. */
  private Expr leaf(SqlType type, Scope scope) {
    if (random.nextInt(4) > 0) {
      List<Col> columns = random.nextInt(5) == 0 ? scope.visible() : scope.local();
      Expr column = column(columns, type);
      if (column != null) {
        return column;
      }
    }
    return literal(type, false);
  }

  /** A random column of the type, any type when {@code type} is null; null when there is none. */
  private Col column(List<Col> columns, SqlType type) {
    List<Col> fitting = new ArrayList<>();
    for (Col c : columns) {
      if (type == null || c.type() == type) {
        fitting.add(c);
      }
    }
    return fitting.isEmpty() ? null : fitting.get(random.nextInt(fitting.size()));
  }

  // ---------------------------------------------------------------- aggregates

  /** An expression over aggregates and the group keys. */
  private Expr aggregateExpr(SqlType type, Scope scope, List<Expr> keys, int depth) {
    int roll = random.nextInt(100);
    if (roll < 12) {
      for (Expr key : keys) {
        if (key.type() == type) {
          return key;
        }
      }
    }
    if (depth > 0 && type.numeric() && roll >= 65 && roll < 85) {
      Expr a = aggregateExpr(type, scope, keys, depth - 1);
      return switch (random.nextInt(4)) {
        case 0 -> Call.of(Fn.PLUS, type, a, aggregateExpr(type, scope, keys, depth - 1));
        case 1 -> Call.of(Fn.MINUS, type, a, aggregateExpr(type, scope, keys, depth - 1));
        case 2 -> Call.of(Fn.TIMES, type, a, smallLiteral(type));
        default -> Call.of(Fn.DIVIDE, type, a,
            random.nextBoolean() ? smallLiteral(type)
                : Call.of(Fn.NULLIF, type, aggregateExpr(type, scope, keys, depth - 1), zero(type)));
      };
    }
    if (depth > 0 && roll >= 85 && roll < 92) {
      return Call.of(Fn.CASE, type, aggregatePredicate(scope, keys, depth - 1), aggregateExpr(type, scope, keys, 0),
          aggregateExpr(type, scope, keys, 0));
    }
    if (roll >= 92) {
      return literal(type, false);
    }
    return aggregate(type, scope);
  }

  /**
   * An aggregate over this query's own rows: its argument names no enclosing query's column, which
   * would make it, in standard SQL and PostgreSQL, an aggregate of the enclosing query.
   */
  private Expr aggregate(SqlType type, Scope outerAndLocal) {
    Scope scope = new Scope(outerAndLocal.rels(), null);
    boolean distinct = random.nextInt(4) == 0;
    if (type == SqlType.BIGINT && random.nextInt(3) == 0) {
      return random.nextBoolean() ? new Agg(AggFn.COUNT, false, null, type)
          : new Agg(AggFn.COUNT, distinct, expr(randomType(), scope, 1), type);
    }
    if (type.numeric() && random.nextInt(3) > 0) {
      AggFn fn = random.nextBoolean() ? AggFn.SUM : AggFn.AVG;
      return new Agg(fn, distinct, expr(type, scope, 1 + random.nextInt(2)), type);
    }
    if (type == SqlType.BOOLEAN) {
      return compare(aggregate(SqlType.INTEGER, scope), literal(SqlType.INTEGER, false));
    }
    return new Agg(random.nextBoolean() ? AggFn.MIN : AggFn.MAX, distinct, expr(type, scope, 1 + random.nextInt(2)), type);
  }

  private Expr aggregatePredicate(Scope scope, List<Expr> keys, int depth) {
    SqlType type = comparisonType();
    Expr left = aggregateExpr(type, scope, keys, depth);
    Expr right = random.nextBoolean() ? literal(type, true) : aggregateExpr(type, scope, keys, depth);
    Expr comparison = type == SqlType.BOOLEAN ? left : compare(left, right);
    if (depth > 0 && random.nextInt(4) == 0) {
      return Call.of(random.nextBoolean() ? Fn.AND : Fn.OR, SqlType.BOOLEAN, comparison,
          aggregatePredicate(scope, keys, depth - 1));
    }
    return comparison;
  }

  // ---------------------------------------------------------------- literals and types

  /**
   * A literal from the data's own pools; sometimes NULL, which {@code bare} allows untyped. With
   * parameters on, most non-NULL literals are parameters.
   */
  Lit literal(SqlType type, boolean bare) {
    int roll = random.nextInt(100);
    if (roll < 6) {
      return new Lit(null, type, bare && roll < 2);
    }
    return new Lit(anyValue(type), type, false, bind(Bind.ANY));
  }

  private Object anyValue(SqlType type) {
    int roll = random.nextInt(100);
    return switch (type) {
      case INTEGER -> roll < 95 ? random.nextInt(21) - 5 : 1000 * (random.nextInt(3) - 1);
      case BIGINT -> roll < 90 ? (long) (random.nextInt(21) - 5) : 5_000_000_000L * (random.nextBoolean() ? 1 : -1);
      case DECIMAL -> BigDecimal.valueOf(random.nextInt(2001) - 1000, 1 + random.nextInt(2));
      case DOUBLE -> (random.nextInt(401) - 200) / 4.0;
      case VARCHAR -> FuzzData.STRINGS.get(random.nextInt(FuzzData.STRINGS.size()));
      case DATE -> FuzzData.DATES.get(random.nextInt(FuzzData.DATES.size()));
      case BOOLEAN -> random.nextBoolean();
    };
  }

  /** A small non-zero literal: a factor or divisor that cannot overflow or fail. */
  private Lit smallLiteral(SqlType type) {
    SqlType t = type.exact() ? type : SqlType.DOUBLE;
    return new Lit(smallValue(t), t, false, bind(Bind.NONZERO));
  }

  private Object smallValue(SqlType type) {
    int n = (1 + random.nextInt(9)) * (random.nextInt(4) == 0 ? -1 : 1);
    return switch (type) {
      case INTEGER -> n;
      case BIGINT -> (long) n;
      case DECIMAL -> BigDecimal.valueOf(n * 5L, 1);
      default -> n / 2.0;
    };
  }

  private Bind bind(Bind kind) {
    return parameters && random.nextInt(10) < 6 ? kind : Bind.INLINE;
  }

  /** The case with new values for its parameters, drawn as the generator drew the first ones. */
  Node rebind(Node root) {
    return Ast.transform(root, node -> node instanceof Lit l && l.param()
        ? l.withValue(l.bind() == Bind.NONZERO ? smallValue(l.type()) : anyValue(l.type())) : node);
  }

  private static Lit zero(SqlType type) {
    return switch (type) {
      case INTEGER -> Lit.of(0, type);
      case BIGINT -> Lit.of(0L, type);
      case DECIMAL -> Lit.of(new BigDecimal("0.0"), type);
      default -> Lit.of(0.0, SqlType.DOUBLE);
    };
  }

  private List<SqlType> types(int count) {
    List<SqlType> types = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      types.add(randomType());
    }
    return types;
  }

  private SqlType randomType() {
    return VALUE_TYPES[random.nextInt(VALUE_TYPES.length)];
  }

  private SqlType comparisonType() {
    return randomType();
  }

  private SqlType numericType() {
    return new SqlType[] {SqlType.INTEGER, SqlType.BIGINT, SqlType.DECIMAL, SqlType.DOUBLE}[random.nextInt(4)];
  }

  private SqlType exactType() {
    return new SqlType[] {SqlType.INTEGER, SqlType.BIGINT, SqlType.DECIMAL}[random.nextInt(3)];
  }

  /** A numeric type no wider than {@code type}, so that arithmetic keeps the type the generator expects. */
  private SqlType numericTypeUpTo(SqlType type) {
    return SqlType.values()[random.nextInt(type.ordinal() + 1)];
  }
}
