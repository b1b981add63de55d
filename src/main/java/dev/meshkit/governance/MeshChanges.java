package dev.meshkit.governance;

import dev.meshkit.AuditEvent;
import dev.meshkit.MeshChange;
import dev.meshkit.store.MetadataStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history of a mesh's changes, accepted and refused, kept in the metadata store: the latest
 * {@value #KEPT} behind {@code sys.mesh_changes} (across restarts when the store is durable), when
 * each product last changed for {@code catalog.products}, and one audit event per change.
 * Refusals are logged at WARN, acceptances at INFO.
 */
public final class MeshChanges {

  /** The principal of a change's audit event: the mesh itself. */
  public static final String PRINCIPAL = "$meshkit";

  static final int KEPT = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(MeshChanges.class);

  private final MetadataStore store;
  private final Map<String, Instant> lastChanged = new ConcurrentHashMap<>();

  /** Every product of the first version counts as changed when the mesh loaded. */
  public MeshChanges(Collection<String> products, Instant loaded, MetadataStore store) {
    this.store = store;
    products.forEach(p -> lastChanged.put(p, loaded));
  }

  /** A history kept in memory only. */
  public MeshChanges(Collection<String> products, Instant loaded) {
    this(products, loaded, MetadataStore.inMemory());
  }

  /** Records a change: history, product times (if accepted), log and audit. */
  public void record(MeshChange change, Duration took, AuditLog audit) {
    store.recordChange(change);
    if (change.accepted()) {
      for (MeshChange.ProductChange product : change.products()) {
        if (product.kind() == MeshChange.Kind.REMOVED) {
          lastChanged.remove(product.product());
        } else {
          lastChanged.put(product.product(), change.time());
        }
      }
      LOG.info("mesh change ({}) accepted: {}", word(change.trigger()), describe(change.products()));
    } else {
      LOG.warn("mesh change ({}) refused, the previous version keeps serving: {}", word(change.trigger()),
          String.join("; ", change.problems()));
    }
    audit.recordChange(event(change, took));
  }

  /** The recorded changes, oldest first. */
  public List<MeshChange> snapshot() {
    return store.changes(KEPT);
  }

  /** When the running mesh last took a new declaration of the product, or null for none it serves. */
  public Instant lastChanged(String product) {
    return lastChanged.get(product);
  }

  /** The change as an audit event of the mesh itself: allowed if accepted, denied with its problems if not. */
  static AuditEvent event(MeshChange change, Duration took) {
    AuditEvent.Builder event = AuditEvent.builder().time(change.time()).principal(PRINCIPAL)
        .sql(statement(change))
        .decision(change.accepted() ? AuditEvent.Decision.ALLOWED : AuditEvent.Decision.DENIED)
        .duration(took);
    for (MeshChange.ProductChange product : change.products()) {
      event.product(new AuditEvent.ProductAccess(product.product(), List.of(), List.of(), Map.of()));
      event.warning(describe(List.of(product)));
    }
    if (!change.accepted()) {
      event.error(String.join("; ", change.problems()));
    }
    return event.build();
  }

  /** What the audit shows as the statement: {@code MESH CHANGE reload mesh.yaml}. */
  static String statement(MeshChange change) {
    return "MESH CHANGE " + word(change.trigger())
        + (change.files().isEmpty() ? " from code" : " " + String.join(", ", change.files()));
  }

  public static String word(MeshChange.Trigger trigger) {
    return trigger.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** {@code sales.orders 1.0.0 -> 2.0.0 (changed)}, for each product. */
  public static String describe(List<MeshChange.ProductChange> products) {
    if (products.isEmpty()) {
      return "no product changed";
    }
    return products.stream().map(p -> p.product() + " " + version(p.oldVersion()) + " -> " + version(p.newVersion())
        + " (" + p.kind().name().toLowerCase(java.util.Locale.ROOT) + ")").collect(Collectors.joining(", "));
  }

  private static String version(String version) {
    return version == null ? "-" : version;
  }
}
