package dev.meshkit.server;

import dev.meshkit.Principal;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Avatica protocol cannot carry, for meshkit's remote client: cancelling a running
 * statement, its query timeout, its warnings, and how the mesh stores identifiers. Authenticated like
 * every request, and usable only by the user who opened the connection. Requests and answers are
 * small forms ({@code application/x-www-form-urlencoded}):
 *
 * <ul>
 *   <li>{@code POST .../meshkit/statement} with {@code op=cancel}, {@code op=timeout&seconds=N} or
 *       {@code op=warnings[&of=resultset]}, each with {@code connection} and {@code statement} ids.
 *       Warnings come back one a line as {@code state=..&code=..&message=..}.
 *   <li>{@code POST .../meshkit/connection} with {@code op=identifiers&connection=ID}: one line of
 *       {@code DatabaseMetaData} flag names and their values, with the product's name and version.
 *   <li>{@code POST .../meshkit/connection} with {@code op=keys&kind=K&connection=ID}, {@code schema}
 *       and {@code table} (and {@code foreignSchema}, {@code foreignTable} for {@code kind=cross}),
 *       where K is {@code primary}, {@code index}, {@code imported}, {@code exported} or
 *       {@code cross}: the keys {@code DatabaseMetaData} reports, which Avatica's protocol has no
 *       request for. A line {@code name=TYPE} per column (TYPE from {@code java.sql.Types}), an
 *       empty line, then a line per row mapping column numbers to values; a null is left out.
 * </ul>
 *
 * A refusal answers with an HTTP error status and {@code state=..&message=..}.
 */
final class ControlEndpoint {

  static final String STATEMENT = "/meshkit/statement";
  static final String CONNECTION = "/meshkit/connection";
  private static final Logger LOG = LoggerFactory.getLogger(MeshServer.class);
  private static final int MAX_BODY = 4096;

  private final MeshMeta meta;

  ControlEndpoint(MeshMeta meta) {
    this.meta = meta;
  }

  /** True for a request this endpoint answers, by its path. */
  static boolean serves(String target) {
    return target != null && (target.endsWith(STATEMENT) || target.endsWith(CONNECTION));
  }

  void handle(String target, Principal caller, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Map<String, String> form;
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        answer(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
            error("22023", "a control request is at most " + MAX_BODY + " bytes"));
        return;
      }
      form = parse(new String(body, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      answer(response, HttpServletResponse.SC_BAD_REQUEST, error("22023", "the request is not a URL-encoded form"));
      return;
    }
    try {
      String op = required(form, "op");
      String connection = required(form, "connection");
      String body = target.endsWith(CONNECTION) ? connectionOp(op, caller, connection, form)
          : statementOp(op, caller, connection, number(form, "statement"), form);
      answer(response, HttpServletResponse.SC_OK, body);
    } catch (SQLException e) {
      String state = e.getSQLState() == null ? "HY000" : e.getSQLState();
      int status = switch (state) {
        case "28000" -> HttpServletResponse.SC_FORBIDDEN;
        case "08003", "HY010" -> HttpServletResponse.SC_NOT_FOUND;
        case "22023" -> HttpServletResponse.SC_BAD_REQUEST;
        default -> HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
      };
      answer(response, status, error(state, e.getMessage()));
    } catch (RuntimeException e) {
      LoggerFactory.getLogger("meshkit.errors").debug("the control endpoint failed", e);
      answer(response, HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
          error("HY000", "the server could not answer the request (SQLState HY000)"));
    }
  }

  private String statementOp(String op, Principal caller, String connection, int id, Map<String, String> form)
      throws SQLException {
    switch (op) {
      case "cancel" -> {
        Statement statement = meta.statementOf(caller, connection, id);
        statement.cancel();
        LOG.debug("'{}' cancelled statement {} of connection {}", caller.name(), id, connection);
        return "";
      }
      case "timeout" -> {
        int seconds = number(form, "seconds");
        meta.statementOf(caller, connection, id).setQueryTimeout(seconds);
        return "";
      }
      case "warnings" -> {
        SQLWarning warnings;
        if ("resultset".equals(form.get("of"))) {
          ResultSet rs = meta.resultSetOf(caller, connection, id);
          warnings = rs == null || rs.isClosed() ? null : rs.getWarnings();
        } else {
          warnings = meta.statementOf(caller, connection, id).getWarnings();
        }
        StringBuilder out = new StringBuilder();
        for (SQLWarning w = warnings; w != null; w = w.getNextWarning()) {
          out.append("state=").append(encode(w.getSQLState() == null ? "01000" : w.getSQLState()))
              .append("&code=").append(w.getErrorCode())
              .append("&message=").append(encode(w.getMessage() == null ? "" : w.getMessage())).append('\n');
        }
        return out.toString();
      }
      default -> throw new SQLException("unknown statement operation '" + printable(op)
          + "' (cancel, timeout or warnings)", "22023");
    }
  }

  private String connectionOp(String op, Principal caller, String connection, Map<String, String> form)
      throws SQLException {
    if (op.equals("keys")) {
      return keys(meta.metaDataOf(caller, connection), form);
    }
    if (!op.equals("identifiers")) {
      throw new SQLException("unknown connection operation '" + printable(op) + "' (identifiers or keys)", "22023");
    }
    DatabaseMetaData md = meta.metaDataOf(caller, connection);
    return "storesUpperCaseIdentifiers=" + md.storesUpperCaseIdentifiers()
        + "&storesLowerCaseIdentifiers=" + md.storesLowerCaseIdentifiers()
        + "&storesMixedCaseIdentifiers=" + md.storesMixedCaseIdentifiers()
        + "&supportsMixedCaseIdentifiers=" + md.supportsMixedCaseIdentifiers()
        + "&storesUpperCaseQuotedIdentifiers=" + md.storesUpperCaseQuotedIdentifiers()
        + "&storesLowerCaseQuotedIdentifiers=" + md.storesLowerCaseQuotedIdentifiers()
        + "&storesMixedCaseQuotedIdentifiers=" + md.storesMixedCaseQuotedIdentifiers()
        + "&supportsMixedCaseQuotedIdentifiers=" + md.supportsMixedCaseQuotedIdentifiers()
        + "&identifierQuoteString=" + encode(md.getIdentifierQuoteString())
        + "&databaseProductName=" + encode(md.getDatabaseProductName())
        + "&databaseProductVersion=" + encode(md.getDatabaseProductVersion())
        + "&databaseMajorVersion=" + md.getDatabaseMajorVersion()
        + "&databaseMinorVersion=" + md.getDatabaseMinorVersion() + "\n";
  }

  private static String keys(DatabaseMetaData md, Map<String, String> form) throws SQLException {
    String schema = form.get("schema");
    String table = form.get("table");
    String kind = required(form, "kind");
    try (ResultSet rs = switch (kind) {
      case "primary" -> md.getPrimaryKeys(null, schema, table);
      case "index" -> md.getIndexInfo(null, schema, table, true, false);
      case "imported" -> md.getImportedKeys(null, schema, table);
      case "exported" -> md.getExportedKeys(null, schema, table);
      case "cross" -> md.getCrossReference(null, schema, table, null, form.get("foreignSchema"),
          form.get("foreignTable"));
      default -> throw new SQLException("unknown kind of keys '" + printable(kind)
          + "' (primary, index, imported, exported or cross)", "22023");
    }) {
      ResultSetMetaData columns = rs.getMetaData();
      StringBuilder out = new StringBuilder();
      for (int i = 1; i <= columns.getColumnCount(); i++) {
        out.append(encode(columns.getColumnLabel(i))).append('=').append(columns.getColumnType(i)).append('\n');
      }
      out.append('\n');
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns.getColumnCount(); i++) {
          String value = rs.getString(i);
          if (value != null) {
            row.append(row.length() == 0 ? "" : "&").append(i).append('=').append(encode(value));
          }
        }
        out.append(row).append('\n');
      }
      return out.toString();
    }
  }

  private static Map<String, String> parse(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.strip().split("&")) {
      if (!pair.isEmpty()) {
        int eq = pair.indexOf('=');
        String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        form.put(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  private static String required(Map<String, String> form, String name) throws SQLException {
    String value = form.get(name);
    if (value == null || value.isEmpty()) {
      throw new SQLException("the request lacks '" + name + "'", "22023");
    }
    return value;
  }

  private static int number(Map<String, String> form, String name) throws SQLException {
    String value = required(form, name);
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new SQLException("'" + name + "' must be a whole number", "22023");
    }
  }

  /** What a client sent, cut and stripped of control characters before it goes into a sentence. */
  private static String printable(String text) {
    String cut = text.length() > 32 ? text.substring(0, 32) + "..." : text;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  private static String error(String state, String message) {
    return "state=" + encode(state) + "&message=" + encode(message) + "\n";
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static void answer(HttpServletResponse response, int status, String body) throws IOException {
    response.setStatus(status);
    response.setContentType("application/x-www-form-urlencoded;charset=utf-8");
    response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
  }
}
