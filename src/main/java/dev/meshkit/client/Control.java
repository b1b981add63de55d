package dev.meshkit.client;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.time.Duration;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's control endpoint, for what Avatica's protocol cannot carry: cancel, query timeout,
 * warnings and identifier case. Small forms over HTTP, with the connection's credentials.
 */
final class Control {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final URI statement;
  private final URI connection;
  private final String authorization;
  private final String connectionId;
  private final String user;

  Control(RemoteSettings settings, String connectionId) {
    this.statement = settings.endpoint("/meshkit/statement");
    this.connection = settings.endpoint("/meshkit/connection");
    this.authorization = settings.authorization();
    this.connectionId = connectionId;
    this.user = settings.user;
  }

  void cancel(int statementId) throws SQLException {
    post(statement, "op=cancel&statement=" + statementId);
  }

  void queryTimeout(int statementId, int seconds) throws SQLException {
    post(statement, "op=timeout&statement=" + statementId + "&seconds=" + seconds);
  }

  /** The warnings of the server's statement, or of its open result set, as a fresh chain; null for none. */
  SQLWarning warnings(int statementId, boolean resultSet) throws SQLException {
    String body = post(statement, "op=warnings&statement=" + statementId + (resultSet ? "&of=resultset" : ""));
    SQLWarning first = null;
    for (String line : body.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      Map<String, String> w = form(line);
      SQLWarning warning = new SQLWarning(w.get("message"), w.get("state"), parseCode(w.get("code")));
      if (first == null) {
        first = warning;
      } else {
        first.setNextWarning(warning);
      }
    }
    return first;
  }

  /** The server's DatabaseMetaData flags on identifiers, by method name. */
  Map<String, String> identifiers() throws SQLException {
    return form(post(connection, "op=identifiers").strip());
  }

  /** Keys as the server's metadata reports them: column labels with their JDBC types, then the rows. */
  Keys keys(String kind, String schema, String table, String foreignSchema, String foreignTable) throws SQLException {
    StringBuilder form = new StringBuilder("op=keys&kind=").append(kind);
    appendIf(form, "schema", schema);
    appendIf(form, "table", table);
    appendIf(form, "foreignSchema", foreignSchema);
    appendIf(form, "foreignTable", foreignTable);
    String[] lines = post(connection, form.toString()).split("\n", -1);
    List<String> names = new ArrayList<>();
    List<Integer> types = new ArrayList<>();
    int line = 0;
    for (; line < lines.length && !lines[line].isEmpty(); line++) {
      int eq = lines[line].lastIndexOf('=');
      names.add(URLDecoder.decode(lines[line].substring(0, eq), StandardCharsets.UTF_8));
      types.add(Integer.parseInt(lines[line].substring(eq + 1)));
    }
    List<Object[]> rows = new ArrayList<>();
    for (line++; line < lines.length; line++) {
      if (lines[line].isEmpty()) {
        continue;
      }
      Object[] row = new Object[names.size()];
      form(lines[line]).forEach((column, value) -> {
        int i = Integer.parseInt(column) - 1;
        row[i] = Keys.value(types.get(i), value);
      });
      rows.add(row);
    }
    return new Keys(names, types, rows);
  }

  /** A metadata result carried as text. */
  record Keys(List<String> names, List<Integer> types, List<Object[]> rows) {

    static Object value(int type, String text) {
      return switch (type) {
        case Types.SMALLINT -> Short.valueOf(text);
        case Types.INTEGER -> Integer.valueOf(text);
        case Types.BIGINT -> Long.valueOf(text);
        case Types.BOOLEAN -> Boolean.valueOf(text);
        default -> text;
      };
    }

    static Class<?> javaClass(int type) {
      return switch (type) {
        case Types.SMALLINT -> Short.class;
        case Types.INTEGER -> Integer.class;
        case Types.BIGINT -> Long.class;
        case Types.BOOLEAN -> Boolean.class;
        default -> String.class;
      };
    }
  }

  private static void appendIf(StringBuilder form, String name, String value) {
    if (value != null) {
      form.append('&').append(name).append('=').append(encode(value));
    }
  }

  private String post(URI uri, String form) throws SQLException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(WAIT)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form + "&connection=" + encode(connectionId)));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<String> response;
    try {
      response = HttpChannel.exchange(HttpChannel.HTTP, request.build(), uri,
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (RemoteFailure e) {
      throw e.toSqlException();
    }
    int status = response.statusCode();
    if (status == 200) {
      return response.body();
    }
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (status != 401 && type.startsWith("application/x-www-form-urlencoded")) {
      Map<String, String> error = form(response.body().strip());
      if (error.get("message") != null) {
        throw new SQLException(error.get("message"), error.getOrDefault("state", "HY000"));
      }
    }
    if (status == 404 || status == 405) {
      throw new SQLException("the server does not offer meshkit's control endpoint (HTTP " + status + "); is it a"
          + " meshkit server of this version?", "0A000");
    }
    throw HttpChannel.refused(status, user, authorization != null).toSqlException();
  }

  private static Map<String, String> form(String line) {
    Map<String, String> values = new HashMap<>();
    for (String pair : line.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }

  private static int parseCode(String code) {
    try {
      return code == null ? 0 : Integer.parseInt(code);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }
}
