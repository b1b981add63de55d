package dev.meshkit.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A remote URL and its connection properties, read once: the server's base address, the login and the
 * fetch size. Settings in the URL ({@code ;key=value}) win over properties of the same name.
 */
final class RemoteSettings {

  static final String PREFIX = "jdbc:meshkit:remote:";
  private static final Set<String> KEYS = Set.of("user", "password", "token", "fetch_size");

  final String url;
  /** The server's address as given, without a trailing slash: {@code http(s)://host:port[/path]}. */
  final URI base;
  final String user;
  final String password;
  final String token;
  final String fetchSize;

  private RemoteSettings(String url, URI base, Map<String, String> values) {
    this.url = url;
    this.base = base;
    this.user = values.get("user");
    this.password = values.get("password");
    this.token = values.get("token");
    this.fetchSize = values.get("fetch_size");
  }

  static RemoteSettings parse(String url, Properties info) throws SQLException {
    String rest = url.substring(PREFIX.length()).strip();
    String[] parts = rest.split(";");
    URI base = address(parts[0].strip());
    Map<String, String> values = new LinkedHashMap<>();
    if (info != null) {
      for (String key : KEYS) {
        String value = info.getProperty(key);
        if (value != null) {
          values.put(key, value);
        }
      }
    }
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i].strip();
      if (part.isEmpty()) {
        continue;
      }
      int eq = part.indexOf('=');
      String key = (eq < 0 ? part : part.substring(0, eq)).strip();
      if (!KEYS.contains(key)) {
        throw new SQLException("unknown setting '" + key + "' in the URL; a remote URL takes user, password, token and"
            + " fetch_size, as in jdbc:meshkit:remote:http://host:8765;user=ann", "08001");
      }
      values.put(key, eq < 0 ? "" : part.substring(eq + 1).strip());
    }
    if (values.get("token") != null && values.get("password") != null) {
      throw new SQLException("a remote connection logs in with user and password or with a token, not both", "08001");
    }
    String user = values.get("user");
    if (user != null && values.get("password") == null && values.get("token") == null) {
      throw new SQLException("user '" + user + "' needs a password: set the connection property password", "28000");
    }
    String fetch = values.get("fetch_size");
    if (fetch != null && !fetch.matches("[1-9][0-9]{0,8}")) {
      throw new SQLException("fetch_size must be a positive whole number of rows", "08001");
    }
    return new RemoteSettings(url, base, values);
  }

  private static URI address(String text) throws SQLException {
    String lower = text.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
      throw new SQLException("a remote URL names the server's HTTP address:"
          + " jdbc:meshkit:remote:http://host:port or jdbc:meshkit:remote:https://host:port", "08001");
    }
    URI uri;
    try {
      uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    } catch (URISyntaxException e) {
      throw new SQLException("the server address in the URL is not a valid URL: " + e.getReason(), "08001");
    }
    if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new SQLException("the server address in the URL must be http(s)://host:port with an optional path,"
          + " nothing else", "08001");
    }
    return uri;
  }

  /** The address of one of the server's own endpoints, under the base path. */
  URI endpoint(String path) {
    return URI.create(base.toString() + path);
  }

  /** The Authorization header this connection sends, or null for none. */
  String authorization() {
    if (token != null) {
      return "Bearer " + token;
    }
    return user != null ? HttpChannel.basic(user, password) : null;
  }

  /** The properties for Avatica's client: our transport, protobuf, and the login in Avatica's own names. */
  Properties avatica() {
    Properties props = new Properties();
    props.setProperty("url", base.toString());
    props.setProperty("serialization", "PROTOBUF");
    props.setProperty("httpclient_impl", HttpChannel.class.getName());
    if (token != null) {
      props.setProperty("authentication", "BEARER");
      props.setProperty("bearer_token", token);
      if (user != null) {
        props.setProperty("avatica_user", user);
      }
    } else if (user != null) {
      props.setProperty("authentication", "BASIC");
      props.setProperty("avatica_user", user);
      props.setProperty("avatica_password", password);
    }
    if (fetchSize != null) {
      props.setProperty("fetch_size", fetchSize);
    }
    return props;
  }
}
