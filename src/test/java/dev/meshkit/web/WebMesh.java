package dev.meshkit.web;

import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.meshkit.Mesh;
import dev.meshkit.PasswordHasher;
import dev.meshkit.server.MeshServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * A mesh for the web catalog's tests, served with the catalog on: sales (members: ann) with
 * customer (phone pii, masked but for compliance), orders (full description, support, SLA, a
 * quality check), orders_old (deprecated, replaced by orders) and plan (a draft); marketing's
 * segments reads sales.customer. ann and bert are analysts (bert no member of sales), root is
 * granted sys.
 */
final class WebMesh implements AutoCloseable {

  static final Map<String, String> PASSWORDS = Map.of("ann", "ann-secret", "bert", "bert-secret",
      "root", "root-secret");
  static final ObjectMapper JSON = new ObjectMapper();

  final Mesh mesh;
  final MeshServer server;
  final String base;
  final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  WebMesh(Path dir) throws SQLException {
    String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String url = h2("web_" + id,
        "CREATE TABLE customer(customer_id INT PRIMARY KEY, name VARCHAR(20), phone VARCHAR(20))",
        "INSERT INTO customer VALUES (1, 'Alba', '+34 600 100 101'), (2, 'Bodo', '+49 170 200 202')",
        "CREATE TABLE orders(order_id INT PRIMARY KEY, customer_id INT, amount DECIMAL(10,2))",
        "INSERT INTO orders VALUES (10, 1, 5.00), (11, 2, 7.50)");
    Path descriptor = write(dir.resolve("mesh-" + id + ".yaml"), """
        name: webbed
        domains:
          - name: sales
            owner: sales@example.com
            description: Customers and orders
            members: {users: [ann]}
            sources:
              - {name: erp, type: jdbc, url: "%1$s", user: sa, password: ""}
            products:
              - name: customer
                description: One row per customer
                sql: SELECT * FROM erp.customer
                columns:
                  - {name: phone, tags: [pii], classification: confidential}
              - name: orders
                version: 2.1.0
                description: {purpose: One row per order, usage: Join on customer_id, limitations: No returns}
                support: [{channel: "#sales-data", tool: slack}]
                sla: {freshness: 24h}
                sql: SELECT * FROM erp.orders
                quality:
                  - {metric: rowCount, mustBeGreaterThan: 0}
              - name: orders_old
                status: deprecated
                description: Orders before the migration
                deprecation: {replacedBy: sales.orders}
                sql: SELECT * FROM erp.orders
              - name: plan
                status: draft
                description: Next year's secret plan
                sql: SELECT * FROM erp.orders
          - name: marketing
            owner: marketing@example.com
            products:
              - name: segments
                description: Customers by segment
                sql: SELECT customer_id, name FROM sales.customer
        principals:
          - {name: ann, roles: [analyst], password: "%2$s"}
          - {name: bert, roles: [analyst], password: "%3$s"}
          - {name: root, roles: [admin], password: "%4$s"}
        policies:
          - name: analysts-read-everything
            grant: {products: ["*"], roles: [analyst]}
          - name: admins-read-everything-and-sys
            grant: {products: ["*", "sys.*"], roles: [admin]}
          - name: pii-last-four
            mask: {tags: [pii], exceptRoles: [compliance], with: last4}
        """.formatted(url, hash("ann"), hash("bert"), hash("root")));
    this.mesh = Mesh.fromYaml(descriptor);
    this.server = MeshServer.builder(mesh).port(0).webCatalog(true).start();
    this.base = server.catalogUrl().orElseThrow().replace("/catalog/", "");
  }

  private static String hash(String user) {
    return PasswordHasher.hash(PASSWORDS.get(user).toCharArray());
  }

  static String basic(String user) {
    return basic(user, PASSWORDS.get(user));
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path));
  }

  HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** GET as a user with HTTP Basic. */
  HttpResponse<String> get(String user, String path) throws IOException, InterruptedException {
    return send(request(path).header("Authorization", basic(user)).build());
  }

  JsonNode getJson(String user, String path) throws IOException, InterruptedException {
    HttpResponse<String> response = get(user, path);
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + path + " as " + user + " answered " + response.statusCode() + ": "
          + response.body());
    }
    return JSON.readTree(response.body());
  }

  HttpResponse<String> postJson(String user, String path, String body) throws IOException, InterruptedException {
    return send(request(path).header("Authorization", basic(user)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  /** Signs in on the login page: the session cookie and the CSRF token. */
  Session login(String user) throws IOException, InterruptedException {
    HttpResponse<String> response = send(request("/catalog/login").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("user", user)
            .put("password", PASSWORDS.get(user)).toString())).build());
    if (response.statusCode() != 200) {
      throw new AssertionError("login of " + user + " answered " + response.statusCode() + ": " + response.body());
    }
    String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    return new Session(cookie, setCookie, JSON.readTree(response.body()).get("csrf_token").asText());
  }

  record Session(String cookie, String setCookie, String csrf) {}

  @Override
  public void close() {
    server.close();
    mesh.close();
  }
}
