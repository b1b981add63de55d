package dev.meshkit.contract;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Objects;

/**
 * What happened to one product between two versions of a mesh.
 *
 * @param product the qualified name
 * @param kind added, removed, breaking, compatible, or unchanged (its schema is the same)
 * @param columns the changes to its columns, in column order; empty when added, removed or unchanged
 * @param beforeVersion the old version (null when added, or when it declared none)
 * @param afterVersion the new version (null when removed, or when it declares none)
 * @param beforeStatus the old status, null when added
 * @param afterStatus the new status, null when removed
 * @param contracted whether the old version was {@code active}, so that its schema was a contract
 * @param required the bump the change needs: MAJOR for breaking, MINOR for compatible, NONE otherwise
 *     (NONE whenever the product was not under contract)
 * @param made the bump the versions actually make
 * @param location where the product is declared now (where it was, for a removed one)
 */
public record ProductChange(String product, Kind kind, List<ColumnChange> columns, String beforeVersion,
    String afterVersion, String beforeStatus, String afterStatus, boolean contracted, Bump required, Bump made,
    String location) {

  /** How a product's contract changed. */
  public enum Kind { ADDED, REMOVED, BREAKING, COMPATIBLE, UNCHANGED }

  public ProductChange {
    requireNonNull(product, "product is null");
    requireNonNull(kind, "kind is null");
    columns = List.copyOf(columns);
    requireNonNull(required, "required is null");
    requireNonNull(made, "made is null");
    requireNonNull(location, "location is null");
  }

  /** Whether anything about the product changed: its schema, version or status. */
  public boolean changed() {
    return kind != Kind.UNCHANGED || made != Bump.NONE || !Objects.equals(beforeStatus, afterStatus);
  }
}
