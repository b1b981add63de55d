package dev.meshkit.contract;

import static java.util.Objects.requireNonNull;

/**
 * A policy added, removed or changed between two versions of a mesh, by name.
 *
 * @param before the old declaration as one line, null when added
 * @param after the new declaration as one line, null when removed
 */
public record PolicyChange(String name, Kind kind, String before, String after) {

  public enum Kind { ADDED, REMOVED, CHANGED }

  public PolicyChange {
    requireNonNull(name, "name is null");
    requireNonNull(kind, "kind is null");
  }
}
