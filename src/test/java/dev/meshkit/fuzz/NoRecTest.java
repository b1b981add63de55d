package dev.meshkit.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.meshkit.fuzz.Ast.Agg;
import dev.meshkit.fuzz.Ast.AggFn;
import dev.meshkit.fuzz.Ast.Bind;
import dev.meshkit.fuzz.Ast.Call;
import dev.meshkit.fuzz.Ast.Col;
import dev.meshkit.fuzz.Ast.Expr;
import dev.meshkit.fuzz.Ast.Fn;
import dev.meshkit.fuzz.Ast.Join;
import dev.meshkit.fuzz.Ast.JoinKind;
import dev.meshkit.fuzz.Ast.Lit;
import dev.meshkit.fuzz.Ast.Select;
import dev.meshkit.fuzz.Ast.Table;
import dev.meshkit.fuzz.Oracles.NoRec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The NoREC oracle's construction: the filtered query and its unfiltered forms, which one database answers alike. */
class NoRecTest {

  private static final Col I = new Col("a1", "i", SqlType.INTEGER);
  private static final Col K = new Col("a2", "k", SqlType.INTEGER);
  private static final Join JOIN = new Join(JoinKind.LEFT, new Table("da", "t4", "a1"), new Table("db", "t1", "a2"),
      Call.of(Fn.EQ, SqlType.BOOLEAN, I, K));
  /** {@code a1.i > ?}, NULL where a row has no i: a predicate with all three outcomes. */
  private static final Expr PREDICATE = Call.of(Fn.GT, SqlType.BOOLEAN, I, new Lit(1, SqlType.INTEGER, false,
      Bind.ANY));

  @Test
  void theUnfilteredFormsComputeThePredicateAsAValue() {
    NoRec noRec = new NoRec(select(List.of(I, K), PREDICATE, List.of()));
    String from = " FROM da.t4 AS a1 LEFT JOIN db.t1 AS a2 ON (a1.i = a2.k)";
    assertEquals("SELECT COUNT(*) AS c0" + from + " WHERE (a1.i > CAST(? AS INTEGER))", noRec.count().sql());
    assertEquals("SELECT SUM(CASE WHEN (a1.i > CAST(? AS INTEGER)) THEN 1 ELSE 0 END) AS c0" + from,
        noRec.unfilteredCount().sql());
    assertEquals("SELECT norec.c0 AS c0, norec.c1 AS c1 FROM (SELECT a1.i AS c0, a2.k AS c1,"
        + " (a1.i > CAST(? AS INTEGER)) AS c2" + from + ") AS norec WHERE (norec.c2 IS TRUE)",
        noRec.unfilteredRows().sql());
  }

  /** Only a filter over plain rows has an unfiltered form; the reducer keeps the case one. */
  @Test
  void onlyAFilterOverPlainRowsIsANoRecCase() {
    assertThrows(IllegalArgumentException.class, () -> new NoRec(select(List.of(I), null, List.of())));
    Expr count = new Agg(AggFn.COUNT, false, null, SqlType.BIGINT);
    assertThrows(IllegalArgumentException.class, () -> new NoRec(select(List.of(count), PREDICATE, List.of())));
    assertThrows(IllegalArgumentException.class, () -> new NoRec(select(List.of(I), PREDICATE, List.of(I))));
    NoRec noRec = new NoRec(select(List.of(I), PREDICATE, List.of()));
    assertEquals(noRec, noRec.with(0, select(List.of(I), null, List.of())));
  }

  /** One database answers the filtered and unfiltered forms alike, over rows where the predicate is each of three. */
  @Test
  void oneDatabaseAnswersTheFormsAlike() throws SQLException {
    NoRec noRec = new NoRec(select(List.of(I, K), PREDICATE, List.of()));
    try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:norec", "sa", "");
        Statement s = h2.createStatement()) {
      s.execute("CREATE SCHEMA da; CREATE SCHEMA db; CREATE TABLE da.t4(i INTEGER); CREATE TABLE db.t1(k INTEGER);"
          + " INSERT INTO da.t4 VALUES (0), (1), (2), (3), (NULL), (3); INSERT INTO db.t1 VALUES (3), (2), (NULL)");
      List<Lit> one = List.of(Lit.of(1, SqlType.INTEGER));
      Outcome count = Outcome.run(h2, noRec.count().sql(), one);
      assertEquals(count.rows(), Outcome.run(h2, noRec.unfilteredCount().sql(), one).rows());
      assertEquals(3, ((Number) count.rows().get(0).get(0)).intValue());
      Outcome rows = Outcome.run(h2, noRec.base().sql(), one);
      assertEquals(Outcome.sorted(rows.rows()), Outcome.sorted(Outcome.run(h2, noRec.unfilteredRows().sql(), one)
          .rows()));
    }
  }

  private static Select select(List<Expr> items, Expr where, List<Expr> keys) {
    return new Select(false, items, JOIN, where, keys, null, List.of(), null);
  }
}
