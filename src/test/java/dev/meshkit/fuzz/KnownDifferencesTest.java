package dev.meshkit.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.fuzz.Ast.Agg;
import dev.meshkit.fuzz.Ast.AggFn;
import dev.meshkit.fuzz.Ast.Call;
import dev.meshkit.fuzz.Ast.Expr;
import dev.meshkit.fuzz.Ast.Fn;
import dev.meshkit.fuzz.Ast.Lit;
import dev.meshkit.fuzz.Ast.Select;
import dev.meshkit.fuzz.Oracles.Tlp;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The harness's own judgement: which differences the documented semantics explain, which TLP cases hold. */
class KnownDifferencesTest {

  private static final Expr QUOTIENT = Call.of(Fn.DIVIDE, SqlType.DECIMAL, Lit.of(new BigDecimal("1.0"),
      SqlType.DECIMAL), Lit.of(new BigDecimal("3.0"), SqlType.DECIMAL));
  private static final Expr AVERAGE = new Agg(AggFn.AVG, false, Lit.of(1, SqlType.INTEGER), SqlType.DECIMAL);
  private static final Expr SUM = new Agg(AggFn.SUM, false, Lit.of(1, SqlType.INTEGER), SqlType.BIGINT);

  @Test
  void quotientsAndAveragesRoundedToTheMeshsScaleAreKnown() {
    assertEquals(Optional.of("quotient scale"), known(QUOTIENT, "-0.091182795698924731182796", "-0.0911827956989247"));
    assertEquals(Optional.of("quotient scale"), known(AVERAGE, "3267.02424242424", "3267.024242"));
    assertEquals(Optional.of("quotient scale"), known(AVERAGE, 5.842105263157895, "5.842105"));
    assertEquals(Optional.of("quotient scale"), known(AVERAGE, 0.0000015, "0.000002"));
    assertEquals(Optional.of("quotient scale"), known(QUOTIENT, "-0.02667", "-0.0266666666666667"),
        "the reference keeps fewer digits");
    assertEquals(Optional.of("quotient scale"), known(QUOTIENT, "-0.121701893568123", "-0.1217018935681235"),
        "both rounded from -0.12170189356812349...");
  }

  @Test
  void otherDifferencesOfNumbersAreNot() {
    assertEquals(Optional.empty(), known(SUM, "3267.02424242424", "3267.024242"), "no division, no AVG");
    assertEquals(Optional.empty(), known(AVERAGE, "3267.02484242424", "3267.024242"), "not the rounded value");
    assertEquals(Optional.empty(), known(AVERAGE, "3267.0245", "3267.024"), "fewer digits than the mesh keeps");
    assertEquals(Optional.empty(), known(AVERAGE, 5.8421075, "5.842105"), "more than one unit off");
    assertEquals(Optional.empty(), known(QUOTIENT, "-0.02666", "-0.0266666666666667"), "not the rounded value");
    assertEquals(Optional.empty(), known(QUOTIENT, "0.3333333333333333", 0.3333), "the mesh's is no decimal");
  }

  @Test
  void everyDifferingCellMustBeExplainedAndRowsMustPair() {
    Select select = select(QUOTIENT, QUOTIENT);
    Outcome mesh = Outcome.of(List.of(row("0.3333333333333333", "2")));
    assertFalse(KnownDifferences.explain(select, Outcome.of(List.of(row("0.33333333333333333", "3"))), mesh)
        .isPresent());
    assertTrue(KnownDifferences.explain(select, Outcome.of(List.of(row("0.33333333333333333", "2"))), mesh)
        .isPresent());
    assertFalse(KnownDifferences.explain(select, Outcome.of(List.of()), mesh).isPresent());
  }

  @Test
  void onlyAggregatesThatCombineOverPartitionsAreTlpCases() {
    Expr predicate = Lit.of(true, SqlType.BOOLEAN);
    Expr one = Lit.of(1, SqlType.INTEGER);
    for (Agg agg : List.of(new Agg(AggFn.COUNT, true, one, SqlType.BIGINT), new Agg(AggFn.SUM, true, one,
        SqlType.BIGINT), new Agg(AggFn.AVG, false, one, SqlType.DECIMAL))) {
      assertThrows(IllegalArgumentException.class, () -> new Tlp(select(agg), predicate), agg.sql());
    }
    Tlp count = new Tlp(select(new Agg(AggFn.COUNT, false, one, SqlType.BIGINT)), predicate);
    assertTrue(count.aggregate());
    assertEquals(count, count.with(0, select(new Agg(AggFn.COUNT, true, one, SqlType.BIGINT))));
    assertTrue(new Tlp(select(new Agg(AggFn.MAX, true, one, SqlType.INTEGER)), predicate).aggregate());
  }

  private static Optional<String> known(Expr item, Object reference, Object mesh) {
    return KnownDifferences.explain(select(item), Outcome.of(List.of(row(reference))), Outcome.of(List.of(row(mesh))))
        .map(KnownDifferences.Entry::name);
  }

  private static Select select(Expr... items) {
    return new Select(false, List.of(items), null, null, List.of(), null, List.of(), null);
  }

  /** A row of normalized values: text is a decimal. */
  private static List<Object> row(Object... values) {
    List<Object> row = new ArrayList<>();
    Arrays.stream(values).forEach(v -> row.add(v instanceof String s ? new BigDecimal(s) : v));
    return row;
  }
}
