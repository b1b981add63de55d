package dev.meshkit.source.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

class ScanFilterTest {

  private final RelDataTypeFactory types = new JavaTypeFactoryImpl();
  private final RexBuilder rex = new RexBuilder(types);
  private final List<ColumnType> columns = List.of(ColumnType.INTEGER, ColumnType.VARCHAR);

  private RexNode column(int i) {
    return rex.makeInputRef(columns.get(i).relType(types), i);
  }

  private RexNode number(int value) {
    return rex.makeExactLiteral(BigDecimal.valueOf(value));
  }

  @Test
  void handledFiltersLeaveTheListAndOthersStay() {
    RexNode handled = rex.makeCall(SqlStdOperatorTable.GREATER_THAN, number(3), column(0));
    RexNode unhandled = rex.makeCall(SqlStdOperatorTable.EQUALS,
        rex.makeCall(SqlStdOperatorTable.PLUS, column(0), number(1)), number(2));
    RexNode fraction = rex.makeCall(SqlStdOperatorTable.LESS_THAN, column(0),
        rex.makeExactLiteral(new BigDecimal("2.5")));
    List<RexNode> filters = new ArrayList<>(List.of(handled, unhandled, fraction));

    ScanFilter filter = ScanFilter.take(filters, columns, rex);

    // An integer column against 2.5 would need a conversion, so Calcite keeps it.
    assertEquals(List.of(unhandled, fraction), filters);
    assertTrue(filter.test(new Object[] {2, "x"}));
    assertFalse(filter.test(new Object[] {3, "x"}));
    assertFalse(filter.test(new Object[] {null, "x"}), "UNKNOWN rejects the row");
  }

  @Test
  void searchIsExpanded() {
    RexNode in = rex.makeIn(column(1), List.of(rex.makeLiteral("a"), rex.makeLiteral("b")));
    RexNode search = rex.makeCall(SqlStdOperatorTable.OR, in,
        rex.makeCall(SqlStdOperatorTable.IS_NULL, column(0)));
    List<RexNode> filters = new ArrayList<>(List.of(search));

    ScanFilter filter = ScanFilter.take(filters, columns, rex);

    assertTrue(filters.isEmpty());
    assertTrue(filter.test(new Object[] {1, "b"}));
    assertTrue(filter.test(new Object[] {null, "z"}));
    assertFalse(filter.test(new Object[] {1, "z"}));
    assertEquals(2, filter.columns().cardinality());
  }

  @Test
  void literalsNeedTheColumnsFamily() {
    assertEquals(null, ColumnType.DATE.literal(rex.makeLiteral("2024-01-01")));
    assertEquals(5L, ColumnType.BIGINT.literal((org.apache.calcite.rex.RexLiteral) number(5)));
    assertEquals(null, ColumnType.INTEGER.literal(
        rex.makeExactLiteral(BigDecimal.valueOf(Long.MAX_VALUE))));
    assertEquals(SqlTypeName.INTEGER, columns.get(0).relType(types).getSqlTypeName());
  }
}
