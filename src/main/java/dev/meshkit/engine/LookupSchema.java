package dev.meshkit.engine;

import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaVersion;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.lookup.Lookup;

/** A schema whose tables and sub-schemas come from lookups we control. */
public class LookupSchema extends AbstractSchema {

  private final Lookup<Table> tables;
  private final Lookup<Schema> subSchemas;

  public LookupSchema(Lookup<Table> tables, Lookup<Schema> subSchemas) {
    this.tables = tables;
    this.subSchemas = subSchemas;
  }

  @Override
  public Lookup<Table> tables() {
    return tables;
  }

  @Override
  public Lookup<? extends Schema> subSchemas() {
    return subSchemas;
  }

  @Override
  public boolean isMutable() {
    return false;
  }

  @Override
  public Schema snapshot(SchemaVersion version) {
    return this;
  }
}
