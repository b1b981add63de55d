package dev.meshkit.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real single-node Trino 476 started from the tarball cached in the local Maven repository, on
 * the configuration {@code meshkit export trino} wrote: its catalogs and access control, the
 * environment its catalogs reference, and {@code init.sql} run as the views' owner. Trino needs
 * Java 22+, so it runs on the Temurin 25 JDK; the tests stay on Java 17 and talk to it through
 * trino-jdbc. Without the tarball or the JDK the suite skips, unless {@code meshkit.it.required}.
 */
public final class TrinoServer implements AutoCloseable {

  static final Path TARBALL = Path.of(System.getProperty("user.home"),
      ".m2/repository/io/trino/trino-server/476/trino-server-476.tar.gz");
  static final Path JAVA_HOME = Path.of(System.getProperty("meshkit.trino.javaHome", "/usr/lib/jvm/temurin-25-jdk-amd64"));
  private static final Duration START_LIMIT = Duration.ofMinutes(3);

  private final Path home;
  private final Path etc;
  private final int port;
  /** How long the server took from launch to ready. */
  public final Duration startTime;

  private TrinoServer(Path home, Path etc, int port, Duration startTime) {
    this.home = home;
    this.etc = etc;
    this.port = port;
    this.startTime = startTime;
  }

  /** Skips the calling class (or fails it under meshkit.it.required) when Trino cannot be started here. */
  public static void require() {
    String missing = !Files.isRegularFile(TARBALL) ? "no " + TARBALL + " (mvn dependency:get"
        + " -Dartifact=io.trino:trino-server:476:tar.gz -Dtransitive=false)"
        : !Files.isExecutable(JAVA_HOME.resolve("bin/java")) ? "no Java 22+ at " + JAVA_HOME
            + " (set -Dmeshkit.trino.javaHome)" : null;
    if (missing == null) {
      return;
    }
    if (Boolean.getBoolean("meshkit.it.required")) {
      fail("Trino cannot start: " + missing + "; the integration suite requires it (meshkit.it.required=true)");
    }
    System.err.println("[meshkit-it] Trino cannot start: " + missing + ", Trino suite skipped");
    Assumptions.assumeTrue(false, "Trino cannot start: " + missing);
  }

  /**
   * Unpacks Trino (once), configures it in {@code work} from {@code export}, starts it and runs
   * {@code init.sql}.
   *
   * @param environment the values of the variables the exported catalogs reference
   */
  public static TrinoServer start(Path export, Path work, Map<String, String> environment) throws Exception {
    // Unpacked once into target/, about 1 GB, and reused by later runs until mvn clean.
    Path home = unpack(Path.of("target", "trino").toAbsolutePath());
    int port = freePort();
    Path etc = work.resolve("etc");
    Path data = work.resolve("data");
    Files.createDirectories(etc.resolve("catalog"));
    Files.createDirectories(data);
    Files.writeString(etc.resolve("node.properties"), "node.environment=test\nnode.id=meshkit-" + port
        + "\nnode.data-dir=" + data + "\nnode.internal-address=127.0.0.1\n");
    Files.writeString(etc.resolve("config.properties"), "coordinator=true\nnode-scheduler.include-coordinator=true\n"
        + "http-server.http.port=" + port + "\ndiscovery.uri=http://127.0.0.1:" + port + "\n"
        + "query.max-memory=1GB\nquery.max-memory-per-node=1GB\n");
    Files.writeString(etc.resolve("jvm.config"), String.join("\n", "-server", "-Xmx3G",
        "-XX:+ExplicitGCInvokesConcurrent", "-XX:+ExitOnOutOfMemoryError", "-XX:-OmitStackTraceInFastThrow",
        "-XX:ReservedCodeCacheSize=256M", "-Djdk.attach.allowAttachSelf=true", "-Dfile.encoding=UTF-8",
        "-XX:+EnableDynamicAgentLoading") + "\n");
    Files.writeString(etc.resolve("log.properties"), "io.trino=WARN\n");
    Files.copy(export.resolve("etc/access-control.properties"), etc.resolve("access-control.properties"));
    try (Stream<Path> catalogs = Files.list(export.resolve("etc/catalog"))) {
      for (Path catalog : catalogs.toList()) {
        Files.copy(catalog, etc.resolve("catalog").resolve(catalog.getFileName()));
      }
    }
    long started = System.nanoTime();
    launcher(home, etc, data, environment, "start");
    TrinoServer server = new TrinoServer(home, etc, port, Duration.ZERO);
    try {
      server.awaitReady(started);
      Duration startTime = Duration.ofNanos(System.nanoTime() - started);
      server = new TrinoServer(home, etc, port, startTime);
      server.runScript(export.resolve("init.sql"));
      return server;
    } catch (Exception | AssertionError e) {
      server.close();
      throw e;
    }
  }

  /** A connection as {@code user}, with the views' catalog as the default so {@code sales.orders} resolves. */
  public Connection connect(String user, String catalog) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    return DriverManager.getConnection("jdbc:trino://127.0.0.1:" + port + "/" + catalog, properties);
  }

  /** Runs a script whose statements end with a semicolon at the end of a line, as the views' owner. */
  private void runScript(Path script) throws Exception {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(script, StandardCharsets.UTF_8)) {
      if (current.isEmpty() && line.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (line.endsWith(";")) {
        statements.add(current.substring(0, current.lastIndexOf(";")));
        current.setLength(0);
      }
    }
    try (Connection admin = connect("meshkit", "system"); Statement statement = admin.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  private void awaitReady(long started) throws Exception {
    URI info = URI.create("http://127.0.0.1:" + port + "/v1/info");
    while (System.nanoTime() - started < START_LIMIT.toNanos()) {
      try {
        HttpURLConnection http = (HttpURLConnection) info.toURL().openConnection();
        http.setConnectTimeout(1000);
        http.setReadTimeout(1000);
        try (InputStream in = http.getInputStream()) {
          if (new String(in.readAllBytes(), StandardCharsets.UTF_8).contains("\"starting\":false")) {
            return;
          }
        }
      } catch (IOException notYet) {
        // the server is still starting
      }
      Thread.sleep(500);
    }
    Path log = etc.getParent().resolve("data/var/log/server.log");
    fail("Trino did not start within " + START_LIMIT.toSeconds() + " s; see " + log);
  }

  private static Path unpack(Path work) throws Exception {
    Path home = work.resolve("trino-server-476");
    if (!Files.isDirectory(home.resolve("bin"))) {
      Files.createDirectories(work);
      Process tar = new ProcessBuilder("tar", "xzf", TARBALL.toString(), "-C", work.toString())
          .redirectErrorStream(true).start();
      String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (tar.waitFor() != 0) {
        fail("could not unpack " + TARBALL + ": " + output);
      }
    }
    return home;
  }

  private static void launcher(Path home, Path etc, Path data, Map<String, String> environment, String command)
      throws Exception {
    ProcessBuilder launcher = new ProcessBuilder(home.resolve("bin/launcher").toString(), command,
        "--etc-dir=" + etc, "--data-dir=" + data).redirectErrorStream(true);
    launcher.environment().put("JAVA_HOME", JAVA_HOME.toString());
    launcher.environment().put("PATH", JAVA_HOME.resolve("bin") + ":" + System.getenv("PATH"));
    launcher.environment().putAll(environment);
    Process process = launcher.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0 && command.equals("start")) {
      fail("Trino's launcher failed: " + output);
    }
  }

  /**
   * Stops a server a killed run left in {@code dir} (it would hold its 3 GB and its port), then
   * deletes {@code dir} and everything in it, and creates it empty.
   */
  public static void clean(Path dir) throws Exception {
    Path home = Path.of("target", "trino", "trino-server-476").toAbsolutePath();
    if (Files.exists(dir) && Files.isDirectory(home.resolve("bin"))) {
      try (Stream<Path> files = Files.walk(dir, 5)) {
        for (Path pid : files.filter(f -> f.endsWith(Path.of("var", "run", "launcher.pid"))).toList()) {
          Path data = pid.getParent().getParent().getParent();
          launcher(home, data.resolveSibling("etc"), data, Map.of(), "stop");
        }
      }
    }
    if (Files.exists(dir)) {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
    }
    Files.createDirectories(dir);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    launcher(home, etc, etc.getParent().resolve("data"), Map.of(), "stop");
  }
}
