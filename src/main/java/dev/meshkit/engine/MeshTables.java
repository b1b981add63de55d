package dev.meshkit.engine;

import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Table;

/**
 * The mesh's own tables that every session mounts: the {@code catalog} schema, and the
 * {@code sys} tables for principals granted them. The catalog package provides them, so the
 * engine does not depend on it.
 *
 * @param catalog the {@code catalog} schema, shared by every session; its tables answer for the session that reads them
 * @param audit the {@code sys.audit} table
 * @param changes the {@code sys.mesh_changes} table
 */
public record MeshTables(Schema catalog, Table audit, Table changes) {
}
