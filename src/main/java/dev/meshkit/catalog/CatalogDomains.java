package dev.meshkit.catalog;

import dev.meshkit.engine.Domain;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code catalog.domains}: each domain with at least one product in the asker's catalog, like
 * {@code DatabaseMetaData}, so a domain of unreleased products does not reveal itself.
 */
final class CatalogDomains extends CatalogTable {

  @Override
  public String description() {
    return "Domains of the mesh with their owners and descriptions";
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory types) {
    return types.builder()
        .add("domain_name", SqlTypeName.VARCHAR).nullable(false)
        .add("owner", SqlTypeName.VARCHAR).nullable(true)
        .add("description", SqlTypeName.VARCHAR).nullable(true)
        .add("product_count", SqlTypeName.BIGINT).nullable(false)
        .build();
  }

  @Override
  List<Object[]> rows(Catalog catalog) {
    List<Object[]> rows = new ArrayList<>();
    for (Domain domain : catalog.session.mesh().domains()) {
      long count = catalog.entries().stream().filter(e -> e.product().domain() == domain).count();
      if (count > 0) {
        rows.add(new Object[] {domain.name(), domain.model().owner(), domain.model().description(), count});
      }
    }
    return rows;
  }
}
