package dev.meshkit.source.jdbc;

import dev.meshkit.source.SplittableTable;
import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.adapter.jdbc.JdbcTable;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelProtoDataType;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.dialect.H2SqlDialect;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * A database table as the planner sees it: Calcite's {@link JdbcTable} for the scan and the SQL it
 * generates, plus the row type, key and row-count estimate that we discovered ourselves, and what
 * splitting its scans into key ranges needs.
 */
final class SourceTable extends AbstractTable implements TranslatableTable, SplittableTable {

  private final JdbcTable table;
  private final RelProtoDataType rowType;
  private final Statistic statistic;
  private final int leadingKey;
  private final JdbcSource source;

  /** @param key the primary key's columns in the key's order */
  SourceTable(JdbcTable table, RelProtoDataType rowType, Double rowCount, List<Integer> key, JdbcSource source) {
    this.table = table;
    this.rowType = rowType;
    this.leadingKey = key.isEmpty() ? -1 : key.get(0);
    this.source = source;
    List<ImmutableBitSet> keys = key.isEmpty() ? List.of() : List.of(ImmutableBitSet.of(key));
    this.statistic = rowCount == null ? Statistics.of(null, keys, null, null) : Statistics.of(rowCount, keys);
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return rowType.apply(typeFactory);
  }

  @Override
  public Statistic getStatistic() {
    return statistic;
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return table.toRel(context, relOptTable);
  }

  @Override
  public int leadingKey() {
    return leadingKey;
  }

  @Override
  public int parallelConnections() {
    return source.parallelConnections();
  }

  @Override
  public BigDecimal[] bounds(int ordinal) {
    return source.bounds(table, rowType.apply(source.typeFactory()).getFieldNames().get(ordinal));
  }

  @Override
  public BigDecimal[] typeRange(int ordinal) {
    if (!(table.jdbcSchema.dialect instanceof H2SqlDialect)) {
      return null;
    }
    // H2's integers have no unsigned kinds: the type says every value the column can hold.
    return switch (rowType.apply(source.typeFactory()).getFieldList().get(ordinal).getType().getSqlTypeName()) {
      case TINYINT -> range(Byte.MIN_VALUE, Byte.MAX_VALUE);
      case SMALLINT -> range(Short.MIN_VALUE, Short.MAX_VALUE);
      case INTEGER -> range(Integer.MIN_VALUE, Integer.MAX_VALUE);
      case BIGINT -> range(Long.MIN_VALUE, Long.MAX_VALUE);
      default -> null;
    };
  }

  private static BigDecimal[] range(long least, long greatest) {
    return new BigDecimal[] {BigDecimal.valueOf(least), BigDecimal.valueOf(greatest)};
  }

  @Override
  public <C> C unwrap(Class<C> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    return table.unwrap(clazz);
  }
}
