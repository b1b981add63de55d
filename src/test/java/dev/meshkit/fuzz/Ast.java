package dev.meshkit.fuzz;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The fuzzer's SQL: immutable nodes that print themselves in the dialect every compared engine
 * reads (H2, PostgreSQL and the mesh's Calcite), and that offer smaller versions of themselves to
 * the {@link Reducer}. Every compound expression prints in parentheses, so printing never depends
 * on operator precedence.
 */
final class Ast {

  private Ast() {
  }

  /** A node of a query. */
  interface Node {
    List<? extends Node> children();

    /** This node with child {@code index} replaced. */
    Node with(int index, Node child);

    /** Smaller nodes that may take this one's place; the reducer keeps one only if the failure stays. */
    default List<Node> shrinks() {
      return List.of();
    }

    void print(StringBuilder out);

    default String sql() {
      StringBuilder out = new StringBuilder();
      print(out);
      return out.toString();
    }
  }

  interface Expr extends Node {
    SqlType type();

    /** Whether it contains an aggregate outside of a subquery. */
    default boolean aggregated() {
      for (Node child : children()) {
        if (child instanceof Expr e && e.aggregated()) {
          return true;
        }
      }
      return false;
    }
  }

  /** A query: a SELECT or a set operation. */
  interface Query extends Node {
    /** The types of its result columns. */
    List<SqlType> columns();
  }

  /** What a FROM clause reads: a table, a join or a derived table. */
  interface From extends Node {
  }

  // ---------------------------------------------------------------- expressions

  record Col(String qualifier, String name, SqlType type) implements Expr {
    @Override
    public List<Node> children() {
      return List.of();
    }

    @Override
    public Node with(int index, Node child) {
      throw new IndexOutOfBoundsException(index);
    }

    @Override
    public void print(StringBuilder out) {
      out.append(qualifier).append('.').append(name);
    }
  }

  /** Whether a literal is a parameter, and which values it may take when bound again. */
  enum Bind {
    /** Written in the statement. */
    INLINE,
    /** A parameter, {@code CAST(? AS type)}, any value of the literal pool. */
    ANY,
    /** A parameter that must not be zero: a divisor or factor. */
    NONZERO
  }

  /**
   * A literal; a NULL is printed typed, {@code CAST(NULL AS INTEGER)}, unless {@code bare}, which
   * the engines type from the context. A parameter prints as {@code CAST(? AS type)} and its value is
   * bound, so that one prepared statement runs with several values (and the mesh plans it once).
   */
  record Lit(Object value, SqlType type, boolean bare, Bind bind) implements Expr {
    Lit(Object value, SqlType type, boolean bare) {
      this(value, type, bare, Bind.INLINE);
    }

    static Lit of(Object value, SqlType type) {
      return new Lit(value, type, false);
    }

    static Lit nullOf(SqlType type) {
      return new Lit(null, type, false);
    }

    boolean param() {
      return bind != Bind.INLINE;
    }

    Lit withValue(Object newValue) {
      return new Lit(newValue, type, bare, bind);
    }

    /** A parameter may become the literal it is bound to. */
    @Override
    public List<Node> shrinks() {
      return param() ? List.of(new Lit(value, type, bare, Bind.INLINE)) : List.of();
    }

    /** A small non-NULL value of the type, the reducer's stand-in for an expression. */
    static Lit simple(SqlType type) {
      return switch (type) {
        case INTEGER -> of(1, type);
        case BIGINT -> of(1L, type);
        case DECIMAL -> of(new BigDecimal("1.00"), type);
        case DOUBLE -> of(1.0, type);
        case VARCHAR -> of("a", type);
        case DATE -> of(LocalDate.of(2000, 1, 1), type);
        case BOOLEAN -> of(true, type);
      };
    }

    @Override
    public List<Node> children() {
      return List.of();
    }

    @Override
    public Node with(int index, Node child) {
      throw new IndexOutOfBoundsException(index);
    }

    @Override
    public void print(StringBuilder out) {
      if (param()) {
        out.append("CAST(? AS ").append(type.castName).append(')');
        return;
      }
      if (value == null) {
        out.append(bare ? "NULL" : "CAST(NULL AS " + type.castName + ")");
        return;
      }
      switch (type) {
        case INTEGER -> signed(out, value.toString());
        case BIGINT -> out.append("CAST(").append(value).append(" AS BIGINT)");
        case DECIMAL -> signed(out, ((BigDecimal) value).toPlainString());
        case DOUBLE -> out.append("CAST(").append(BigDecimal.valueOf((Double) value).toPlainString())
            .append(" AS DOUBLE PRECISION)");
        case VARCHAR -> out.append('\'').append(((String) value).replace("'", "''")).append('\'');
        case DATE -> out.append("DATE '").append(value).append('\'');
        case BOOLEAN -> out.append((Boolean) value ? "TRUE" : "FALSE");
      }
    }

    /** A negative number in parentheses: {@code a - -1} must never print as a comment {@code --1}. */
    private static void signed(StringBuilder out, String number) {
      if (number.startsWith("-")) {
        out.append('(').append(number).append(')');
      } else {
        out.append(number);
      }
    }
  }

  /** How an operator or function prints. */
  enum Fn {
    PLUS("+", Form.INFIX), MINUS("-", Form.INFIX), TIMES("*", Form.INFIX), DIVIDE("/", Form.INFIX),
    CONCAT("||", Form.INFIX),
    EQ("=", Form.INFIX), NE("<>", Form.INFIX), LT("<", Form.INFIX), LE("<=", Form.INFIX), GT(">", Form.INFIX),
    GE(">=", Form.INFIX), AND("AND", Form.INFIX), OR("OR", Form.INFIX),
    NEG("-", Form.PREFIX), POS("+", Form.PREFIX), NOT("NOT", Form.PREFIX),
    IS_NULL("IS NULL", Form.POSTFIX), IS_NOT_NULL("IS NOT NULL", Form.POSTFIX), IS_TRUE("IS TRUE", Form.POSTFIX),
    IS_NOT_TRUE("IS NOT TRUE", Form.POSTFIX), IS_FALSE("IS FALSE", Form.POSTFIX),
    ABS("ABS", Form.FUNCTION), MOD("MOD", Form.FUNCTION), COALESCE("COALESCE", Form.FUNCTION),
    NULLIF("NULLIF", Form.FUNCTION), UPPER("UPPER", Form.FUNCTION), LOWER("LOWER", Form.FUNCTION),
    CHAR_LENGTH("CHAR_LENGTH", Form.FUNCTION), TRIM("TRIM", Form.FUNCTION), REPLACE("REPLACE", Form.FUNCTION),
    SUBSTRING("SUBSTRING", Form.SPECIAL), POSITION("POSITION", Form.SPECIAL), YEAR("YEAR", Form.SPECIAL),
    MONTH("MONTH", Form.SPECIAL), DAY("DAY", Form.SPECIAL),
    BETWEEN("BETWEEN", Form.SPECIAL), NOT_BETWEEN("NOT BETWEEN", Form.SPECIAL),
    IN("IN", Form.SPECIAL), NOT_IN("NOT IN", Form.SPECIAL), LIKE("LIKE", Form.SPECIAL),
    NOT_LIKE("NOT LIKE", Form.SPECIAL),
    /** Searched CASE: WHEN/THEN pairs, then the ELSE value when the argument count is odd. */
    CASE("CASE", Form.SPECIAL),
    /** Simple CASE: the operand, WHEN/THEN pairs, then the ELSE value when the argument count is even. */
    SIMPLE_CASE("CASE", Form.SPECIAL);

    final String symbol;
    final Form form;

    Fn(String symbol, Form form) {
      this.symbol = symbol;
      this.form = form;
    }

    enum Form { INFIX, PREFIX, POSTFIX, FUNCTION, SPECIAL }
  }

  record Call(Fn fn, List<Expr> args, SqlType type) implements Expr {
    Call {
      args = List.copyOf(args);
    }

    static Call of(Fn fn, SqlType type, Expr... args) {
      return new Call(fn, List.of(args), type);
    }

    @Override
    public List<Expr> children() {
      return args;
    }

    @Override
    public Node with(int index, Node child) {
      List<Expr> copy = new ArrayList<>(args);
      copy.set(index, (Expr) child);
      return new Call(fn, copy, type);
    }

    @Override
    public List<Node> shrinks() {
      List<Node> smaller = new ArrayList<>();
      for (Expr arg : args) {
        if (arg.type().comparable(type)) {
          smaller.add(arg);
        }
      }
      if ((fn == Fn.IN || fn == Fn.NOT_IN) && args.size() > 2) {
        for (int i = 1; i < args.size(); i++) {
          List<Expr> fewer = new ArrayList<>(args);
          fewer.remove(i);
          smaller.add(new Call(fn, fewer, type));
        }
      }
      int first = fn == Fn.SIMPLE_CASE ? 1 : 0;
      if ((fn == Fn.CASE || fn == Fn.SIMPLE_CASE) && args.size() > first + 2) {
        List<Expr> fewer = new ArrayList<>(args);
        if ((args.size() - first) % 2 == 1) {
          fewer.remove(args.size() - 1); // no ELSE
        } else {
          fewer.subList(first, first + 2).clear(); // no first WHEN
        }
        smaller.add(new Call(fn, fewer, type));
      }
      return smaller;
    }

    @Override
    public void print(StringBuilder out) {
      switch (fn.form) {
        case INFIX -> {
          out.append('(');
          args.get(0).print(out);
          out.append(' ').append(fn.symbol).append(' ');
          args.get(1).print(out);
          out.append(')');
        }
        case PREFIX -> {
          out.append('(').append(fn.symbol).append(' ');
          args.get(0).print(out);
          out.append(')');
        }
        case POSTFIX -> {
          out.append('(');
          args.get(0).print(out);
          out.append(' ').append(fn.symbol).append(')');
        }
        case FUNCTION -> {
          out.append(fn.symbol).append('(');
          list(out, args);
          out.append(')');
        }
        case SPECIAL -> special(out);
      }
    }

    private void special(StringBuilder out) {
      switch (fn) {
        case SUBSTRING -> {
          out.append("SUBSTRING(");
          args.get(0).print(out);
          out.append(" FROM ");
          args.get(1).print(out);
          if (args.size() > 2) {
            out.append(" FOR ");
            args.get(2).print(out);
          }
          out.append(')');
        }
        case POSITION -> {
          out.append("POSITION(");
          args.get(0).print(out);
          out.append(" IN ");
          args.get(1).print(out);
          out.append(')');
        }
        case YEAR, MONTH, DAY -> {
          out.append("EXTRACT(").append(fn.symbol).append(" FROM ");
          args.get(0).print(out);
          out.append(')');
        }
        case BETWEEN, NOT_BETWEEN -> {
          out.append('(');
          args.get(0).print(out);
          out.append(' ').append(fn.symbol).append(' ');
          args.get(1).print(out);
          out.append(" AND ");
          args.get(2).print(out);
          out.append(')');
        }
        case IN, NOT_IN -> {
          out.append('(');
          args.get(0).print(out);
          out.append(' ').append(fn.symbol).append(" (");
          list(out, args.subList(1, args.size()));
          out.append("))");
        }
        case LIKE, NOT_LIKE -> {
          out.append('(');
          args.get(0).print(out);
          out.append(' ').append(fn.symbol).append(' ');
          args.get(1).print(out);
          out.append(')');
        }
        case CASE, SIMPLE_CASE -> {
          out.append("CASE");
          int i = 0;
          if (fn == Fn.SIMPLE_CASE) {
            out.append(' ');
            args.get(0).print(out);
            i = 1;
          }
          for (; i + 1 < args.size(); i += 2) {
            out.append(" WHEN ");
            args.get(i).print(out);
            out.append(" THEN ");
            args.get(i + 1).print(out);
          }
          if (i < args.size()) {
            out.append(" ELSE ");
            args.get(i).print(out);
          }
          out.append(" END");
        }
        default -> throw new IllegalStateException(fn.name());
      }
    }
  }

  record Cast(Expr arg, SqlType target) implements Expr {
    @Override
    public SqlType type() {
      return target;
    }

    @Override
    public List<Expr> children() {
      return List.of(arg);
    }

    @Override
    public Node with(int index, Node child) {
      return new Cast((Expr) child, target);
    }

    @Override
    public List<Node> shrinks() {
      return arg.type().comparable(target) ? List.of(arg) : List.of();
    }

    @Override
    public void print(StringBuilder out) {
      out.append("CAST(");
      arg.print(out);
      out.append(" AS ").append(target.castName).append(')');
    }
  }

  /**
   * {@code CAST(arg AS DECIMAL(38,0))}: an integer as an exact number of any size, which every engine
   * computes with alike, where a SUM of BIGINTs is a BIGINT in one and a NUMERIC in another.
   */
  record Numeric(Expr arg) implements Expr {
    @Override
    public SqlType type() {
      return SqlType.DECIMAL;
    }

    @Override
    public List<Expr> children() {
      return List.of(arg);
    }

    @Override
    public Node with(int index, Node child) {
      return new Numeric((Expr) child);
    }

    @Override
    public List<Node> shrinks() {
      return List.of(arg);
    }

    @Override
    public void print(StringBuilder out) {
      out.append("CAST(");
      arg.print(out);
      out.append(" AS DECIMAL(38,0))");
    }
  }

  /**
   * A date some days later, cast back to DATE: PostgreSQL's date plus interval is a timestamp.
   */
  record AddDays(Expr date, int days) implements Expr {
    @Override
    public SqlType type() {
      return SqlType.DATE;
    }

    @Override
    public List<Expr> children() {
      return List.of(date);
    }

    @Override
    public Node with(int index, Node child) {
      return new AddDays((Expr) child, days);
    }

    @Override
    public List<Node> shrinks() {
      return List.of(date);
    }

    @Override
    public void print(StringBuilder out) {
      out.append("CAST((");
      date.print(out);
      out.append(" + INTERVAL '").append(days).append("' DAY) AS DATE)");
    }
  }

  enum AggFn { COUNT, SUM, MIN, MAX, AVG }

  /** An aggregate; {@code arg} is null for COUNT(*). */
  record Agg(AggFn fn, boolean distinct, Expr arg, SqlType type) implements Expr {
    @Override
    public boolean aggregated() {
      return true;
    }

    @Override
    public List<Expr> children() {
      return arg == null ? List.of() : List.of(arg);
    }

    @Override
    public Node with(int index, Node child) {
      return new Agg(fn, distinct, (Expr) child, type);
    }

    @Override
    public List<Node> shrinks() {
      List<Node> smaller = new ArrayList<>();
      if (distinct) {
        smaller.add(new Agg(fn, false, arg, type));
      }
      if (fn == AggFn.COUNT && arg != null) {
        smaller.add(new Agg(fn, false, null, type));
      }
      return smaller;
    }

    @Override
    public void print(StringBuilder out) {
      out.append(fn.name()).append('(');
      if (arg == null) {
        out.append('*');
      } else {
        if (distinct) {
          out.append("DISTINCT ");
        }
        arg.print(out);
      }
      out.append(')');
    }
  }

  enum WinFn { ROW_NUMBER, RANK, SUM, COUNT, MIN, MAX }

  /**
   * A window function. ROW_NUMBER's ORDER BY covers whole rows, so that ties are identical rows;
   * the reducer may not touch it, since a partial order would make the answer a matter of chance.
   */
  record Window(WinFn fn, Expr arg, List<Expr> partition, List<SortKey> order, SqlType type) implements Expr {
    Window {
      partition = List.copyOf(partition);
      order = List.copyOf(order);
    }

    @Override
    public List<Node> children() {
      List<Node> children = new ArrayList<>();
      if (arg != null) {
        children.add(arg);
      }
      children.addAll(partition);
      if (fn != WinFn.ROW_NUMBER) {
        children.addAll(order);
      }
      return children;
    }

    @Override
    public Node with(int index, Node child) {
      if (arg != null) {
        if (index == 0) {
          return new Window(fn, (Expr) child, partition, order, type);
        }
        index--;
      }
      if (index < partition.size()) {
        List<Expr> copy = new ArrayList<>(partition);
        copy.set(index, (Expr) child);
        return new Window(fn, arg, copy, order, type);
      }
      List<SortKey> copy = new ArrayList<>(order);
      copy.set(index - partition.size(), (SortKey) child);
      return new Window(fn, arg, partition, copy, type);
    }

    @Override
    public List<Node> shrinks() {
      List<Node> smaller = new ArrayList<>();
      if (!partition.isEmpty()) {
        smaller.add(new Window(fn, arg, List.of(), order, type));
      }
      if (fn != WinFn.ROW_NUMBER && fn != WinFn.RANK && !order.isEmpty()) {
        smaller.add(new Window(fn, arg, partition, List.of(), type));
      }
      return smaller;
    }

    @Override
    public void print(StringBuilder out) {
      out.append(fn.name()).append('(');
      if (arg != null) {
        arg.print(out);
      }
      out.append(") OVER (");
      if (!partition.isEmpty()) {
        out.append("PARTITION BY ");
        list(out, partition);
      }
      if (!order.isEmpty()) {
        out.append(partition.isEmpty() ? "" : " ").append("ORDER BY ");
        list(out, order);
      }
      out.append(')');
    }
  }

  /** A sort key of a window: an expression, its direction and where NULLs go (always said: engines differ). */
  record SortKey(Expr expr, boolean descending, boolean nullsFirst) implements Node {
    @Override
    public List<Expr> children() {
      return List.of(expr);
    }

    @Override
    public Node with(int index, Node child) {
      return new SortKey((Expr) child, descending, nullsFirst);
    }

    @Override
    public void print(StringBuilder out) {
      expr.print(out);
      out.append(descending ? " DESC" : " ASC").append(nullsFirst ? " NULLS FIRST" : " NULLS LAST");
    }
  }

  enum SubqueryKind { IN, NOT_IN, EXISTS, NOT_EXISTS, SCALAR }

  /** A subquery in an expression; {@code lhs} only for IN and NOT IN. */
  record Subquery(SubqueryKind kind, Expr lhs, Query query, SqlType type) implements Expr {
    @Override
    public boolean aggregated() {
      return lhs != null && lhs.aggregated();
    }

    @Override
    public List<Node> children() {
      return lhs == null ? List.of(query) : List.of(lhs, query);
    }

    @Override
    public Node with(int index, Node child) {
      if (lhs != null && index == 0) {
        return new Subquery(kind, (Expr) child, query, type);
      }
      return new Subquery(kind, lhs, (Query) child, type);
    }

    @Override
    public List<Node> shrinks() {
      return switch (kind) {
        case NOT_IN -> List.of(new Subquery(SubqueryKind.IN, lhs, query, type));
        case NOT_EXISTS -> List.of(new Subquery(SubqueryKind.EXISTS, lhs, query, type));
        default -> List.of();
      };
    }

    @Override
    public void print(StringBuilder out) {
      out.append('(');
      switch (kind) {
        case IN, NOT_IN -> {
          lhs.print(out);
          out.append(kind == SubqueryKind.IN ? " IN (" : " NOT IN (");
        }
        case EXISTS -> out.append("EXISTS (");
        case NOT_EXISTS -> out.append("NOT EXISTS (");
        case SCALAR -> out.append('(');
      }
      query.print(out);
      out.append("))");
    }
  }

  // ---------------------------------------------------------------- queries

  /** A result position in ORDER BY (1-based), its direction and where NULLs go. */
  record Ordinal(int position, boolean descending, boolean nullsFirst) {
    /** The ORDER BY without result column {@code index} (0-based), later positions moved up. */
    static List<Ordinal> without(List<Ordinal> orderBy, int index) {
      List<Ordinal> kept = new ArrayList<>();
      for (Ordinal o : orderBy) {
        if (o.position != index + 1) {
          kept.add(o.position > index + 1 ? new Ordinal(o.position - 1, o.descending, o.nullsFirst) : o);
        }
      }
      return kept;
    }

    static void print(StringBuilder out, List<Ordinal> orderBy, Integer limit) {
      for (int i = 0; i < orderBy.size(); i++) {
        Ordinal o = orderBy.get(i);
        out.append(i == 0 ? " ORDER BY " : ", ").append(o.position).append(o.descending ? " DESC" : " ASC")
            .append(o.nullsFirst ? " NULLS FIRST" : " NULLS LAST");
      }
      if (limit != null) {
        out.append(" LIMIT ").append(limit);
      }
    }
  }

  /**
   * A SELECT. Its items are named c0, c1, ... . An ORDER BY always covers every item, so that it is
   * total over what the query returns and a LIMIT keeps the same rows in every engine.
   */
  record Select(boolean distinct, List<Expr> items, From from, Expr where, List<Expr> groupBy, Expr having,
      List<Ordinal> orderBy, Integer limit) implements Query {
    Select {
      items = List.copyOf(items);
      groupBy = List.copyOf(groupBy);
      orderBy = List.copyOf(orderBy);
    }

    @Override
    public List<SqlType> columns() {
      return items.stream().map(Expr::type).toList();
    }

    @Override
    public List<Node> children() {
      List<Node> children = new ArrayList<>(items);
      if (from != null) {
        children.add(from);
      }
      if (where != null) {
        children.add(where);
      }
      children.addAll(groupBy);
      if (having != null) {
        children.add(having);
      }
      return children;
    }

    @Override
    public Node with(int index, Node child) {
      if (index < items.size()) {
        List<Expr> copy = new ArrayList<>(items);
        copy.set(index, (Expr) child);
        return new Select(distinct, copy, from, where, groupBy, having, orderBy, limit);
      }
      index -= items.size();
      if (from != null && index-- == 0) {
        return new Select(distinct, items, (From) child, where, groupBy, having, orderBy, limit);
      }
      if (where != null && index-- == 0) {
        return new Select(distinct, items, from, (Expr) child, groupBy, having, orderBy, limit);
      }
      if (index < groupBy.size()) {
        List<Expr> copy = new ArrayList<>(groupBy);
        copy.set(index, (Expr) child);
        return new Select(distinct, items, from, where, copy, having, orderBy, limit);
      }
      return new Select(distinct, items, from, where, groupBy, (Expr) child, orderBy, limit);
    }

    @Override
    public List<Node> shrinks() {
      List<Node> smaller = new ArrayList<>();
      if (limit != null) {
        smaller.add(new Select(distinct, items, from, where, groupBy, having, orderBy, null));
      } else if (!orderBy.isEmpty()) {
        smaller.add(new Select(distinct, items, from, where, groupBy, having, List.of(), null));
      }
      if (where != null) {
        smaller.add(new Select(distinct, items, from, null, groupBy, having, orderBy, limit));
      }
      if (having != null) {
        smaller.add(new Select(distinct, items, from, where, groupBy, null, orderBy, limit));
      }
      if (!groupBy.isEmpty()) {
        smaller.add(new Select(distinct, items, from, where, List.of(), null, orderBy, limit));
        for (int i = 0; groupBy.size() > 1 && i < groupBy.size(); i++) {
          List<Expr> fewer = new ArrayList<>(groupBy);
          fewer.remove(i);
          smaller.add(new Select(distinct, items, from, where, fewer, having, orderBy, limit));
        }
      }
      if (distinct) {
        smaller.add(new Select(false, items, from, where, groupBy, having, orderBy, limit));
      }
      for (int i = 0; items.size() > 1 && i < items.size(); i++) {
        smaller.add(withoutItem(i));
      }
      return smaller;
    }

    /** Without item {@code i}, its ORDER BY entry gone and later positions moved up. */
    Select withoutItem(int i) {
      List<Expr> fewer = new ArrayList<>(items);
      fewer.remove(i);
      return new Select(distinct, fewer, from, where, groupBy, having, Ordinal.without(orderBy, i), limit);
    }

    @Override
    public void print(StringBuilder out) {
      out.append(distinct ? "SELECT DISTINCT " : "SELECT ");
      for (int i = 0; i < items.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        items.get(i).print(out);
        out.append(" AS c").append(i);
      }
      if (from != null) {
        out.append(" FROM ");
        from.print(out);
      }
      if (where != null) {
        out.append(" WHERE ");
        where.print(out);
      }
      if (!groupBy.isEmpty()) {
        out.append(" GROUP BY ");
        list(out, groupBy);
      }
      if (having != null) {
        out.append(" HAVING ");
        having.print(out);
      }
      Ordinal.print(out, orderBy, limit);
    }
  }

  enum SetKind {
    UNION("UNION"), UNION_ALL("UNION ALL"), INTERSECT("INTERSECT"), EXCEPT("EXCEPT");

    final String sql;

    SetKind(String sql) {
      this.sql = sql;
    }
  }

  record SetOp(SetKind kind, Query left, Query right, List<Ordinal> orderBy, Integer limit) implements Query {
    SetOp {
      orderBy = List.copyOf(orderBy);
    }

    @Override
    public List<SqlType> columns() {
      return left.columns();
    }

    @Override
    public List<Query> children() {
      return List.of(left, right);
    }

    @Override
    public Node with(int index, Node child) {
      return index == 0 ? new SetOp(kind, (Query) child, right, orderBy, limit)
          : new SetOp(kind, left, (Query) child, orderBy, limit);
    }

    @Override
    public List<Node> shrinks() {
      List<Node> smaller = new ArrayList<>();
      if (!orderBy.isEmpty()) {
        smaller.add(new SetOp(kind, left, right, List.of(), null));
      }
      smaller.add(left);
      smaller.add(right);
      if (kind != SetKind.UNION_ALL) {
        smaller.add(new SetOp(SetKind.UNION_ALL, left, right, orderBy, limit));
      }
      if (left instanceof Select l && right instanceof Select r && l.items().size() > 1) {
        for (int i = 0; i < l.items().size(); i++) {
          smaller.add(new SetOp(kind, l.withoutItem(i), r.withoutItem(i), Ordinal.without(orderBy, i), limit));
        }
      }
      return smaller;
    }

    @Override
    public void print(StringBuilder out) {
      out.append('(');
      left.print(out);
      out.append(") ").append(kind.sql).append(" (");
      right.print(out);
      out.append(')');
      Ordinal.print(out, orderBy, limit);
    }
  }

  // ---------------------------------------------------------------- FROM

  record Table(String schema, String name, String alias) implements From {
    @Override
    public List<Node> children() {
      return List.of();
    }

    @Override
    public Node with(int index, Node child) {
      throw new IndexOutOfBoundsException(index);
    }

    @Override
    public void print(StringBuilder out) {
      out.append(schema).append('.').append(name).append(" AS ").append(alias);
    }
  }

  enum JoinKind {
    INNER("JOIN"), LEFT("LEFT JOIN"), RIGHT("RIGHT JOIN"), FULL("FULL JOIN"), CROSS("CROSS JOIN");

    final String sql;

    JoinKind(String sql) {
      this.sql = sql;
    }
  }

  /** A join; the right side is never a join itself, so joins nest to the left. */
  record Join(JoinKind kind, From left, From right, Expr on) implements From {
    @Override
    public List<Node> children() {
      return on == null ? List.of(left, right) : List.of(left, right, on);
    }

    @Override
    public Node with(int index, Node child) {
      return switch (index) {
        case 0 -> new Join(kind, (From) child, right, on);
        case 1 -> new Join(kind, left, (From) child, on);
        default -> new Join(kind, left, right, (Expr) child);
      };
    }

    @Override
    public List<Node> shrinks() {
      List<Node> smaller = new ArrayList<>(List.of(left, right));
      if (kind != JoinKind.INNER && kind != JoinKind.CROSS) {
        smaller.add(new Join(JoinKind.INNER, left, right, on));
      }
      return smaller;
    }

    @Override
    public void print(StringBuilder out) {
      left.print(out);
      out.append(' ').append(kind.sql).append(' ');
      right.print(out);
      if (on != null) {
        out.append(" ON ");
        on.print(out);
      }
    }
  }

  record Derived(Query query, String alias) implements From {
    @Override
    public List<Query> children() {
      return List.of(query);
    }

    @Override
    public Node with(int index, Node child) {
      return new Derived((Query) child, alias);
    }

    @Override
    public void print(StringBuilder out) {
      out.append('(');
      query.print(out);
      out.append(") AS ").append(alias);
    }
  }

  // ---------------------------------------------------------------- helpers

  private static void list(StringBuilder out, List<? extends Node> nodes) {
    for (int i = 0; i < nodes.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      nodes.get(i).print(out);
    }
  }

  /** The parameters of a statement, in the order of their question marks. */
  static List<Lit> params(Node root) {
    List<Lit> params = new ArrayList<>();
    for (Node node : walk(root)) {
      if (node instanceof Lit l && l.param()) {
        params.add(l);
      }
    }
    return params;
  }

  /** The statement and the values of its parameters, for a report. */
  static String describe(Node root) {
    List<Lit> params = params(root);
    if (params.isEmpty()) {
      return root.sql();
    }
    List<String> values = new ArrayList<>();
    for (Lit p : params) {
      values.add(new Lit(p.value(), p.type(), false).sql());
    }
    return root.sql() + "\n    with ? = " + String.join(", ", values);
  }

  /** The tree with {@code change} applied to every node, children first. */
  static Node transform(Node node, java.util.function.UnaryOperator<Node> change) {
    Node result = node;
    List<? extends Node> children = node.children();
    for (int i = 0; i < children.size(); i++) {
      Node child = children.get(i);
      Node changed = transform(child, change);
      if (changed != child) {
        result = result.with(i, changed);
      }
    }
    return change.apply(result);
  }

  /** Every node of the tree, depth first, the root first. */
  static List<Node> walk(Node root) {
    List<Node> nodes = new ArrayList<>();
    walk(root, nodes);
    return nodes;
  }

  private static void walk(Node node, List<Node> into) {
    into.add(Objects.requireNonNull(node));
    for (Node child : node.children()) {
      walk(child, into);
    }
  }
}
