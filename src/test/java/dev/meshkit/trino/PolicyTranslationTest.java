package dev.meshkit.trino;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.meshkit.policy.ColumnMask;
import dev.meshkit.policy.RowFilter;
import java.util.List;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

/** Row filters with attribute values bound, and masks of exactly the column's type, as Trino's rules state them. */
class PolicyTranslationTest {

  private final RelDataTypeFactory types = new JavaTypeFactoryImpl();
  private final RelDataType varchar20 = types.createSqlType(SqlTypeName.VARCHAR, 20);
  private final RelDataType integer = types.createSqlType(SqlTypeName.INTEGER);
  private final RelDataType date = types.createSqlType(SqlTypeName.DATE);
  private final RelDataType rowType = types.builder()
      .add("nation_id", integer).add("name", varchar20).add("born", date)
      .add("amount", types.createSqlType(SqlTypeName.DECIMAL, 10, 2)).build();

  @Test
  void filterBindsEachPrincipalsValuesAsLiteralsOfTheComparedType() throws Untranslatable {
    RowFilter nation = new RowFilter("p", "nation_id = ? AND name <> ?", List.of("2", "x' OR 'a'='a"), false, null);
    assertEquals("\"nation_id\" = 2 AND \"name\" <> 'x'' OR ''a''=''a'", PolicyTranslation.filter(List.of(nation), rowType));
  }

  @Test
  void filterCastsValuesOfOtherTypesAndAndsSeveralFilters() throws Untranslatable {
    RowFilter born = new RowFilter("p", "born >= ?", List.of("2020-01-01"), false, null);
    RowFilter amount = new RowFilter("q", "amount <= ?", List.of("100.50"), false, null);
    assertEquals("(\"born\" >= CAST('2020-01-01' AS DATE)) AND (\"amount\" <= 100.50)",
        PolicyTranslation.filter(List.of(born, amount), rowType));
  }

  @Test
  void aFilterWhoseAttributeIsMissingShowsNoRows() throws Untranslatable {
    RowFilter missing = new RowFilter("p", "nation_id = ?", List.of(), true, "nation");
    assertEquals("false", PolicyTranslation.filter(List.of(missing), rowType));
  }

  @Test
  void aFilterOverColumnsTheProductLacksIsRefused() {
    RowFilter wrong = new RowFilter("p", "region = ?", List.of("EU"), false, null);
    Untranslatable e = assertThrows(Untranslatable.class, () -> PolicyTranslation.filter(List.of(wrong), rowType));
    assertEquals("its predicate does not validate over the product's columns", e.getMessage());
  }

  @Test
  void textMasksKeepTheColumnsExactType() throws Untranslatable {
    assertEquals("CAST(CASE WHEN length(\"phone\") <= 4 THEN \"phone\" ELSE lpad(substr(\"phone\", length(\"phone\") - 3),"
        + " length(\"phone\"), 'X') END AS varchar(20))", mask("last4", "phone", varchar20, "varchar(20)"));
    assertEquals("CAST(CASE WHEN length(\"phone\") <= 4 THEN \"phone\" ELSE rpad(substr(\"phone\", 1, 4),"
        + " length(\"phone\"), 'X') END AS varchar(20))", mask("first4", "phone", varchar20, "varchar(20)"));
    assertEquals("CAST(regexp_replace(regexp_replace(\"name\", '\\p{L}', 'x'), '\\p{Nd}', 'n') AS varchar(20))",
        mask("redact", "name", varchar20, "varchar(20)"));
  }

  @Test
  void nullAndYearMasksKeepTheColumnsType() throws Untranslatable {
    assertEquals("CAST(NULL AS integer)", mask("nullify", "nation_id", integer, "integer"));
    assertEquals("CAST(date_trunc('year', \"born\") AS date)", mask("year", "born", date, "date"));
  }

  @Test
  void anExpressionMaskIsUnparsedForTrinoAndCast() throws Untranslatable {
    ColumnMask upper = new ColumnMask("p", "name", null, "UPPER(SUBSTRING({column} FROM 1 FOR 2))");
    assertEquals("CAST(UPPER(SUBSTR(\"name\", 1, 2)) AS varchar(20))", PolicyTranslation.mask(upper, varchar20,
        "varchar(20)"));
  }

  @Test
  void masksTrinoCannotStateAreRefusedWithTheReason() {
    assertEquals("mask hash needs the mesh's hash key, which Trino's rules file would hold in clear",
        assertThrows(Untranslatable.class, () -> mask("hash", "name", varchar20, "varchar(20)")).getMessage());
    assertEquals("mask last4 turns the INTEGER column into text, and Trino keeps a masked column's type",
        assertThrows(Untranslatable.class, () -> mask("last4", "nation_id", integer, "integer")).getMessage());
    ColumnMask text = new ColumnMask("p", "nation_id", null, "CAST({column} AS VARCHAR(3))");
    assertEquals("its expression turns the INTEGER column into VARCHAR, and Trino keeps a masked column's type",
        assertThrows(Untranslatable.class, () -> PolicyTranslation.mask(text, integer, "integer")).getMessage());
  }

  private static String mask(String with, String column, RelDataType type, String trinoType) throws Untranslatable {
    return PolicyTranslation.mask(new ColumnMask("p", column, with, null), type, trinoType);
  }
}
