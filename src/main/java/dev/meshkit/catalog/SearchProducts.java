package dev.meshkit.catalog;

import dev.meshkit.CatalogHit;
import dev.meshkit.engine.Product;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.TableFunction;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.schema.impl.TableFunctionImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code catalog.search_products(terms)}: the asker's catalog ranked against the terms. Public
 * only because Calcite's generated code calls {@link #eval}; not part of meshkit's API.
 */
public final class SearchProducts extends AbstractTable implements ScannableTable {

  static final TableFunction FUNCTION = TableFunctionImpl.create(SearchProducts.class, "eval");

  private final String terms;

  private SearchProducts(String terms) {
    this.terms = terms;
  }

  /** Called with the literal while planning (terms may then be null) and with the value at run time. */
  public static ScannableTable eval(String terms) {
    return new SearchProducts(terms);
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory types) {
    return types.builder()
        .add("product_name", SqlTypeName.VARCHAR).nullable(false)
        .add("score", SqlTypeName.DOUBLE).nullable(false)
        .add("description", SqlTypeName.VARCHAR).nullable(true)
        .build();
  }

  /** Like the catalog tables, answers for the session that runs the statement, not the one that planned it. */
  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    if (terms == null) {
      return Linq4j.emptyEnumerable();
    }
    List<Product> products = new Catalog(CatalogTable.session(root)).entries().stream()
        .map(Catalog.Entry::product).toList();
    return Linq4j.asEnumerable(CatalogSearch.rank(products, terms).stream()
        .map(hit -> new Object[] {hit.product(), hit.score(), hit.description()}).toList());
  }
}
