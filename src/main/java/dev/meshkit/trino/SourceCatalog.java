package dev.meshkit.trino;

import dev.meshkit.model.SourceModel;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Trino catalog of one source, named {@code <domain>_<source>}, or why the source cannot move.
 * Credentials become {@code ${ENV:...}} references, so no secret is copied into the configuration.
 *
 * @param defaultSchema the Trino schema a two-part name {@code source.table} reads from
 * @param unsupported why Trino cannot read the source, or null when it can
 */
record SourceCatalog(String name, String domain, String source, Map<String, String> properties,
    List<String> environment, String defaultSchema, String unsupported) {

  SourceCatalog {
    properties = properties == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    environment = List.copyOf(environment);
  }

  boolean supported() {
    return unsupported == null;
  }

  static SourceCatalog of(String domain, SourceModel source) {
    String name = identifier(domain + "_" + source.name());
    if (!source.type().equals("jdbc")) {
      return unsupported(name, domain, source, "source type " + source.type() + " has no Trino catalog here:"
          + " Trino reads files only as Hive tables over a metastore, with declared column types, while meshkit"
          + " infers them from the files");
    }
    String url = String.valueOf(source.settings().getOrDefault("url", ""));
    String connector = connector(url);
    if (connector == null) {
      String kind = url.startsWith("jdbc:") ? url.substring(5, Math.max(5, url.indexOf(':', 5))) : "unknown";
      return unsupported(name, domain, source, "Trino has no connector for " + kind + " databases");
    }
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("connector.name", connector);
    List<String> environment = new ArrayList<>();
    String schema;
    boolean userInUrl = queryParameter(url, "user", null) != null;
    boolean passwordInUrl = queryParameter(url, "password", null) != null;
    if (connector.equals("postgresql")) {
      properties.put("connection-url", withoutCredentials(url));
      schema = setting(source, "schema", queryParameter(url, "currentSchema", "public"));
    } else {
      // MySQL and MariaDB catalogs name the server only: their databases are Trino's schemas.
      URI server = URI.create(url.substring("jdbc:".length()));
      if (server.getHost() == null) {
        return unsupported(name, domain, source, "its URL names no host Trino can read");
      }
      if (server.getUserInfo() != null) {
        userInUrl = true;
        passwordInUrl |= server.getUserInfo().contains(":");
      }
      // Host and port only: user information and options, which may hold a password, stay behind.
      properties.put("connection-url", "jdbc:" + server.getScheme() + "://" + server.getHost()
          + (server.getPort() < 0 ? "" : ":" + server.getPort()));
      String database = server.getPath() == null ? "" : server.getPath().replaceFirst("^/", "");
      schema = setting(source, "catalog", database.isEmpty() ? null : database);
      if (schema == null) {
        return unsupported(name, domain, source, "its URL names no database and it sets no catalog, so its tables"
            + " have no schema in Trino");
      }
    }
    String prefix = "MESHKIT_" + name.toUpperCase(Locale.ROOT);
    if (source.settings().get("user") != null || userInUrl) {
      properties.put("connection-user", "${ENV:" + prefix + "_USER}");
      environment.add(prefix + "_USER");
    }
    if (source.settings().get("password") != null || passwordInUrl) {
      properties.put("connection-password", "${ENV:" + prefix + "_PASSWORD}");
      environment.add(prefix + "_PASSWORD");
    }
    return new SourceCatalog(name, domain, source.name(), properties, environment,
        schema.toLowerCase(Locale.ROOT), null);
  }

  /** The catalog file's text. */
  String propertiesText() {
    StringBuilder text = new StringBuilder("# Source ").append(source).append(" of domain ").append(domain)
        .append(", exported by meshkit\n");
    properties.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    return text.toString();
  }

  private static String connector(String url) {
    if (url.startsWith("jdbc:postgresql:")) {
      return "postgresql";
    }
    if (url.startsWith("jdbc:mariadb:")) {
      return "mariadb";
    }
    if (url.startsWith("jdbc:mysql:")) {
      return "mysql";
    }
    return null;
  }

  private static String setting(SourceModel source, String key, String otherwise) {
    Object value = source.settings().get(key);
    return value == null ? otherwise : value.toString();
  }

  private static String queryParameter(String url, String key, String otherwise) {
    int query = url.indexOf('?');
    if (query < 0) {
      return otherwise;
    }
    for (String pair : url.substring(query + 1).split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && pair.substring(0, equals).equals(key)) {
        return pair.substring(equals + 1);
      }
    }
    return otherwise;
  }

  /** The URL without its {@code user} and {@code password} parameters, which become environment references. */
  private static String withoutCredentials(String url) {
    int query = url.indexOf('?');
    if (query < 0) {
      return url;
    }
    List<String> kept = new ArrayList<>();
    for (String pair : url.substring(query + 1).split("&")) {
      String key = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
      if (!key.equals("user") && !key.equals("password") && !pair.isEmpty()) {
        kept.add(pair);
      }
    }
    return url.substring(0, query) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
  }

  private static SourceCatalog unsupported(String name, String domain, SourceModel source, String reason) {
    return new SourceCatalog(name, domain, source.name(), null, List.of(), null,
        "source " + source.name() + " of domain " + domain + " (type " + source.type() + "): " + reason);
  }

  /** A Trino catalog name: lower case letters, digits and underscores. */
  static String identifier(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
  }
}
