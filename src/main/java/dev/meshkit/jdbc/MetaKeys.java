package dev.meshkit.jdbc;

import dev.meshkit.engine.ProductView;
import dev.meshkit.model.ColumnModel;
import dev.meshkit.model.ProductModel;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.function.Predicate;
import org.apache.calcite.avatica.AvaticaResultSet;
import org.apache.calcite.avatica.AvaticaResultSetMetaData;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.util.ArrayIteratorCursor;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.LikePattern;

/**
 * The keys products declare, as {@code DatabaseMetaData} reports keys: primary keys, unique
 * columns as unique indexes, and references between products as foreign keys. A key or reference
 * is listed only where the connection sees every product it involves.
 */
final class MetaKeys {

  private static final short NO_ACTION = (short) DatabaseMetaData.importedKeyNoAction;
  private static final short NOT_DEFERRABLE = (short) DatabaseMetaData.importedKeyNotDeferrable;
  private static final String[] KEY_COLUMNS = {"PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME", "PKCOLUMN_NAME",
      "FKTABLE_CAT", "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ", "UPDATE_RULE", "DELETE_RULE",
      "FK_NAME", "PK_NAME", "DEFERRABILITY"};
  private static final Class<?>[] KEY_TYPES = {String.class, String.class, String.class, String.class,
      String.class, String.class, String.class, String.class, Short.class, Short.class, Short.class, String.class,
      String.class, Short.class};

  private final Connection engine;
  private final SchemaPlus root;
  private final RelDataTypeFactory types;

  MetaKeys(Connection engine) throws SQLException {
    this.engine = engine;
    CalciteConnection calcite = engine.unwrap(CalciteConnection.class);
    this.root = calcite.getRootSchema();
    this.types = calcite.getTypeFactory();
  }

  ResultSet primaryKeys(String schema, String table) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    for (Visible product : products(schema, table)) {
      List<String> key = product.key();
      for (int i = 0; i < key.size(); i++) {
        rows.add(new Object[] {null, product.schema, product.name, key.get(i), (short) (i + 1),
            product.primaryKeyName()});
      }
    }
    rows.sort(order(1, 2, 4));
    return result(rows, new String[] {"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME"},
        new Class<?>[] {String.class, String.class, String.class, String.class, Short.class, String.class});
  }

  /** Declared keys and unique columns, as unique indexes; a mesh has no non-unique ones to list. */
  ResultSet indexInfo(String schema, String table) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    for (Visible product : products(schema, table)) {
      List<String> key = product.key();
      for (int i = 0; i < key.size(); i++) {
        rows.add(index(product, product.primaryKeyName(), i + 1, key.get(i)));
      }
      for (ColumnModel column : product.model.columns()) {
        if (column.unique() && !key.equals(List.of(column.name())) && product.has(column.name())) {
          rows.add(index(product, "uq_" + product.name + "_" + column.name(), 1, column.name()));
        }
      }
    }
    rows.sort(order(4, 7, 6, 8));
    return result(rows, new String[] {"TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "NON_UNIQUE", "INDEX_QUALIFIER",
        "INDEX_NAME", "TYPE", "ORDINAL_POSITION", "COLUMN_NAME", "ASC_OR_DESC", "CARDINALITY", "PAGES",
        "FILTER_CONDITION"}, new Class<?>[] {String.class, String.class, String.class, Boolean.class, String.class,
        String.class, Short.class, Short.class, String.class, String.class, Long.class, Long.class, String.class});
  }

  private static Object[] index(Visible product, String name, int position, String column) {
    return new Object[] {null, product.schema, product.name, false, null, name,
        (short) DatabaseMetaData.tableIndexOther, (short) position, column, null, 0L, 0L, null};
  }

  /** Keys of other products that the table's columns reference, ordered by the referenced table. */
  ResultSet importedKeys(String schema, String table) throws SQLException {
    return references(reference -> reference.foreign.matches(schema, table), order(1, 2, 3, 12, 9));
  }

  /** References to the table from other products, ordered by the referencing table. */
  ResultSet exportedKeys(String schema, String table) throws SQLException {
    return references(reference -> reference.primary.matches(schema, table), order(5, 6, 7, 12, 9));
  }

  ResultSet crossReference(String parentSchema, String parentTable, String foreignSchema, String foreignTable)
      throws SQLException {
    return references(reference -> reference.primary.matches(parentSchema, parentTable)
        && reference.foreign.matches(foreignSchema, foreignTable), order(5, 6, 7, 12, 9));
  }

  private ResultSet references(Predicate<Reference> wanted, Comparator<Object[]> order) throws SQLException {
    List<Object[]> rows = new ArrayList<>();
    for (Reference reference : references()) {
      if (wanted.test(reference)) {
        rows.add(reference.row());
      }
    }
    rows.sort(order);
    return result(rows, KEY_COLUMNS, KEY_TYPES);
  }

  /**
   * Every declared reference whose two products are visible and whose columns exist. Columns that
   * reference the same product form one foreign key, in the order of that product's key.
   */
  private List<Reference> references() {
    List<Visible> all = products(null, null);
    Map<String, Visible> byName = new LinkedHashMap<>();
    all.forEach(product -> byName.put(product.schema + "." + product.name, product));
    List<Reference> references = new ArrayList<>();
    for (Visible foreign : all) {
      Map<String, List<ColumnModel>> byTarget = new LinkedHashMap<>();
      for (ColumnModel column : foreign.model.columns()) {
        if (column.references() != null && foreign.has(column.name())) {
          String target = lower(column.references());
          byTarget.computeIfAbsent(target.substring(0, target.lastIndexOf('.')), t -> new ArrayList<>()).add(column);
        }
      }
      byTarget.forEach((target, columns) -> {
        Visible primary = byName.get(target);
        if (primary == null) {
          return;
        }
        String fkName = "fk_" + foreign.name + "_" + primary.name;
        List<String> key = primary.key();
        short sequence = 0;
        for (ColumnModel column : columns) {
          String referenced = lower(column.references());
          String pkColumn = referenced.substring(referenced.lastIndexOf('.') + 1);
          if (primary.has(pkColumn)) {
            int inKey = key.indexOf(pkColumn);
            sequence++;
            short keySeq = (short) (inKey >= 0 && columns.size() == key.size() ? inKey + 1 : sequence);
            references.add(new Reference(primary, foreign, pkColumn, column.name(), keySeq, fkName));
          }
        }
      });
    }
    return references;
  }

  /** The products this connection sees in the named schema and table, or in all of them where null. */
  private List<Visible> products(String schema, String table) {
    List<Visible> products = new ArrayList<>();
    for (String schemaName : root.subSchemas().getNames(LikePattern.any())) {
      SchemaPlus sub = root.subSchemas().get(schemaName);
      if (sub == null || schema != null && !schemaName.equals(lower(schema))) {
        continue;
      }
      for (String tableName : sub.tables().getNames(LikePattern.any())) {
        Table found = table == null || tableName.equals(lower(table)) ? sub.tables().get(tableName) : null;
        if (found instanceof ProductView view) {
          products.add(new Visible(schemaName, tableName, view.product.model(),
              view.getRowType(types).getFieldNames()));
        }
      }
    }
    return products;
  }

  /** A product the connection sees, under the names its metadata uses. */
  private record Visible(String schema, String name, ProductModel model, List<String> columns) {

    boolean has(String column) {
      return columns.contains(column);
    }

    /** The declared key, if each of its columns is one the product has. */
    List<String> key() {
      List<String> key = model.key();
      return columns.containsAll(key) ? key : List.of();
    }

    String primaryKeyName() {
      return "pk_" + name;
    }

    boolean matches(String schema, String table) {
      return (schema == null || this.schema.equals(lower(schema))) && (table == null || name.equals(lower(table)));
    }
  }

  private record Reference(Visible primary, Visible foreign, String pkColumn, String fkColumn, short keySeq,
      String fkName) {

    Object[] row() {
      return new Object[] {null, primary.schema, primary.name, pkColumn, null, foreign.schema, foreign.name, fkColumn,
          keySeq, NO_ACTION, NO_ACTION, fkName, primary.key().isEmpty() ? null : primary.primaryKeyName(),
          NOT_DEFERRABLE};
    }
  }

  /** Orders rows by the given columns (1-based, as JDBC numbers them), nulls first. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Comparator<Object[]> order(int... columns) {
    Comparator<Object[]> order = (a, b) -> 0;
    for (int column : columns) {
      order = order.thenComparing(row -> (Comparable) row[column - 1],
          Comparator.nullsFirst(Comparator.naturalOrder()));
    }
    return order;
  }

  /**
   * Avatica's own result set over the rows, as the engine builds its metadata results; the engine
   * statement it needs closes with it.
   */
  private ResultSet result(List<Object[]> rows, String[] names, Class<?>[] classes) throws SQLException {
    List<ColumnMetaData> columns = new ArrayList<>();
    for (int i = 0; i < names.length; i++) {
      columns.add(MetaImpl.columnMetaData(names[i], i, classes[i], true));
    }
    AvaticaStatement statement = engine.createStatement().unwrap(AvaticaStatement.class);
    statement.closeOnCompletion();
    Meta.Signature signature = Meta.Signature.create(columns, "", List.of(), Meta.CursorFactory.ARRAY,
        Meta.StatementType.SELECT);
    AvaticaResultSet result = new AvaticaResultSet(statement, new QueryState(), signature,
        new AvaticaResultSetMetaData(statement, null, signature), TimeZone.getDefault(), null);
    return result.execute2(new ArrayIteratorCursor(rows.iterator()), columns);
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
