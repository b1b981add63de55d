package dev.meshkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.MeshTesting;
import dev.meshkit.PasswordHasher;
import dev.meshkit.cli.Cli.Run;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code meshkit serve}: a real server on loopback, queried with the stock Avatica client. */
class ServeCommandTest {

  private static final Pattern URL = Pattern.compile("JDBC URL: (\\S+)");

  @TempDir
  Path dir;

  @Test
  void servesTheMeshToAuthenticatedClientsUntilInterrupted() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread serving = serve(out, err, exit, "--port", "0");
    String url = awaitUrl(out, err);
    assertTrue(url.startsWith("jdbc:avatica:remote:url=http://127.0.0.1:"), url);

    try (Connection bert = connect(url, "bert", "bert-secret")) {
      assertEquals(List.of("Bob"), MeshTesting.rows(bert, "SELECT name FROM sales.customer ORDER BY name"));
    }
    try (Connection ann = connect(url, "ann", "ann-secret")) {
      assertEquals(List.of("Ada", "Bob"), MeshTesting.rows(ann, "SELECT name FROM sales.customer ORDER BY name"));
    }
    RuntimeException refused = assertThrows(RuntimeException.class, () -> connect(url, "ann", "wrong").getMetaData());
    assertTrue(String.valueOf(refused.getMessage()).contains("401"), refused::toString);

    serving.interrupt();
    serving.join(30_000);
    assertEquals(0, exit.get(), () -> "out:\n" + out + "\nerr:\n" + err);
    assertTrue(out.toString().contains("Server stopped."), out::toString);
    assertThrows(Exception.class, () -> connect(url, "ann", "ann-secret").getMetaData());
  }

  @Test
  void servesSavedChangesUnlessToldNotTo() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread serving = serve(out, err, exit, "--port", "0");
    String url = awaitUrl(out, err);
    assertTrue(out.toString().contains("(saved changes are served once valid; --no-watch turns this off)"),
        out::toString);
    Path file = dir.resolve("mesh.yaml");
    try (Connection ann = connect(url, "ann", "ann-secret")) {
      assertEquals(List.of("2"), MeshTesting.rows(ann, "SELECT COUNT(*) FROM sales.customer"));
      MeshTesting.write(file, java.nio.file.Files.readString(file)
          .replace("sql: SELECT * FROM erp.customer", "sql: SELECT * FROM erp.customer WHERE customer_id = 1"));
      List<String> seen = List.of();
      for (int i = 0; i < 200 && !seen.equals(List.of("1")); i++) {
        Thread.sleep(50);
        seen = MeshTesting.rows(ann, "SELECT COUNT(*) FROM sales.customer");
      }
      assertEquals(List.of("1"), seen, "the same remote connection sees the saved change");
    }
    serving.interrupt();
    serving.join(30_000);
    assertEquals(0, exit.get(), () -> "out:\n" + out + "\nerr:\n" + err);

    StringWriter quiet = new StringWriter();
    Thread unwatched = serve(quiet, err, exit, "--port", "0", "--no-watch");
    String second = awaitUrl(quiet, err);
    assertFalse(quiet.toString().contains("--no-watch turns this off"), quiet::toString);
    try (Connection ann = connect(second, "ann", "ann-secret")) {
      MeshTesting.write(file, java.nio.file.Files.readString(file).replace("sql: SELECT * FROM erp.customer", "sql: SELECT * FROM erp.customer WHERE 1 = 0"));
      Thread.sleep(1_500);
      assertEquals(List.of("2"), MeshTesting.rows(ann, "SELECT COUNT(*) FROM sales.customer"),
          "the version loaded at start serves on");
    }
    unwatched.interrupt();
    unwatched.join(30_000);
  }

  @Test
  void servesTheWebCatalogOnTheSamePortUnlessToldNotTo() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread serving = serve(out, err, exit, "--port", "0");
    String url = awaitUrl(out, err);
    String base = url.replace("jdbc:avatica:remote:url=", "").replace(";serialization=PROTOBUF", "");
    assertTrue(out.toString().contains("Web catalog: " + base + "/catalog/"), out::toString);
    assertEquals(200, get(base + "/catalog/login"));
    serving.interrupt();
    serving.join(30_000);

    StringWriter jdbcOnly = new StringWriter();
    Thread plain = serve(jdbcOnly, err, exit, "--port", "0", "--no-catalog");
    String second = awaitUrl(jdbcOnly, err).replace("jdbc:avatica:remote:url=", "").replace(";serialization=PROTOBUF", "");
    assertFalse(jdbcOnly.toString().contains("Web catalog"), jdbcOnly::toString);
    assertEquals(405, get(second + "/catalog/login"), "the JDBC endpoint answers, as without a catalog");
    plain.interrupt();
    plain.join(30_000);
  }

  private static int get(String address) throws Exception {
    return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(address)).build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void limitsTheConnectionsOfEachPrincipal() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread serving = serve(out, err, exit, "--port", "0", "--max-connections-per-principal", "1");
    String url = awaitUrl(out, err);
    try (Connection ann = connect(url, "ann", "ann-secret")) {
      assertEquals(List.of("2"), MeshTesting.rows(ann, "SELECT COUNT(*) FROM sales.customer"));
      RuntimeException refused = assertThrows(RuntimeException.class, () -> connect(url, "ann", "ann-secret"));
      assertTrue(refused.getMessage().contains("User 'ann' already has 1 open connection, the limit per principal"
          + " (maxConnectionsPerPrincipal)"), refused::toString);
      try (Connection bert = connect(url, "bert", "bert-secret")) {
        assertEquals(List.of("1"), MeshTesting.rows(bert, "SELECT COUNT(*) FROM sales.customer"));
      }
    }
    serving.interrupt();
    serving.join(30_000);
    assertEquals(0, exit.get(), () -> "out:\n" + out + "\nerr:\n" + err);
  }

  @Test
  void servesHttpsWithAKeystoreWhosePasswordIsInAFile() throws Exception {
    Path keystore = dir.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "meshkit", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0,
        new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    Path passwordFile = MeshTesting.write(dir.resolve("keystore-password"), "changeit\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread serving = serve(out, err, exit, "--port", "0", "--keystore", keystore.toString(),
        "--keystore-password-file", passwordFile.toString());
    String url = awaitUrl(out, err);
    assertTrue(url.startsWith("jdbc:avatica:remote:url=https://127.0.0.1:"), url);
    String trusted = url + ";truststore=" + keystore + ";truststore_password=changeit";
    try (Connection bert = connect(trusted, "bert", "bert-secret")) {
      assertEquals(List.of("Bob"), MeshTesting.rows(bert, "SELECT name FROM sales.customer"));
    }
    serving.interrupt();
    serving.join(30_000);
    assertEquals(0, exit.get(), () -> "out:\n" + out + "\nerr:\n" + err);

    Run noPassword = Cli.run("serve", descriptor().toString(), "--keystore", keystore.toString(),
        "--keystore-password-file", dir.resolve("nothing").toString());
    assertEquals(2, noPassword.exitCode(), noPassword::toString);
    assertTrue(noPassword.err().startsWith("Keystore password file not found: "), noPassword.err());
  }

  @Test
  void badDurationsKeystoreAndTimeoutsAreUsageErrors() throws Exception {
    String descriptor = descriptor().toString();
    Run duration = Cli.run("serve", descriptor, "--statement-timeout", "5 minutes");
    assertEquals(2, duration.exitCode(), duration::toString);
    assertTrue(duration.err().contains("'5 minutes' is not a duration such as 30s, 5m or 1h"), duration.err());

    Run keystore = Cli.run("serve", descriptor, "--keystore", dir.resolve("missing.p12").toString());
    assertEquals(2, keystore.exitCode(), keystore::toString);
    assertTrue(keystore.err().startsWith("Keystore file not found: "), keystore.err());

    Run timeouts = Cli.run("serve", descriptor, "--port", "0", "--idle-timeout", "1m", "--statement-timeout", "5m");
    assertEquals(2, timeouts.exitCode(), timeouts::toString);
    assertTrue(timeouts.err().startsWith("--idle-timeout (1m) is shorter than --statement-timeout (5m)"),
        timeouts.err());
  }

  /** Runs {@code meshkit serve} on a thread of its own, as the launcher's main thread would. */
  private Thread serve(StringWriter out, StringWriter err, AtomicInteger exit, String... options) throws Exception {
    List<String> args = new ArrayList<>(List.of("serve", descriptor().toString()));
    args.addAll(List.of(options));
    Thread serving = new Thread(() -> exit.set(MeshkitCommand.commandLine(new ByteArrayInputStream(new byte[0]),
        false, new PrintWriter(out), new PrintWriter(err)).execute(args.toArray(String[]::new))));
    serving.start();
    return serving;
  }

  private Path descriptor() throws Exception {
    String url = MeshTesting.h2("serve_" + System.nanoTime(),
        "CREATE TABLE customer(customer_id INT PRIMARY KEY, name VARCHAR(20), nation_id INT)",
        "INSERT INTO customer VALUES (1, 'Ada', 1), (2, 'Bob', 2)");
    return MeshTesting.write(dir.resolve("mesh.yaml"), """
        name: served
        domains:
          - name: sales
            owner: sales@shop.example
            description: Customers
            sources:
              - {name: erp, type: jdbc, url: "%s", user: sa}
            products:
              - {name: customer, description: One row per customer, sql: SELECT * FROM erp.customer}
        principals:
          - {name: ann, roles: [analyst], password: "%s"}
          - {name: bert, roles: [partner], attributes: {nation: "2"}, password: "%s"}
        policies:
          - name: analysts-read
            grant: {products: ["*"], roles: [analyst]}
          - name: partners-read-customers
            grant: {products: [sales.customer], roles: [partner]}
          - name: partners-see-their-nation
            rowFilter: {products: [sales.customer], roles: [partner], where: "nation_id = :nation"}
        """.formatted(url, PasswordHasher.hash("ann-secret".toCharArray()),
        PasswordHasher.hash("bert-secret".toCharArray())));
  }

  private static String awaitUrl(StringWriter out, StringWriter err) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      Matcher m = URL.matcher(out.toString());
      if (m.find()) {
        return m.group(1);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the server did not start\nout:\n" + out + "\nerr:\n" + err);
  }

  private static Connection connect(String url, String user, String password) throws Exception {
    Properties props = new Properties();
    props.setProperty("authentication", "BASIC");
    props.setProperty("avatica_user", user);
    props.setProperty("avatica_password", password);
    return DriverManager.getConnection(url, props);
  }
}
