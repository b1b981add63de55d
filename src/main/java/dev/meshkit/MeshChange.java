package dev.meshkit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One change of a running mesh, accepted or refused: a {@link Mesh#reload()}, a save the watcher
 * picked up, or a {@link Mesh#update}. Accepted, the new version serves every statement that
 * starts from then on; refused, the old version keeps serving and {@link #problems()} says why.
 * The mesh keeps its history in {@code sys.mesh_changes} and the audit log.
 */
public final class MeshChange {

  /** What started the change. */
  public enum Trigger {
    /** {@link Mesh#reload()}. */
    RELOAD,
    /** The watcher, after files of the descriptor were saved. */
    WATCH,
    /** {@link Mesh#update}, from code. */
    UPDATE
  }

  /** How a product changed. */
  public enum Kind { ADDED, REMOVED, CHANGED }

  /**
   * One product the change adds, removes or changes (its declaration, or a source of its domain).
   *
   * @param product {@code domain.product}
   * @param oldVersion its version before, null if it was new or had none
   * @param newVersion its version after, null if it is removed or has none
   */
  public record ProductChange(String product, Kind kind, String oldVersion, String newVersion) {

    public ProductChange {
      requireNonNull(product, "product is null");
      requireNonNull(kind, "kind is null");
    }
  }

  private final Instant time;
  private final Trigger trigger;
  private final List<String> files;
  private final boolean accepted;
  private final List<ProductChange> products;
  private final List<String> problems;

  /**
   * @param files the files read for it, empty for a change made in code
   * @param problems why it was refused; when accepted, its warnings (a compatible contract change
   *     without a minor version), usually none
   * @throws IllegalArgumentException if a refused change names no problem
   */
  public MeshChange(Instant time, Trigger trigger, List<String> files, boolean accepted,
      List<ProductChange> products, List<String> problems) {
    this.time = requireNonNull(time, "time is null");
    this.trigger = requireNonNull(trigger, "trigger is null");
    this.files = List.copyOf(files);
    this.accepted = accepted;
    this.products = List.copyOf(products);
    this.problems = List.copyOf(problems);
    if (!accepted && this.problems.isEmpty()) {
      throw new IllegalArgumentException("a refused change needs its problems");
    }
  }

  /** When the change was decided. */
  public Instant time() {
    return time;
  }

  public Trigger trigger() {
    return trigger;
  }

  /** The files the change read: the descriptor and the files it names. */
  public List<String> files() {
    return files;
  }

  /** Whether the new version replaced the old one. */
  public boolean accepted() {
    return accepted;
  }

  /**
   * The products added, removed or changed. For a refused change, those it would have changed; empty
   * when the new version could not be read at all.
   */
  public List<ProductChange> products() {
    return products;
  }

  /**
   * Why the change was refused, one sentence each naming the file and line, domain, product or
   * source; for an accepted change, its warnings.
   */
  public List<String> problems() {
    return problems;
  }

  @Override
  public String toString() {
    return "MeshChange[" + trigger + (accepted ? " accepted" : " refused") + " at " + time + ", products=" + products
        + (problems.isEmpty() ? "" : ", problems=" + problems) + "]";
  }
}
