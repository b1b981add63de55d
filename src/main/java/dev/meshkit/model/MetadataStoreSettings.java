package dev.meshkit.model;

import java.time.Duration;
import java.util.Objects;

/**
 * Where a mesh keeps what it remembers (usage, quality history, feedback, audit, changes), under
 * {@code settings: metadataStore} in a descriptor.
 *
 * @param enabled false keeps everything in memory only, lost when the mesh closes
 * @param url a JDBC URL of the database to keep it in, or null for the embedded H2 file
 * @param user the database user, or null
 * @param password the database password, or null
 * @param path the folder of the embedded H2 file, relative to the descriptor's folder, or null for
 *     {@value #DEFAULT_PATH}
 * @param auditRetention how long audit events are kept before they are deleted
 */
public record MetadataStoreSettings(boolean enabled, String url, String user, String password, String path,
    Duration auditRetention) {

  /** The folder beside the descriptor that holds the embedded store by default. */
  public static final String DEFAULT_PATH = ".meshkit";

  public static final Duration DEFAULT_AUDIT_RETENTION = Duration.ofDays(90);

  /** The embedded H2 file beside the descriptor, audit kept 90 days. */
  public static final MetadataStoreSettings DEFAULTS =
      new MetadataStoreSettings(true, null, null, null, null, DEFAULT_AUDIT_RETENTION);

  public MetadataStoreSettings {
    Objects.requireNonNull(auditRetention, "auditRetention is null");
    if (auditRetention.isNegative() || auditRetention.isZero()) {
      throw new IllegalArgumentException("auditRetention must be positive: " + auditRetention);
    }
  }

  /** Without the password. */
  @Override
  public String toString() {
    return "MetadataStoreSettings[enabled=" + enabled + ", url=" + url + ", user=" + user + ", path=" + path
        + ", auditRetention=" + auditRetention + "]";
  }
}
