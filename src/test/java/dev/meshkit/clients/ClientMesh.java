package dev.meshkit.clients;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * The mesh the real-client suite connects to: {@code src/test/resources/clients/mesh.yaml}, the
 * example mesh with keys declared, reached embedded through {@code jdbc:meshkit:} and remotely
 * through {@code meshkit serve} in a JVM of its own. One server serves every class of the suite
 * (it starts with the first remote test and stops when the run ends), and its log is there to
 * assert on.
 *
 * <p>Every tool logs in as ann (analyst), whose demo password is in the descriptor as a hash.
 */
final class ClientMesh implements BeforeAllCallback {

  static final Path DESCRIPTOR = Path.of("src/test/resources/clients/mesh.yaml").toAbsolutePath();
  static final String USER = "ann";
  static final String PASSWORD = "ann-demo";

  /** How a tool reaches the mesh. */
  enum Via { EMBEDDED, REMOTE, STOCK_AVATICA }

  private static final Duration SERVER_START = Duration.ofSeconds(90);
  private static final Pattern PORT = Pattern.compile("JDBC URL: \\S*http://127\\.0\\.0\\.1:(\\d+)");
  private static final Namespace NAMESPACE = Namespace.create(ClientMesh.class);

  private ExtensionContext.Store store;

  @Override
  public void beforeAll(ExtensionContext context) {
    store = context.getRoot().getStore(NAMESPACE);
  }

  Target target(Via via) {
    return switch (via) {
      case EMBEDDED -> new Target("embedded", "jdbc:meshkit:" + DESCRIPTOR, USER, PASSWORD);
      case REMOTE -> remote(server().port);
      case STOCK_AVATICA -> stockAvatica(server().port);
    };
  }

  /**
   * Started by the first remote test, so that embedded tests do not depend on it; a server that
   * could not start fails every remote test with the reason, without trying again.
   */
  private Server server() {
    Server server = store.getOrComputeIfAbsent(Server.class, k -> Server.start(), Server.class);
    if (server.failure != null) {
      fail(server.failure);
    }
    return server;
  }

  /** meshkit's remote client driver, with the login a tool's connection dialog sends. */
  private static Target remote(int port) {
    return new Target("remote", "jdbc:meshkit:remote:http://127.0.0.1:" + port, USER, PASSWORD);
  }

  /** The stock Avatica 1.28 client: credentials reach HTTP Basic only as avatica_user/avatica_password. */
  private static Target stockAvatica(int port) {
    return new Target("stock Avatica client", "jdbc:avatica:remote:url=http://127.0.0.1:" + port
        + ";serialization=PROTOBUF;authentication=BASIC;avatica_user=" + USER + ";avatica_password=" + PASSWORD,
        USER, PASSWORD);
  }

  Connection connect(Via via) throws SQLException {
    Target target = target(via);
    return DriverManager.getConnection(target.url(), target.properties());
  }

  /** Where the server's log stands now; {@link #serverLogSince} reads what it logged after. */
  int serverLogMark() {
    return server().log().length();
  }

  String serverLogSince(int mark) {
    return server().log().substring(mark);
  }

  /** A JDBC URL with the login a tool's connection dialog would have. */
  record Target(String name, String url, String user, String password) {

    Properties properties() {
      Properties properties = new Properties();
      properties.setProperty("user", user);
      properties.setProperty("password", password);
      return properties;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** {@code meshkit serve} over the suite's descriptor on a free loopback port; JUnit closes it with the root store. */
  private static final class Server implements AutoCloseable {

    private static final Path OUT = ChildJvm.LOGS.resolve("meshkit-serve.out");
    private static final Path ERR = ChildJvm.LOGS.resolve("meshkit-serve.err");

    private final Process process;
    private final Thread stopAtExit;
    final int port;
    /** Why the server is not there, or null. */
    final String failure;

    private Server(Process process, int port, String failure) {
      this.process = process;
      this.port = port;
      this.failure = failure;
      // Should the test JVM end without closing the store, the server must not outlive it.
      this.stopAtExit = new Thread(process::destroy, "meshkit-serve-stop");
      Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    static Server start() {
      Process process;
      try {
        process = ChildJvm.start(OUT, ERR, "dev.meshkit.cli.MeshkitCommand",
            List.of("serve", DESCRIPTOR.toString(), "--port", "0"));
      } catch (IOException e) {
        return fail("cannot start meshkit serve: " + e, e);
      }
      try {
        long deadline = System.nanoTime() + SERVER_START.toNanos();
        while (System.nanoTime() < deadline) {
          Matcher port = PORT.matcher(ChildJvm.read(OUT));
          if (port.find()) {
            return new Server(process, Integer.parseInt(port.group(1)), null);
          }
          if (!process.isAlive()) {
            break;
          }
          TimeUnit.MILLISECONDS.sleep(100);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      String ended = process.isAlive() ? "printed no JDBC URL within " + SERVER_START.toSeconds() + " s"
          : "exited with code " + process.exitValue() + " before it served";
      return new Server(process, -1, "meshkit serve " + DESCRIPTOR + " " + ended
          + "\n--- stdout\n" + ChildJvm.read(OUT) + "\n--- stderr\n" + ChildJvm.read(ERR));
    }

    String log() {
      return ChildJvm.read(ERR);
    }

    @Override
    public void close() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
      Runtime.getRuntime().removeShutdownHook(stopAtExit);
    }
  }
}
