package dev.meshkit.jdbc;

import dev.meshkit.catalog.CatalogTable;
import dev.meshkit.engine.ProductView;
import dev.meshkit.model.ColumnModel;
import org.apache.calcite.avatica.MetaImpl.MetaColumn;
import org.apache.calcite.avatica.MetaImpl.MetaTable;
import org.apache.calcite.jdbc.CalciteMetaColumnFactory;
import org.apache.calcite.jdbc.CalciteMetaImpl;
import org.apache.calcite.jdbc.CalciteMetaTableFactory;
import org.apache.calcite.schema.Table;

/**
 * {@code DatabaseMetaData} rows for products: domains are schemas, products are tables, and the
 * descriptions from the descriptor become REMARKS. Public only because Calcite instantiates the
 * factories by name.
 */
public final class MetaTables {

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

  public static final CalciteMetaColumnFactory COLUMNS = new CalciteMetaColumnFactory() {
    @Override
    public MetaColumn createColumn(Table table, String tableCat, String tableSchem, String tableName,
        String columnName, int dataType, String typeName, Integer columnSize, Integer decimalDigits,
        int numPrecRadix, int nullable, Integer charOctetLength, int ordinalPosition, String isNullable) {
      String remarks = null;
      if (table instanceof ProductView view) {
        for (ColumnModel column : view.product.model().columns()) {
          if (column.name().equalsIgnoreCase(columnName)) {
            remarks = column.description();
          }
        }
      }
      return new ColumnRow(tableCat, tableSchem, tableName, columnName, dataType, typeName, columnSize,
          decimalDigits, numPrecRadix, nullable, charOctetLength, ordinalPosition, isNullable, remarks);
    }

    @Override
    public Class<? extends MetaColumn> getMetaColumnClass() {
      return ColumnRow.class;
    }
  };

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
