package dev.meshkit.trino;

import dev.meshkit.model.ColumnModel;
import dev.meshkit.model.ProductModel;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;

/**
 * One product as a Trino view.
 *
 * @param query the product's SQL in Trino's dialect, reading Trino catalogs
 * @param reads what the product reads, as {@code source domain.source.table} or {@code product domain.product}
 * @param rowType the product's columns as meshkit validated them
 */
record ViewDefinition(String domain, ProductModel model, String query, List<Column> columns, List<String> reads,
    RelDataType rowType) {

  ViewDefinition {
    columns = List.copyOf(columns);
    reads = List.copyOf(reads);
  }

  /**
   * @param trinoType the type the view casts the column to, so that its masks can match it exactly
   * @param declared what the descriptor says of the column, or null
   */
  record Column(String name, RelDataType type, String trinoType, ColumnModel declared) {
  }

  String qualifiedName() {
    return domain + "." + model.name();
  }
}
