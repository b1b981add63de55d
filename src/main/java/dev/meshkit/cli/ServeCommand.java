package dev.meshkit.cli;

import dev.meshkit.Mesh;
import dev.meshkit.server.MeshServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Serves the mesh to remote JDBC clients over Avatica (HTTP, protobuf) until stopped with Ctrl-C.",
        "Clients log in with HTTP Basic as a principal whose 'password:' in the descriptor holds a hash made by "
            + "'meshkit hash-password'; the login decides what they see, whatever connection properties they send."},
    footer = {"", "Examples:",
        "  meshkit serve mesh.yaml --port 8765",
        "  MESHKIT_KEYSTORE_PASSWORD=secret meshkit serve mesh.yaml --bind 0.0.0.0 --keystore server.p12",
        "",
        "Clients connect with:",
        "  jdbc:avatica:remote:url=http://127.0.0.1:8765;serialization=PROTOBUF;authentication=BASIC;"
            + "avatica_user=ann;avatica_password=..."})
final class ServeCommand extends MeshCommand {

  /** Where the keystore password comes from: never an argument, which `ps` would show to everyone. */
  static final String KEYSTORE_PASSWORD_VARIABLE = "MESHKIT_KEYSTORE_PASSWORD";

  @Option(names = {"-p", "--port"}, paramLabel = "<port>", defaultValue = "8765",
      description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--bind", paramLabel = "<address>", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for all).")
  String bind;

  @Option(names = "--keystore", paramLabel = "<file>",
      description = "Serve HTTPS with this PKCS12 keystore; its password is read from $" + KEYSTORE_PASSWORD_VARIABLE
          + " or --keystore-password-file.")
  Path keystore;

  @Option(names = "--keystore-password-file", paramLabel = "<file>",
      description = "A file whose first line is the keystore's password (a mounted secret, for example).")
  Path keystorePasswordFile;

  @Option(names = "--max-connections", paramLabel = "<n>", defaultValue = "64",
      description = "Remote connections open at once; one more is refused (default: ${DEFAULT-VALUE}).")
  int maxConnections;

  @Option(names = "--max-connections-per-principal", paramLabel = "<n>", defaultValue = "16",
      description = "Remote connections one principal may have open at once (default: ${DEFAULT-VALUE}).")
  int maxConnectionsPerPrincipal;

  @Option(names = "--statement-timeout", paramLabel = "<duration>", defaultValue = "5m",
      converter = DurationConverter.class,
      description = "Longest a statement may run, e.g. 30s, 5m, 1h (default: ${DEFAULT-VALUE}).")
  Duration statementTimeout;

  @Option(names = "--idle-timeout", paramLabel = "<duration>", defaultValue = "10m",
      converter = DurationConverter.class,
      description = "Connections idle this long are closed and their sources released (default: ${DEFAULT-VALUE}).")
  Duration idleTimeout;

  @Option(names = "--no-watch",
      description = "Serve the version loaded at start until restarted. By default the server follows the"
          + " descriptor's files and serves each saved change once it is valid.")
  boolean noWatch;

  @Option(names = "--no-catalog",
      description = "Serve remote JDBC only. By default the web catalog (pages at /catalog/, JSON API at /api/v1/)"
          + " is served on the same port, to the same users.")
  boolean noCatalog;

  private final CountDownLatch stopped = new CountDownLatch(1);

  @Override
  public Integer call() throws IOException {
    if (idleTimeout.compareTo(statementTimeout) < 0) {
      throw usage("--idle-timeout (" + shortForm(idleTimeout) + ") is shorter than --statement-timeout ("
          + shortForm(statementTimeout) + "): a connection could expire while its statement runs");
    }
    char[] keystorePassword = keystorePassword();
    Mesh mesh = loadMesh(!noWatch);
    MeshServer server;
    try {
      MeshServer.Builder builder = MeshServer.builder(mesh).port(port).bindAddress(bind)
          .maxConnections(maxConnections).maxConnectionsPerPrincipal(maxConnectionsPerPrincipal)
          .statementTimeout(statementTimeout).idleTimeout(idleTimeout).webCatalog(!noCatalog);
      if (keystore != null) {
        builder.tls(keystore, keystorePassword);
      }
      server = builder.start();
    } catch (RuntimeException e) {
      mesh.close();
      throw e;
    }
    // Ctrl-C and SIGTERM close client connections and pools before the JVM goes.
    Thread hook = new Thread(() -> {
      server.close();
      awaitCleanup();
    }, "meshkit-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out().printf("Serving mesh '%s' from %s%s%n", mesh.name(), descriptor,
        noWatch ? "" : " (saved changes are served once valid; --no-watch turns this off)");
    out().printf("JDBC URL: %s%n", server.url());
    server.catalogUrl().ifPresent(catalog -> out().printf("Web catalog: %s%n", catalog));
    out().println("Clients log in with HTTP Basic (authentication=BASIC;avatica_user=...;avatica_password=...).");
    out().println("Press Ctrl-C to stop.");
    out().flush();
    try {
      server.awaitTermination();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      server.close();
      mesh.close();
      stopped.countDown();
      removeHook(hook);
    }
    out().println("Server stopped.");
    out().flush();
    return 0;
  }

  private char[] keystorePassword() throws IOException {
    if (keystore == null) {
      if (keystorePasswordFile != null) {
        throw usage("--keystore-password-file needs --keystore");
      }
      return null;
    }
    if (!Files.isRegularFile(keystore)) {
      throw usage("Keystore file not found: " + keystore);
    }
    String password;
    if (keystorePasswordFile != null) {
      if (!Files.isRegularFile(keystorePasswordFile)) {
        throw usage("Keystore password file not found: " + keystorePasswordFile);
      }
      password = Files.readAllLines(keystorePasswordFile).stream().findFirst().orElse("");
    } else {
      password = System.getenv(KEYSTORE_PASSWORD_VARIABLE);
    }
    if (password == null || password.isEmpty()) {
      throw usage("--keystore needs the keystore's password, in the environment variable " + KEYSTORE_PASSWORD_VARIABLE
          + " or the first line of --keystore-password-file");
    }
    return password.toCharArray();
  }

  /** PT1H30M as 1h30m, the way the options are written. */
  private static String shortForm(Duration d) {
    return d.toString().substring(2).toLowerCase(Locale.ROOT);
  }

  private void awaitCleanup() {
    try {
      stopped.await(15, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook is running: it waits for this cleanup, which has just finished.
    }
  }

  /** Durations as the descriptor writes them: 30s, 5m, 2h, 1d. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
      Matcher m = DURATION.matcher(value.trim());
      if (!m.matches()) {
        throw new TypeConversionException("'" + value + "' is not a duration such as 30s, 5m or 1h");
      }
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
  }
}
