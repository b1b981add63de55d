package dev.meshkit.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.masking.Masking;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.tools.RelRunner;
import org.junit.jupiter.api.Test;

/** Masks built as Rex expressions and run through Calcite's JDBC driver, so the generated code calls them. */
class MaskingTest {

  private static final LocalDate BORN = LocalDate.of(1990, 7, 15);
  private static final LocalDateTime SEEN = LocalDateTime.of(2024, 3, 5, 10, 11, 12);

  private final RelDataTypeFactory types = new JavaTypeFactoryImpl();
  private final RexBuilder rex = new RexBuilder(types);

  @Test
  void everyMaskIsComputedByTheGeneratedCode() throws Exception {
    Map<String, String[]> masks = new LinkedHashMap<>();
    masks.put("id_null", new String[] {"id", "nullify", null});
    masks.put("name_redact", new String[] {"name", "redact", null});
    masks.put("phone_last4", new String[] {"phone", "last4", null});
    masks.put("phone_first4", new String[] {"phone", "first4", null});
    masks.put("born_year", new String[] {"born", "year", null});
    masks.put("seen_year", new String[] {"seen", "year", null});
    masks.put("salary_redact", new String[] {"salary", "redact", null});
    masks.put("name_hidden", new String[] {"name", null, "CASE WHEN {column} IS NULL THEN NULL ELSE 'hidden' END"});
    masks.put("name_initial", new String[] {"name", null, "UPPER(SUBSTRING({column} FROM 1 FOR 1))"});
    masks.put("born_past",
        new String[] {"born", null, "case when {column} > current_date then null else {column} end"});

    try (Connection connection = DriverManager.getConnection("jdbc:calcite:")) {
      SchemaPlus root = connection.unwrap(CalciteConnection.class).getRootSchema();
      root.add("s", new AbstractSchema()).add("people", new People());
      RelBuilder builder = RelBuilder.create(Frameworks.newConfigBuilder().defaultSchema(root).build());
      builder.scan("s", "people");
      List<RexNode> projects = new ArrayList<>();
      for (Map.Entry<String, String[]> entry : masks.entrySet()) {
        String[] m = entry.getValue();
        Mask mask = new Mask(entry.getKey(), m[1], m[2]);
        RexNode column = builder.field(m[0]);
        RexNode masked = Masking.apply(builder.getRexBuilder(), column, m[0], mask);
        RelDataTypeFactory factory = builder.getTypeFactory();
        assertEquals(masked.getType(), Masking.maskedType(factory, column.getType(), m[0], mask), entry.getKey());
        projects.add(masked);
      }
      RelNode plan = builder.project(projects, masks.keySet()).build();

      try (ResultSet rs = connection.unwrap(RelRunner.class).prepareStatement(plan).executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        assertEquals(Types.INTEGER, meta.getColumnType(1));
        assertEquals(Types.VARCHAR, meta.getColumnType(2));
        assertEquals(Types.DATE, meta.getColumnType(5));
        assertEquals(Types.TIMESTAMP, meta.getColumnType(6));

        assertTrue(rs.next());
        assertNull(rs.getObject("id_null"));
        assertEquals("xxx xxx", rs.getString("name_redact"));
        assertEquals("XXXXXXXXXXX4567", rs.getString("phone_last4"));
        assertEquals("+1 5XXXXXXXXXXX", rs.getString("phone_first4"));
        assertEquals("1990-01-01", rs.getString("born_year"));
        assertEquals(LocalDate.of(1990, 1, 1), rs.getDate("born_year").toLocalDate());
        assertEquals("2024-01-01 00:00:00", rs.getString("seen_year"));
        assertEquals("nnnn.nn", rs.getString("salary_redact"));
        assertEquals("hidden", rs.getString("name_hidden"));
        assertEquals("A", rs.getString("name_initial"));
        assertEquals("1990-07-15", rs.getString("born_past"));

        assertTrue(rs.next());
        for (int i = 1; i <= masks.size(); i++) {
          assertNull(rs.getObject(i), meta.getColumnName(i) + " of a null");
        }
        assertFalse(rs.next());
      }
    }
  }

  /** The hash mask's key comes from the mesh that runs the statement; outside a mesh it has none and fails. */
  @Test
  void hashOutsideAMeshFailsClosed() throws Exception {
    try (Connection connection = DriverManager.getConnection("jdbc:calcite:")) {
      SchemaPlus root = connection.unwrap(CalciteConnection.class).getRootSchema();
      root.add("s", new AbstractSchema()).add("people", new People());
      RelBuilder builder = RelBuilder.create(Frameworks.newConfigBuilder().defaultSchema(root).build());
      builder.scan("s", "people");
      RexNode hashed = Masking.apply(builder.getRexBuilder(), builder.field("name"), "name", new Mask("p", "hash", null));
      RelNode plan = builder.project(List.of(hashed), List.of("name_hash")).build();
      Exception e = assertThrows(Exception.class, () -> {
        try (ResultSet rs = connection.unwrap(RelRunner.class).prepareStatement(plan).executeQuery()) {
          rs.next();
        }
      });
      String messages = "";
      for (Throwable t = e; t != null; t = t.getCause()) {
        messages += t.getMessage() + "\n";
      }
      assertTrue(messages.contains("the hash mask has no key here (masking.hashKey)"), messages);
    }
  }

  @Test
  void textMasksAreVarcharNullableAsTheColumn() {
    RelDataType notNullInt = types.createSqlType(SqlTypeName.INTEGER);
    RelDataType masked = Masking.maskedType(types, notNullInt, "id", new Mask("p", "last4", null));
    assertEquals(SqlTypeName.VARCHAR, masked.getSqlTypeName());
    assertFalse(masked.isNullable());
    RelDataType nullified = Masking.maskedType(types, notNullInt, "id", new Mask("p", "nullify", null));
    assertEquals(types.createTypeWithNullability(notNullInt, true), nullified);
  }

  @Test
  void yearNeedsADateOrTimestamp() {
    Exception e = assertThrows(IllegalArgumentException.class,
        () -> Masking.apply(rex, column(SqlTypeName.VARCHAR), "phone", new Mask("p", "year", null)));
    assertEquals("mask 'year' of policy 'p' needs a DATE or TIMESTAMP column: phone is VARCHAR"
        + " (choose another mask for this column)", e.getMessage());
  }

  @Test
  void expressionsMayNameOnlyTheColumn() {
    assertRefused("{column} || email", "found email");
    assertRefused("t.{column}", "found t.{column}");
    assertRefused("{column} IN (SELECT 'a')", "found a subquery");
    assertRefused("(SELECT MAX(x) FROM t)", "found a subquery");
    assertRefused("COUNT({column})", "found COUNT, which reads other rows");
    assertRefused("COALESCE({column}, ?)", "found a parameter");
    assertRefused("sum(CHAR_LENGTH({column}))", "found SUM, which reads other rows");
    assertRefused("ROW_NUMBER() OVER ()", "found OVER, which reads other rows");
  }

  @Test
  void badExpressionsAreExplained() {
    Exception parse = assertThrows(IllegalArgumentException.class,
        () -> Masking.apply(rex, column(SqlTypeName.VARCHAR), "phone", new Mask("p", null, "{column} +")));
    assertTrue(parse.getMessage().startsWith("mask expression of policy 'p' does not parse: "), parse.getMessage());
    Exception invalid = assertThrows(IllegalArgumentException.class,
        () -> Masking.apply(rex, column(SqlTypeName.DATE), "born", new Mask("p", null, "NO_SUCH_FUNCTION({column})")));
    assertTrue(invalid.getMessage().startsWith(
        "mask expression of policy 'p' does not apply to column born of type DATE: "), invalid.getMessage());
  }

  @Test
  void maskNeedsExactlyOneOfWithAndExpression() {
    Exception unknown = assertThrows(IllegalArgumentException.class, () -> new Mask("p", "blur", null));
    assertEquals("mask of policy 'p' has an unknown 'with': blur"
        + " (use one of hash, redact, nullify, last4, first4, year)", unknown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Mask("p", "hash", "{column}"));
    assertThrows(IllegalArgumentException.class, () -> new Mask("p", null, null));
  }

  private void assertRefused(String expression, String detail) {
    Exception e = assertThrows(IllegalArgumentException.class,
        () -> Masking.apply(rex, column(SqlTypeName.VARCHAR), "phone", new Mask("p", null, expression)));
    assertEquals("mask expression of policy 'p' may only name {column}: " + detail, e.getMessage());
  }

  private RexNode column(SqlTypeName type) {
    return new RexInputRef(0, types.createTypeWithNullability(types.createSqlType(type), true));
  }

  /** Rows in Calcite's internal representation: DATE as days, TIMESTAMP as milliseconds since the epoch. */
  private static final class People extends AbstractTable implements ScannableTable {
    @Override
    public RelDataType getRowType(RelDataTypeFactory factory) {
      return factory.builder()
          .add("id", SqlTypeName.INTEGER)
          .add("name", SqlTypeName.VARCHAR, 20).nullable(true)
          .add("phone", SqlTypeName.VARCHAR, 20).nullable(true)
          .add("born", SqlTypeName.DATE).nullable(true)
          .add("seen", SqlTypeName.TIMESTAMP, 0).nullable(true)
          .add("salary", SqlTypeName.DECIMAL, 10, 2).nullable(true)
          .build();
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root) {
      return Linq4j.asEnumerable(List.of(
          new Object[] {1, "Ann Lee", "+1 555 123 4567", (int) BORN.toEpochDay(),
              SEEN.toInstant(ZoneOffset.UTC).toEpochMilli(), new BigDecimal("1234.50")},
          new Object[] {2, null, null, null, null, null}));
    }
  }
}
