package dev.meshkit.catalog;

import com.google.common.collect.ImmutableMultimap;
import com.google.common.collect.Multimap;
import dev.meshkit.engine.LookupSchema;
import dev.meshkit.engine.NameLookup;
import java.util.Map;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.Lookup;

/** The {@code catalog} schema: its tables, and the {@code search_products} table function. */
final class CatalogSchema extends LookupSchema {

  CatalogSchema(Map<String, Table> tables) {
    super(NameLookup.of(tables), Lookup.empty());
  }

  @Override
  protected Multimap<String, Function> getFunctionMultimap() {
    return ImmutableMultimap.of("search_products", SearchProducts.FUNCTION);
  }
}
