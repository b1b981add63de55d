package dev.meshkit.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.meshkit.MeshEngine;
import dev.meshkit.MeshException;
import dev.meshkit.model.MetadataStoreSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses and opens a mesh's metadata store. In order: what the builder chose; the descriptor's
 * {@code settings.metadataStore} (off, a URL, a folder); the system property {@value #PROPERTY}
 * ({@code memory}, or a folder); an H2 file in {@value MetadataStoreSettings#DEFAULT_PATH} beside
 * the descriptor; and for a mesh declared in code, memory. "Memory" is a private in-memory H2
 * database, so feedback works there too; without H2 on the class path it is plain memory with no
 * feedback, and a wanted H2 file falls back to it with one warning.
 */
public final class StoreOpener {

  /** Where meshes whose descriptors say nothing keep their store: {@code memory}, or a folder. */
  public static final String PROPERTY = "meshkit.metadataStore";

  private static final Logger LOG = LoggerFactory.getLogger(StoreOpener.class);
  private static final AtomicLong MEMORY_DATABASES = new AtomicLong();

  private StoreOpener() {}

  /**
   * @param choice the builder's choice, or null
   * @param descriptor the descriptor file, or null for a mesh declared in code
   * @throws MeshException if the store holds a newer schema than this meshkit knows
   */
  public static MetadataStore open(MeshEngine.MetadataStoreChoice choice, MetadataStoreSettings settings,
      Path descriptor) {
    if (choice != null && choice.dataSource() != null) {
      return new MetadataStore(choice.dataSource(), null, "given to Mesh.Builder.metadataStore",
          settings.auditRetention(), new StoreSchema("given to Mesh.Builder.metadataStore"));
    }
    if (choice != null && choice.directory() != null) {
      return h2File(choice.directory(), settings);
    }
    if (choice != null && choice.inMemory() || !settings.enabled()) {
      return memory(settings);
    }
    if (settings.url() != null) {
      return url(settings);
    }
    Path base = descriptor == null ? Path.of("") : descriptor.toAbsolutePath().getParent();
    if (settings.path() != null) {
      return h2File(base.resolve(settings.path()), settings);
    }
    String property = System.getProperty(PROPERTY);
    if (property != null && !property.isBlank()) {
      return property.equals("memory") ? memory(settings) : h2File(Path.of(property), settings);
    }
    return descriptor == null ? memory(settings) : h2File(base.resolve(MetadataStoreSettings.DEFAULT_PATH), settings);
  }

  private static MetadataStore memory(MetadataStoreSettings settings) {
    if (!h2Present()) {
      return MetadataStore.inMemory();
    }
    String url = "jdbc:h2:mem:meshkit-store-" + MEMORY_DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
    HikariDataSource pool = pool(url, null, null, "meshkit-store-memory");
    // The database lives until SHUTDOWN, which closing the store runs before closing the pool.
    AutoCloseable close = () -> {
      try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
        s.execute("SHUTDOWN");
      } catch (SQLException e) {
        // Already gone.
      }
      pool.close();
    };
    return new MetadataStore(pool, close, MetadataStore.IN_MEMORY, settings.auditRetention(),
        new StoreSchema(MetadataStore.IN_MEMORY));
  }

  private static MetadataStore h2File(Path directory, MetadataStoreSettings settings) {
    Path file = directory.toAbsolutePath().normalize().resolve("metadata");
    String where = "H2 file " + file + ".mv.db";
    if (!h2Present()) {
      LOG.warn("metadata store: H2 is not on the class path, so usage and quality results are kept in memory only"
          + " and feedback is unavailable; add com.h2database:h2, or set settings.metadataStore.url");
      return MetadataStore.inMemory();
    }
    // AUTO_SERVER lets a second process (meshkit feedback beside meshkit serve) open the same file.
    HikariDataSource pool = pool("jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE", null, null, "meshkit-store");
    return new MetadataStore(pool, pool, where, settings.auditRetention(), new StoreSchema(where));
  }

  private static MetadataStore url(MetadataStoreSettings settings) {
    String where = withoutParameters(settings.url());
    HikariDataSource pool = pool(settings.url(), settings.user(), settings.password(), "meshkit-store");
    return new MetadataStore(pool, pool, where, settings.auditRetention(), new StoreSchema(where));
  }

  private static HikariDataSource pool(String url, String user, String password, String name) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setPoolName(name);
    config.setMaximumPoolSize(4);
    // One connection stays open: it keeps an embedded database open between writes.
    config.setMinimumIdle(1);
    // A store that is down must not hold a catalog query for long, nor stop the mesh from starting.
    config.setConnectionTimeout(2_000);
    config.setInitializationFailTimeout(-1);
    try {
      return new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new MeshException("the metadata store " + withoutParameters(url) + " could not be opened: "
          + e.getMessage(), e);
    }
  }

  /** The URL without what may hold credentials. */
  static String withoutParameters(String url) {
    int cut = url.length();
    for (char c : new char[] {'?', ';'}) {
      int at = url.indexOf(c);
      if (at >= 0) {
        cut = Math.min(cut, at);
      }
    }
    return url.substring(0, cut);
  }

  static boolean h2Present() {
    try {
      Class.forName("org.h2.Driver", false, StoreOpener.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
