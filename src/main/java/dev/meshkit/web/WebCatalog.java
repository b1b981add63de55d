package dev.meshkit.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.meshkit.Feedback;
import dev.meshkit.GovernanceReport;
import dev.meshkit.Mesh;
import dev.meshkit.MeshException;
import dev.meshkit.Principal;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web catalog: pages under {@code /catalog/} and their JSON API under {@code /api/v1/}, served
 * beside the JDBC endpoint. Every answer is read as the viewer through the public API, so a page
 * shows exactly what the viewer's {@code catalog} tables hold. Requests authenticate as on the
 * JDBC endpoint ({@code Authorization} header) or with the session cookie a login on
 * {@code /catalog/login} sets; a POST must be JSON, from this origin, and with a session also carry
 * the session's CSRF token.
 */
public final class WebCatalog {

  private static final Logger LOG = LoggerFactory.getLogger(WebCatalog.class);
  private static final Logger ERRORS = LoggerFactory.getLogger("meshkit.errors");
  private static final String PAGES = "/catalog/";
  private static final String API = "/api/v1/";
  private static final String ASSETS = PAGES + "assets/";
  /** Bodies the API accepts are a rating and a comment; anything much bigger is not one. */
  private static final int MAX_BODY = 64 * 1024;

  /**
   * Every route of the JSON API, as method and path template: a request matching none is a 404
   * (or 405 for a known path), and {@code openapi.json} documents exactly these.
   */
  static final List<String> ROUTES = List.of(
      "GET /api/v1/openapi.json",
      "GET /api/v1/session",
      "GET /api/v1/products",
      "GET /api/v1/domains",
      "GET /api/v1/products/{product}",
      "GET /api/v1/products/{product}/lineage",
      "GET /api/v1/products/{product}/quality",
      "GET /api/v1/products/{product}/usage",
      "GET /api/v1/products/{product}/feedback",
      "POST /api/v1/products/{product}/feedback",
      "POST /api/v1/feedback/{id}/resolve",
      "GET /api/v1/report",
      "GET /api/v1/changes",
      "POST /catalog/login",
      "POST /catalog/logout");

  private final Mesh mesh;
  private final Credentials credentials;
  private final CatalogReads reads;
  private final Sessions sessions = new Sessions();
  private final Assets assets = new Assets();

  /** Who asked: a principal, and the browser session it came with (null for an {@code Authorization} header). */
  private record Viewer(Principal principal, Sessions.Session session) {}

  public WebCatalog(Mesh mesh, Credentials credentials) {
    this.mesh = mesh;
    this.credentials = credentials;
    this.reads = new CatalogReads(mesh);
  }

  /** Whether a request path is the catalog's rather than the JDBC endpoint's. */
  public static boolean serves(String target) {
    return target.equals("/catalog") || target.startsWith(PAGES) || target.startsWith(API);
  }

  public void handle(String target, HttpServletRequest request, HttpServletResponse response) throws IOException {
    Http.securityHeaders(response);
    try {
      route(target, request, response);
    } catch (WebException e) {
      Http.error(response, e.status, e.getMessage(), e.sqlState);
    } catch (SQLException e) {
      ERRORS.debug("the web catalog could not answer {}", target, e);
      Http.error(response, 500, "The catalog could not be read: " + e.getMessage(), e.getSQLState());
    } catch (RuntimeException e) {
      ERRORS.debug("the web catalog could not answer {}", target, e);
      Http.error(response, 500, "The catalog could not answer this request; the server log has the cause", null);
    }
  }

  private void route(String target, HttpServletRequest request, HttpServletResponse response)
      throws IOException, SQLException {
    String method = request.getMethod();
    if (target.equals("/catalog")) {
      response.setHeader("Location", PAGES);
      response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
      return;
    }
    if (target.startsWith(ASSETS)) {
      requireMethod(method, "GET");
      asset(target.substring(ASSETS.length()), response);
      return;
    }
    if (target.equals(PAGES + "login")) {
      if (method.equals("POST")) {
        checkPost(request, null);
        login(request, response);
      } else {
        requireMethod(method, "GET");
        page("login.html", response);
      }
      return;
    }
    if (target.startsWith(API)) {
      checkRoute(method, template(target));
    }
    if (target.equals(API + "openapi.json")) {
      Http.noStore(response);
      Assets.Asset openapi = assets.page("openapi.json");
      Http.bytes(response, openapi.contentType(), openapi.body());
      return;
    }
    Optional<Viewer> viewer = authenticate(request, response);
    if (viewer.isEmpty()) {
      refuse(target, request, response);
      return;
    }
    if (target.startsWith(API)) {
      api(target.substring(API.length()), viewer.get(), request, response);
      return;
    }
    if (target.equals(PAGES + "logout")) {
      requireMethod(method, "POST");
      checkPost(request, viewer.get());
      sessions.close(request);
      response.addHeader("Set-Cookie", Sessions.clearCookie(request.isSecure()));
      Http.json(response, 200, Http.JSON.createObjectNode().put("signed_out", viewer.get().principal().name()));
      return;
    }
    String page = target.substring(PAGES.length());
    if (page.isEmpty() || page.equals("domains") || page.equals("report") || page.equals("changes")
        || (page.startsWith("products/") && page.indexOf('/', 9) < 0)) {
      requireMethod(method, "GET");
      page("index.html", response);
      return;
    }
    throw new WebException(404, "The catalog has no page " + target);
  }

  private void api(String path, Viewer viewer, HttpServletRequest request, HttpServletResponse response)
      throws IOException, SQLException {
    Principal principal = viewer.principal();
    if (path.equals("session")) {
      ObjectNode session = Http.JSON.createObjectNode().put("principal", principal.name())
          .put("sys", reads.isSys(principal));
      session.put("csrf_token", viewer.session() == null ? null : viewer.session().csrfToken());
      Http.json(response, 200, session);
    } else if (path.equals("products")) {
      Http.json(response, 200, reads.products(principal, request.getParameter("q")));
    } else if (path.equals("domains")) {
      Http.json(response, 200, reads.domains(principal));
    } else if (path.equals("report")) {
      requireSys(principal);
      GovernanceReport report = mesh.report();
      ObjectNode answer = Http.JSON.createObjectNode();
      answer.set("report", Http.JSON.readTree(report.toJson()));
      answer.put("markdown", report.toMarkdown());
      Http.json(response, 200, answer);
    } else if (path.equals("changes")) {
      requireSys(principal);
      Http.json(response, 200, reads.changes(principal));
    } else if (path.startsWith("feedback/") && path.endsWith("/resolve")) {
      checkPost(request, viewer);
      long id = problemId(path.substring("feedback/".length(), path.length() - "/resolve".length()));
      Feedback resolved = feedback(() -> mesh.feedback().resolve(principal, id));
      Http.json(response, 200, feedbackJson(resolved));
    } else if (path.startsWith("products/")) {
      product(path.substring("products/".length()), viewer, request, response);
    } else {
      throw new IllegalStateException("route " + path + " is in ROUTES but not answered");
    }
  }

  private void product(String path, Viewer viewer, HttpServletRequest request, HttpServletResponse response)
      throws IOException, SQLException {
    int slash = path.indexOf('/');
    ProductName name = ProductName.parse(slash < 0 ? path : path.substring(0, slash));
    String part = slash < 0 ? "" : path.substring(slash + 1);
    Principal principal = viewer.principal();
    String method = request.getMethod();
    switch (part) {
      case "" -> {
          Http.json(response, 200, reads.product(principal, name));
      }
      case "lineage" -> {
          Http.json(response, 200, reads.lineage(principal, name));
      }
      case "quality" -> {
          ObjectNode quality = Http.JSON.createObjectNode();
        quality.set("current", reads.productRows(principal, name, "quality", "check_name"));
        quality.set("history", reads.productRows(principal, name, "quality_history", "checked_at, check_name"));
        Http.json(response, 200, quality);
      }
      case "usage" -> {
          ObjectNode usage = Http.JSON.createObjectNode();
        usage.set("history", reads.productRows(principal, name, "usage_history", "\"day\""));
        Http.json(response, 200, usage);
      }
      case "feedback" -> {
        if (method.equals("POST")) {
          checkPost(request, viewer);
          postFeedback(name, principal, body(request), response);
        } else {
          Http.json(response, 200, reads.productRows(principal, name, "feedback", "created_at DESC, id DESC"));
        }
      }
      default -> throw new IllegalStateException("route " + part + " is in ROUTES but not answered");
    }
  }

  private void postFeedback(ProductName name, Principal principal, JsonNode body, HttpServletResponse response)
      throws IOException, SQLException {
    reads.product(principal, name);   // a product outside the viewer's catalog is a 404, as for GET
    String kind = body.path("kind").asText("rating");
    JsonNode comment = body.path("comment");
    if (!comment.isMissingNode() && !comment.isNull() && !comment.isTextual()) {
      throw new WebException(400, "\"comment\" must be a string");
    }
    String text = comment.isTextual() ? comment.asText() : null;
    Feedback given;
    if (kind.equals("problem")) {
      given = feedback(() -> mesh.feedback().reportProblem(principal, name.qualified(), text == null ? "" : text));
    } else if (kind.equals("rating")) {
      JsonNode rating = body.path("rating");
      if (!rating.canConvertToInt() || !rating.isIntegralNumber()) {
        throw new WebException(400, "\"rating\" must be a whole number from 1 to 5");
      }
      given = feedback(() -> mesh.feedback().rate(principal, name.qualified(), rating.asInt(), text));
    } else {
      throw new WebException(400, "\"kind\" must be \"rating\" or \"problem\"");
    }
    Http.json(response, 201, feedbackJson(given));
  }

  /** The store's refusals as answers: a wrong value is the caller's (400), a product or problem they may not use a 403. */
  private static Feedback feedback(Supplier<Feedback> action) {
    try {
      return action.get();
    } catch (IllegalArgumentException e) {
      throw new WebException(400, e.getMessage());
    } catch (MeshException e) {
      throw new WebException(403, e.getMessage());
    }
  }

  static ObjectNode feedbackJson(Feedback f) {
    int dot = f.product().indexOf('.');
    ObjectNode json = Http.JSON.createObjectNode()
        .put("domain_name", f.product().substring(0, dot))
        .put("product_name", f.product().substring(dot + 1))
        .put("id", f.id())
        .put("kind", f.kind().name().toLowerCase(Locale.ROOT))
        .put("rating", f.rating())
        .put("comment", f.comment())
        .put("principal", f.principal())
        .put("created_at", instant(f.createdAt()))
        .put("status", f.status() == null ? null : f.status().name().toLowerCase(Locale.ROOT))
        .put("resolved_by", f.resolvedBy())
        .put("resolved_at", instant(f.resolvedAt()));
    return json;
  }

  private static String instant(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  private static long problemId(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new WebException(404, "There is no problem report " + text + ": ids are numbers");
    }
  }

  private void requireSys(Principal principal) throws SQLException {
    if (!reads.isSys(principal)) {
      throw new WebException(403, "The governance report and the change history are for principals granted sys",
          "42501");
    }
  }

  private void login(HttpServletRequest request, HttpServletResponse response) throws IOException {
    JsonNode body = body(request);
    String authorization;
    if (body.path("token").isTextual()) {
      authorization = "Bearer " + body.get("token").asText();
    } else if (body.path("user").isTextual() && body.path("password").isTextual()) {
      String pair = body.get("user").asText() + ":" + body.get("password").asText();
      authorization = "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    } else {
      throw new WebException(400, "Sign in with {\"user\": ..., \"password\": ...} or {\"token\": ...}");
    }
    Optional<Principal> principal = credentials.check(authorization, request.getRemoteAddr());
    if (principal.isEmpty()) {
      throw new WebException(401, "Wrong user name or password", "28000");
    }
    String token = sessions.open(principal.get());
    Sessions.Session session = sessions.find(token).orElseThrow();
    response.addHeader("Set-Cookie", Sessions.setCookie(token, request.isSecure()));
    LOG.debug("{} signed in to the web catalog from {}", principal.get().name(), request.getRemoteAddr());
    Http.json(response, 200, Http.JSON.createObjectNode().put("principal", principal.get().name())
        .put("csrf_token", session.csrfToken()));
  }

  /** The {@code Authorization} header when there is one (a wrong one is refused, whatever cookie comes with it), else the session cookie. */
  private Optional<Viewer> authenticate(HttpServletRequest request, HttpServletResponse response) {
    String authorization = request.getHeader("Authorization");
    if (authorization != null && !authorization.isBlank()) {
      return credentials.check(authorization, request.getRemoteAddr()).map(p -> new Viewer(p, null));
    }
    Optional<Sessions.Session> session = sessions.find(request);
    if (session.isEmpty() && Sessions.cookie(request) != null) {
      response.addHeader("Set-Cookie", Sessions.clearCookie(request.isSecure()));
    }
    return session.map(s -> new Viewer(s.principal(), s));
  }

  /** A page sends a browser to the login page; the API answers 401, with a challenge unless the catalog's own script asked. */
  private void refuse(String target, HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (target.startsWith(PAGES) && request.getMethod().equals("GET")) {
      Http.noStore(response);
      String next = target.equals(PAGES) ? "" : "?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8);
      response.setHeader("Location", PAGES + "login" + next);
      response.setStatus(HttpServletResponse.SC_SEE_OTHER);
      return;
    }
    if (request.getHeader("X-Requested-With") == null) {
      response.setHeader("WWW-Authenticate", credentials.challenge());
    }
    Http.error(response, 401, "Authentication required: sign in on /catalog/login, or send HTTP Basic or bearer"
        + " credentials", "28000");
  }

  /**
   * What every POST must be: JSON (which a cross-site form cannot send), not from another origin,
   * and, when a session cookie authenticates it, carrying that session's CSRF token.
   */
  private static void checkPost(HttpServletRequest request, Viewer viewer) {
    String type = request.getContentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new WebException(415, "POST requests must send Content-Type: application/json");
    }
    String site = request.getHeader("Sec-Fetch-Site");
    if (site != null && !site.equals("same-origin") && !site.equals("none")) {
      throw new WebException(403, "Cross-site requests are refused");
    }
    String origin = request.getHeader("Origin");
    if (origin != null && !sameOrigin(origin, request)) {
      throw new WebException(403, "Requests from another origin are refused");
    }
    if (viewer != null && viewer.session() != null
        && !Sessions.csrfMatches(viewer.session(), request.getHeader(Sessions.CSRF_HEADER))) {
      throw new WebException(403, "The request lacks the session's CSRF token (header " + Sessions.CSRF_HEADER
          + "); reload the page");
    }
  }

  private static boolean sameOrigin(String origin, HttpServletRequest request) {
    try {
      URI uri = new URI(origin);
      int port = uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
      String host = request.getHeader("Host");
      URI self = new URI(request.getScheme() + "://" + (host != null ? host : request.getServerName()));
      int selfPort = self.getPort() >= 0 ? self.getPort() : request.getScheme().equals("https") ? 443 : 80;
      return uri.getScheme().equalsIgnoreCase(self.getScheme()) && uri.getHost() != null
          && uri.getHost().equalsIgnoreCase(self.getHost()) && port == selfPort;
    } catch (URISyntaxException | NullPointerException e) {
      return false;
    }
  }

  private static JsonNode body(HttpServletRequest request) throws IOException {
    byte[] bytes;
    try (InputStream in = request.getInputStream()) {
      bytes = in.readNBytes(MAX_BODY + 1);
    }
    if (bytes.length > MAX_BODY) {
      throw new WebException(413, "The request body is over " + MAX_BODY + " bytes");
    }
    try {
      JsonNode body = Http.JSON.readTree(bytes);
      if (body == null || !body.isObject()) {
        throw new WebException(400, "The request body must be a JSON object");
      }
      return body;
    } catch (JsonProcessingException e) {
      throw new WebException(400, "The request body is not valid JSON");
    }
  }

  /** The route template of an API path: a product or problem in it becomes its placeholder. */
  static String template(String target) {
    String[] parts = target.split("/", -1);
    // "", "api", "v1", resource, name, part
    if (parts.length >= 5 && parts[3].equals("products")) {
      parts[4] = "{product}";
    } else if (parts.length == 6 && parts[3].equals("feedback")) {
      parts[4] = "{id}";
    }
    return String.join("/", parts);
  }

  private static void checkRoute(String method, String template) {
    if (ROUTES.contains(method + " " + template)) {
      return;
    }
    List<String> methods = ROUTES.stream().filter(r -> r.endsWith(" " + template))
        .map(r -> r.substring(0, r.indexOf(' '))).toList();
    if (methods.isEmpty()) {
      throw new WebException(404, "The API has no resource " + template + "; /api/v1/openapi.json lists them");
    }
    throw new WebException(405, "Use " + String.join(" or ", methods) + " on " + template + ", not " + method);
  }

  private static void requireMethod(String method, String... allowed) {
    for (String a : allowed) {
      if (a.equals(method)) {
        return;
      }
    }
    throw new WebException(405, "Use " + String.join(" or ", allowed) + " here, not " + method);
  }

  private void page(String file, HttpServletResponse response) throws IOException {
    Http.noStore(response);
    Assets.Asset page = assets.page(file);
    Http.bytes(response, page.contentType(), page.body());
  }

  private void asset(String name, HttpServletResponse response) throws IOException {
    Optional<Assets.Asset> asset = assets.asset(name);
    if (asset.isEmpty()) {
      throw new WebException(404, "The catalog has no asset " + name);
    }
    // ECharts' path names its version: cached for a year. The catalog's own files change with meshkit: a day.
    response.setHeader("Cache-Control", asset.get().versioned() ? "public, max-age=31536000, immutable"
        : "public, max-age=86400");
    Http.bytes(response, asset.get().contentType(), asset.get().body());
  }
}
