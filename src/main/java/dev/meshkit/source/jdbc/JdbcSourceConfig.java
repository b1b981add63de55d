package dev.meshkit.source.jdbc;

import com.zaxxer.hikari.HikariConfig;
import dev.meshkit.source.SourceConfigException;
import dev.meshkit.source.SourceContext;
import dev.meshkit.source.SourceSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checked settings of one JDBC source, turned into a HikariCP configuration.
 *
 * @param sharesConnections whether the driver keeps several streaming result sets of one connection
 *     open at once, so that the statements of one query can share a connection
 */
record JdbcSourceConfig(HikariConfig hikari, String catalog, String schema, int fetchSize, List<Path> seeds,
    boolean sharesConnections) {

  /** Pool settings a descriptor may give; everything else about the pool is ours to decide. */
  private static final Set<String> POOL_SETTINGS = Set.of(
      "maximumPoolSize", "minimumIdle", "connectionTimeout", "idleTimeout", "maxLifetime",
      "keepaliveTime", "validationTimeout", "leakDetectionThreshold", "connectionTestQuery", "registerMbeans");

  static final int DEFAULT_FETCH_SIZE = 1000;

  static JdbcSourceConfig from(String sourceName, SourceContext context, SourceSettings settings) {
    String url = settings.requiredString("url");
    if (!url.startsWith("jdbc:")) {
      throw new SourceConfigException("setting 'url' must start with 'jdbc:'");
    }
    url = resolveEmbeddedPath(url, context);
    String driver = settings.string("driver", null);
    // Before the pool, which would fail on a missing driver with a bare exception naming the whole URL.
    JdbcDrivers.check(url, driver);
    Properties props = new Properties();
    props.setProperty("poolName", "meshkit-" + context.domain() + "." + sourceName);
    props.setProperty("jdbcUrl", url);
    // The pool must not contact the database at start: an unreachable source may not stop the mesh.
    props.setProperty("initializationFailTimeout", "-1");
    props.setProperty("minimumIdle", "1");
    props.setProperty("maximumPoolSize", "10");
    props.setProperty("connectionTimeout", "3000");
    for (Map.Entry<String, Object> e : settings.map("pool").entrySet()) {
      if (!POOL_SETTINGS.contains(e.getKey())) {
        throw new SourceConfigException("unknown pool setting '" + e.getKey() + "' (accepted: "
            + String.join(", ", new TreeSet<>(POOL_SETTINGS)) + ")");
      }
      props.setProperty(e.getKey(), String.valueOf(e.getValue()));
    }
    HikariConfig hikari;
    try {
      hikari = new HikariConfig(props);
    } catch (RuntimeException e) {
      throw new SourceConfigException("invalid pool setting: " + e.getMessage());
    }
    hikari.setUsername(settings.string("user", null));
    hikari.setPassword(settings.string("password", null));
    if (driver != null) {
      hikari.setDriverClassName(driver);
    }
    String product = url.toLowerCase(Locale.ROOT);
    if (product.startsWith("jdbc:postgresql:")) {
      // PostgreSQL buffers a whole result unless autocommit is off and a fetch size is set.
      hikari.setAutoCommit(false);
    } else if (product.startsWith("jdbc:mariadb:") || product.startsWith("jdbc:mysql:")) {
      // MariaDB honours the fetch size only with a server-side cursor.
      hikari.addDataSourceProperty("useCursorFetch", "true");
    }
    settings.map("properties").forEach((k, v) -> hikari.addDataSourceProperty(k, String.valueOf(v)));
    int fetchSize = settings.integer("fetchSize", DEFAULT_FETCH_SIZE);
    if (fetchSize < 0) {
      throw new SourceConfigException("setting 'fetchSize' cannot be negative");
    }
    Object seed = settings.raw("seed");
    List<Path> seeds = seed == null ? List.of() : Seeds.files(seed, url, context.baseDir());
    boolean sharesConnections = product.startsWith("jdbc:h2:") || product.startsWith("jdbc:postgresql:");
    return new JdbcSourceConfig(hikari, settings.string("catalog", null), settings.string("schema", null), fetchSize,
        seeds, sharesConnections);
  }

  /**
   * Relative paths resolve against the descriptor's folder, also inside embedded-database URLs
   * ({@code jdbc:h2:./data/sales}), which H2 would otherwise resolve against the working directory.
   */
  static String resolveEmbeddedPath(String url, SourceContext context) {
    for (String prefix : new String[] {"jdbc:h2:file:", "jdbc:h2:"}) {
      if (url.startsWith(prefix)) {
        String rest = url.substring(prefix.length());
        if (rest.startsWith("./") || rest.startsWith("../")) {
          int options = rest.indexOf(';');
          String path = options < 0 ? rest : rest.substring(0, options);
          String tail = options < 0 ? "" : rest.substring(options);
          return prefix + context.resolve(path).toString().replace('\\', '/') + tail;
        }
        return url;
      }
    }
    return url;
  }
}
