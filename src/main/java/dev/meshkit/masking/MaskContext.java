package dev.meshkit.masking;

import dev.meshkit.model.HashKey;

/**
 * What masks need at run time from the mesh whose statement runs them. The root schema of a
 * mesh connection implements it; the generated code finds it through the statement's
 * {@code DataContext}, so a secret never becomes a literal of the plan.
 */
public interface MaskContext {

  /** The mesh's key for the {@code hash} mask, or null when the mesh has none. */
  HashKey hashKey();
}
