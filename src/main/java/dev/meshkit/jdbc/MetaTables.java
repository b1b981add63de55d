package dev.meshkit.jdbc;

import dev.meshkit.catalog.CatalogTable;
import dev.meshkit.engine.ProductView;
import dev.meshkit.model.ColumnModel;
import java.sql.DatabaseMetaData;
import java.util.Locale;
import org.apache.calcite.avatica.MetaImpl.MetaColumn;
import org.apache.calcite.avatica.MetaImpl.MetaTable;
import org.apache.calcite.jdbc.CalciteMetaColumnFactory;
import org.apache.calcite.jdbc.CalciteMetaImpl;
import org.apache.calcite.jdbc.CalciteMetaTableFactory;
import dev.meshkit.source.MeshTypeFactory;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.Table;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code DatabaseMetaData} rows for products: domains are schemas, products are tables, and the
 * descriptions from the descriptor become REMARKS. Public only because Calcite instantiates the
 * factories by name.
 */
public final class MetaTables {

  private static final RelDataTypeFactory TYPES = new MeshTypeFactory();

  private MetaTables() {
  }

  public static final CalciteMetaTableFactory TABLES = new CalciteMetaTableFactory() {
    @Override
    public MetaTable createTable(Table table, String tableCat, String tableSchem, String tableName) {
      String remarks = table instanceof ProductView view ? view.description()
          : table instanceof CatalogTable catalogTable ? catalogTable.description() : null;
      return new ProductRow(table, tableCat, tableSchem, tableName, remarks);
    }

    @Override
    public Class<? extends MetaTable> getMetaTableClass() {
      return ProductRow.class;
    }
  };

  /** Calcite's own rows print types whole ({@code INTEGER NOT NULL}); these are rebuilt from the field. */
  public static final CalciteMetaColumnFactory COLUMNS = new CalciteMetaColumnFactory() {
    @Override
    public MetaColumn createColumn(Table table, String tableCat, String tableSchem, String tableName,
        String columnName, int dataType, String typeName, Integer columnSize, Integer decimalDigits,
        int numPrecRadix, int nullable, Integer charOctetLength, int ordinalPosition, String isNullable) {
      RelDataTypeField field = table.getRowType(TYPES).getFieldList().get(ordinalPosition - 1);
      return column(table, tableCat, tableSchem, tableName, field);
    }

    @Override
    public Class<? extends MetaColumn> getMetaColumnClass() {
      return ColumnRow.class;
    }
  };

  /**
   * A column as tools expect it: TYPE_NAME is the bare name {@code getTypeInfo} lists, COLUMN_SIZE
   * the precision of numbers, the length of strings and the display width of dates and times.
   */
  static ColumnRow column(Table table, String tableCat, String tableSchem, String tableName,
      RelDataTypeField field) {
    RelDataType type = field.getType();
    SqlTypeName name = type.getSqlTypeName();
    Integer size = size(type.getSqlTypeName(), type.getPrecision());
    Integer digits = switch (name) {
      case DECIMAL -> type.getScale();
      case TINYINT, SMALLINT, INTEGER, BIGINT -> 0;
      case TIME, TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> Math.max(type.getPrecision(), 0);
      default -> null;
    };
    boolean character = SqlTypeName.CHAR_TYPES.contains(name);
    String remarks = null;
    if (table instanceof ProductView view) {
      for (ColumnModel column : view.product.model().columns()) {
        if (column.name().equalsIgnoreCase(field.getName())) {
          remarks = column.description();
        }
      }
    }
    return new ColumnRow(tableCat, tableSchem, tableName, field.getName().toLowerCase(Locale.ROOT),
        name.getJdbcOrdinal(), name.getName(), size, digits,
        SqlTypeName.NUMERIC_TYPES.contains(name) ? 10 : 0,
        type.isNullable() ? DatabaseMetaData.columnNullable : DatabaseMetaData.columnNoNulls,
        character ? size : null, field.getIndex() + 1, type.isNullable() ? "YES" : "NO", remarks);
  }

  /**
   * JDBC's COLUMN_SIZE, and a result column's precision: the digits of a number, the length of a
   * string (unbounded ones are as long as a Java string may be), the width of a date or time
   * written out, whose {@code precision} counts fractional seconds; null where it does not apply.
   */
  static Integer size(SqlTypeName name, int precision) {
    return switch (name) {
      case BOOLEAN -> 1;
      case TINYINT -> 3;
      case SMALLINT -> 5;
      case INTEGER -> 10;
      case BIGINT -> 19;
      case REAL -> 7;
      case FLOAT, DOUBLE -> 15;
      case DECIMAL -> precision;
      case CHAR, VARCHAR, BINARY, VARBINARY -> precision > 0 ? precision : Integer.MAX_VALUE;
      case DATE -> 10;
      case TIME -> precision > 0 ? 9 + precision : 8;
      case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> precision > 0 ? 20 + precision : 19;
      default -> null;
    };
  }

  /** Calcite reads metadata rows by public field name; this one hides the base class's empty REMARKS. */
  public static final class ProductRow extends CalciteMetaImpl.CalciteMetaTable {
    public final String remarks;

    ProductRow(Table table, String tableCat, String tableSchem, String tableName, String remarks) {
      super(table, tableCat, tableSchem, tableName);
      this.remarks = remarks;
    }
  }

  /** A column row with its description as REMARKS. */
  public static final class ColumnRow extends MetaColumn {
    public final String remarks;

    ColumnRow(String tableCat, String tableSchem, String tableName, String columnName, int dataType,
        String typeName, Integer columnSize, Integer decimalDigits, int numPrecRadix, int nullable,
        Integer charOctetLength, int ordinalPosition, String isNullable, String remarks) {
      super(tableCat, tableSchem, tableName, columnName, dataType, typeName, columnSize, decimalDigits,
          numPrecRadix, nullable, charOctetLength, ordinalPosition, isNullable);
      this.remarks = remarks;
    }
  }
}
