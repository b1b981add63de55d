package dev.meshkit.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.fuzz.Ast.Agg;
import dev.meshkit.fuzz.Ast.AggFn;
import dev.meshkit.fuzz.Ast.Call;
import dev.meshkit.fuzz.Ast.Col;
import dev.meshkit.fuzz.Ast.Expr;
import dev.meshkit.fuzz.Ast.Fn;
import dev.meshkit.fuzz.Ast.Join;
import dev.meshkit.fuzz.Ast.JoinKind;
import dev.meshkit.fuzz.Ast.Lit;
import dev.meshkit.fuzz.Ast.Node;
import dev.meshkit.fuzz.Ast.Query;
import dev.meshkit.fuzz.Ast.Select;
import dev.meshkit.fuzz.Ast.Table;
import dev.meshkit.fuzz.Ast.Window;
import dev.meshkit.fuzz.Ast.WinFn;
import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The shape of the queries the differential oracle compares, and that the generator keeps to it. */
class ComparabilityTest {

  private static final Table T = new Table("da", "t4", "a1");
  private static final Col B = new Col("a1", "b", SqlType.BIGINT);
  private static final Col D = new Col("a1", "d", SqlType.DECIMAL);
  private static final Col I = new Col("a1", "i", SqlType.INTEGER);
  private static final Expr AVERAGE = new Agg(AggFn.AVG, false, B, SqlType.BIGINT);
  private static final Expr QUOTIENT = Call.of(Fn.DIVIDE, SqlType.DECIMAL, D, Lit.of(new BigDecimal("-3.5"),
      SqlType.DECIMAL));

  @Test
  void quotientsAndAveragesStayAsResultColumns() {
    assertEquals("SELECT AVG(a1.b) AS c0, (a1.d / (-3.5)) AS c1 FROM da.t4 AS a1",
        restrict(select(List.of(AVERAGE, QUOTIENT), T, List.of())));
  }

  @Test
  void nestedTheyBecomeSumsAndRemainders() {
    Expr product = Call.of(Fn.TIMES, SqlType.BIGINT, AVERAGE, Lit.of(5L, SqlType.BIGINT));
    assertEquals("SELECT (CAST(SUM(a1.b) AS DECIMAL(38,0)) * CAST(5 AS BIGINT)) AS c0 FROM da.t4 AS a1",
        restrict(select(List.of(product), T, List.of())));
    Expr summed = new Agg(AggFn.SUM, true, Call.of(Fn.DIVIDE, SqlType.DECIMAL, QUOTIENT, D), SqlType.DECIMAL);
    assertEquals("SELECT SUM(DISTINCT MOD(MOD(a1.d, (-3.5)), a1.d)) AS c0 FROM da.t4 AS a1",
        restrict(select(List.of(summed), T, List.of())));
    Expr ordered = QUOTIENT;
    Select sorted = new Select(false, List.of(ordered), T, null, List.of(), null,
        List.of(new Ast.Ordinal(1, false, false)), null);
    assertEquals("SELECT MOD(a1.d, (-3.5)) AS c0 FROM da.t4 AS a1 ORDER BY 1 ASC NULLS LAST", restrict(sorted));
  }

  @Test
  void integerAndFloatingPointQuotientsNest() {
    Expr integers = Call.of(Fn.PLUS, SqlType.INTEGER, Call.of(Fn.DIVIDE, SqlType.INTEGER, I, Lit.of(2,
        SqlType.INTEGER)), Lit.of(1, SqlType.INTEGER));
    Select select = select(List.of(integers), T, List.of());
    assertTrue(Comparability.holds(select), select.sql());
  }

  @Test
  void aLiteralKeyIsCast() {
    Select grouped = select(List.of(new Agg(AggFn.COUNT, false, null, SqlType.BIGINT)), T,
        List.of(Lit.of(9, SqlType.INTEGER)));
    assertEquals("SELECT COUNT(*) AS c0 FROM da.t4 AS a1 GROUP BY CAST(9 AS INTEGER)", restrict(grouped));
    Select byBoolean = select(grouped.items(), T, List.of(Lit.of(false, SqlType.BOOLEAN)));
    assertEquals("SELECT COUNT(*) AS c0 FROM da.t4 AS a1 GROUP BY CAST(FALSE AS BOOLEAN)", restrict(byBoolean));
  }

  @Test
  void postgresqlGetsNoExtremumOfBooleans() {
    Join full = new Join(JoinKind.FULL, T, new Table("db", "t1", "a2"), Lit.of(true, SqlType.BOOLEAN));
    Expr max = new Window(WinFn.MAX, Lit.of(true, SqlType.BOOLEAN), List.of(), List.of(), SqlType.BOOLEAN);
    assertEquals("SELECT (MAX(CASE WHEN TRUE THEN 1 WHEN (NOT TRUE) THEN 0 END) OVER () = 1) AS c0"
        + " FROM da.t4 AS a1 FULL JOIN db.t1 AS a2 ON TRUE", restrict(select(List.of(max), full, List.of())));
  }

  @Test
  void postgresqlGetsDatePartsAsIntegers() {
    Join full = new Join(JoinKind.FULL, T, new Table("db", "t1", "a2"), Lit.of(true, SqlType.BOOLEAN));
    Expr day = Call.of(Fn.DAY, SqlType.BIGINT, new Col("a1", "dt", SqlType.DATE));
    Expr ninth = Call.of(Fn.DIVIDE, SqlType.BIGINT, day, Lit.of(9, SqlType.INTEGER));
    assertEquals("SELECT (CAST(EXTRACT(DAY FROM a1.dt) AS BIGINT) / 9) AS c0 FROM da.t4 AS a1 FULL JOIN db.t1 AS a2"
        + " ON TRUE", restrict(select(List.of(ninth), full, List.of())));
  }

  @Test
  void h2GetsCharacterLengthsAsIntegers() {
    Expr length = Call.of(Fn.CHAR_LENGTH, SqlType.INTEGER, Lit.of("a", SqlType.VARCHAR));
    Expr sum = new Agg(AggFn.SUM, false, length, SqlType.BIGINT);
    assertEquals("SELECT SUM(CAST(CHAR_LENGTH('a') AS INTEGER)) AS c0 FROM da.t4 AS a1",
        restrict(select(List.of(sum), T, List.of())));
  }

  @Test
  void h2GetsTypedConstantsToSum() {
    Expr nulls = Call.of(Fn.PLUS, SqlType.INTEGER, Lit.nullOf(SqlType.INTEGER), Lit.nullOf(SqlType.INTEGER));
    Expr average = new Agg(AggFn.AVG, false, nulls, SqlType.INTEGER);
    assertEquals("SELECT AVG(CAST((CAST(NULL AS INTEGER) + CAST(NULL AS INTEGER)) AS INTEGER)) AS c0 FROM da.t4 AS a1",
        restrict(select(List.of(average), T, List.of())));
  }

  @Test
  void aSumOfBigintsIsDecimalWhereItIsComputedWith() {
    Expr threes = new Agg(AggFn.SUM, false, new Ast.Cast(Lit.of(3, SqlType.INTEGER), SqlType.BIGINT), SqlType.BIGINT);
    Expr integers = new Agg(AggFn.SUM, false, I, SqlType.BIGINT);
    Expr quotient = Call.of(Fn.DIVIDE, SqlType.BIGINT, threes, integers);
    assertEquals("SELECT (CAST(SUM(CAST(3 AS BIGINT)) AS DECIMAL(38,0)) / SUM(a1.i)) AS c0 FROM da.t4 AS a1",
        restrict(select(List.of(quotient), T, List.of())));
    Expr sums = new Agg(AggFn.SUM, false, B, SqlType.BIGINT);
    Expr product = Call.of(Fn.TIMES, SqlType.BIGINT, sums, Lit.of(5L, SqlType.BIGINT));
    assertEquals("SELECT SUM(a1.b) AS c0, (CAST(SUM(a1.b) AS DECIMAL(38,0)) * CAST(5 AS BIGINT)) AS c1,"
        + " (SUM(a1.i) * 2) AS c2 FROM da.t4 AS a1",
        restrict(select(List.of(sums, product, Call.of(Fn.TIMES, SqlType.BIGINT, integers,
            Lit.of(2, SqlType.INTEGER))), T, List.of())));
    Expr window = new Window(WinFn.SUM, B, List.of(), List.of(), SqlType.BIGINT);
    assertEquals("SELECT (- CAST(SUM(a1.b) OVER () AS DECIMAL(38,0))) AS c0 FROM da.t4 AS a1",
        restrict(select(List.of(Call.of(Fn.NEG, SqlType.BIGINT, window)), T, List.of())));
  }

  /** PostgreSQL would promote NULLIF(COUNT(*), 0.0) to NUMERIC, the mesh keeps COUNT's BIGINT (docs/sql.md). */
  @Test
  void nullifsSecondOperandTakesTheFirstsType() {
    Expr count = new Agg(AggFn.COUNT, false, null, SqlType.BIGINT);
    Expr byCount = Call.of(Fn.DIVIDE, SqlType.DECIMAL, new Agg(AggFn.SUM, false, I, SqlType.BIGINT),
        Call.of(Fn.NULLIF, SqlType.DECIMAL, count, Lit.of(new BigDecimal("0.0"), SqlType.DECIMAL)));
    assertEquals("SELECT (SUM(a1.i) / NULLIF(COUNT(*), CAST(0.0 AS BIGINT))) AS c0 FROM da.t4 AS a1",
        restrict(select(List.of(byCount), T, List.of())));
    Expr sameType = Call.of(Fn.NULLIF, SqlType.INTEGER, I, Lit.of(0, SqlType.INTEGER));
    assertEquals("SELECT NULLIF(a1.i, 0) AS c0 FROM da.t4 AS a1", restrict(select(List.of(sameType), T, List.of())));
  }

  /** A quotient that is a GROUP BY key is a remainder, in the key and in the item that selects it. */
  @Test
  void aGroupedQuotientIsWrittenAsItsKey() {
    Select grouped = select(List.of(QUOTIENT, new Agg(AggFn.COUNT, false, null, SqlType.BIGINT)), T,
        List.of(QUOTIENT));
    assertEquals("SELECT MOD(a1.d, (-3.5)) AS c0, COUNT(*) AS c1 FROM da.t4 AS a1 GROUP BY MOD(a1.d, (-3.5))",
        restrict(grouped));
  }

  /** A derived table's sum of BIGINTs is cast too: the query around it computes with the column. */
  @Test
  void aDerivedSumOfBigintsIsDecimal() {
    Select inner = select(List.of(new Agg(AggFn.SUM, false, B, SqlType.BIGINT)), T, List.of());
    Col column = new Col("d1", "c0", SqlType.BIGINT);
    Expr quotient = Call.of(Fn.DIVIDE, SqlType.BIGINT, column, Lit.of(7, SqlType.INTEGER));
    Expr nested = Call.of(Fn.PLUS, SqlType.BIGINT, quotient, Lit.of(1, SqlType.INTEGER));
    assertEquals("SELECT (d1.c0 / 7) AS c0, (MOD(d1.c0, 7) + 1) AS c1"
        + " FROM (SELECT CAST(SUM(a1.b) AS DECIMAL(38,0)) AS c0 FROM da.t4 AS a1) AS d1",
        restrict(select(List.of(quotient, nested), new Ast.Derived(inner, "d1"), List.of())));
  }

  /** Every generated query is in the shape, and many still divide or average in a result column. */
  @Test
  void theGeneratorKeepsToIt() {
    List<String> schemas = List.of("da", "db", "dc", "dd", "da");
    List<FuzzData.Table> tables = FuzzData.generate(7, schemas, List.of(true, true, false, true, true));
    int inResult = 0;
    for (int i = 0; i < 2000; i++) {
      Query query = new QueryGenerator(new Random(i), tables, new QueryGenerator.Features(i % 2 == 0)).query();
      assertTrue(Comparability.holds(query), query.sql());
      if (query instanceof Select s && s.items().stream().anyMatch(ComparabilityTest::quotientOrAverage)) {
        inResult++;
      }
    }
    assertTrue(inResult > 300, inResult + " of 2000 queries divide or average in a result column");
  }

  private static boolean quotientOrAverage(Expr item) {
    return item instanceof Call c && c.fn() == Fn.DIVIDE || item instanceof Agg a && a.fn() == AggFn.AVG;
  }

  private static Select select(List<Expr> items, Ast.From from, List<Expr> keys) {
    return new Select(false, items, from, null, keys, null, List.of(), null);
  }

  private static String restrict(Node query) {
    Node restricted = Comparability.restrict(query);
    assertTrue(Comparability.holds(restricted), restricted.sql());
    return restricted.sql();
  }
}
