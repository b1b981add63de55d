package dev.meshkit.server;

import dev.meshkit.Mesh;
import dev.meshkit.MeshException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.remote.Service.RpcMetadataResponse;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a mesh as a remote JDBC endpoint: Avatica's HTTP transport with protobuf serialization,
 * so a stock Avatica client connects with {@link #url()}. Every request must authenticate, and
 * the principal the {@link Authenticator} returns is the only identity its connections have:
 * policies, masks and audit apply to it exactly as to {@link Mesh#connect}.
 *
 * <pre>{@code
 * try (Mesh mesh = Mesh.fromYaml(Path.of("mesh.yaml"));
 *      MeshServer server = MeshServer.builder(mesh).port(8765).start()) {
 *   server.awaitTermination();
 * }
 * }</pre>
 *
 * Needs {@code org.apache.calcite.avatica:avatica-server} on the class path (an optional
 * dependency of meshkit). The mesh belongs to the caller: closing the server closes the remote
 * connections it opened, not the mesh.
 */
public final class MeshServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MeshServer.class);

  private final Server jetty;
  private final MeshMeta meta;
  private final FailedLogins failedLogins;
  private final ScheduledThreadPoolExecutor timer;
  private final String url;
  private final String catalogUrl;
  private final int port;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch terminated = new CountDownLatch(1);

  private MeshServer(Server jetty, MeshMeta meta, FailedLogins failedLogins, ScheduledThreadPoolExecutor timer,
      String url, String catalogUrl, int port) {
    this.jetty = jetty;
    this.meta = meta;
    this.failedLogins = failedLogins;
    this.timer = timer;
    this.url = url;
    this.catalogUrl = catalogUrl;
    this.port = port;
  }

  /** A builder for a server over {@code mesh}, by default on 127.0.0.1:8765 with the descriptor's users. */
  public static Builder builder(Mesh mesh) {
    return new Builder(Objects.requireNonNull(mesh, "mesh is null"));
  }

  /** The port the server listens on: the one asked for, or the one the system chose for port 0. */
  public int port() {
    return port;
  }

  /**
   * The JDBC URL for an Avatica client, e.g.
   * {@code jdbc:avatica:remote:url=http://127.0.0.1:8765;serialization=PROTOBUF}.
   */
  public String url() {
    return url;
  }

  /** The web catalog's address, such as {@code http://127.0.0.1:8765/catalog/}, when the server serves it. */
  public Optional<String> catalogUrl() {
    return Optional.ofNullable(catalogUrl);
  }

  /** Remote connections open now (idle ones count until the idle timeout closes them). */
  public int openConnections() {
    return meta.openConnections();
  }

  /**
   * Requests refused since the server started because the authenticator rejected the credentials
   * they carried; requests without credentials (a client's first, which gets the challenge) do not
   * count. Each failure is also logged at WARN with the user name and remote address, at most once
   * a minute per user and address.
   */
  public long failedLogins() {
    return failedLogins.count();
  }

  /**
   * Stops the server: it stops accepting requests, lets running ones finish for up to the
   * shutdown timeout, then closes every remote connection, which releases their statements and
   * source connections. Calling it again does nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      jetty.stop();
    } catch (Exception e) {
      LOG.warn("the HTTP server did not stop cleanly: {}", e.toString());
    } finally {
      meta.closeAll();
      timer.shutdownNow();
      terminated.countDown();
      LOG.info("meshkit server on {} stopped", url);
    }
  }

  /** Blocks until {@link #close()} has finished, for a process that only serves. */
  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }

  @Override
  public String toString() {
    return "MeshServer[" + url + (closed.get() ? ", closed" : "") + "]";
  }

  /**
   * Configures and starts a {@link MeshServer}. Each setter rejects a bad value at once;
   * {@link #start()} checks the keystore and the address.
   */
  public static final class Builder {
    private final Mesh mesh;
    private int port = 8765;
    private String bindAddress = "127.0.0.1";
    private Authenticator authenticator;
    private Path keystore;
    private char[] keystorePassword;
    private int maxConnections = 64;
    private int maxConnectionsPerPrincipal = 16;
    private Duration statementTimeout = Duration.ofMinutes(5);
    private Duration idleTimeout = Duration.ofMinutes(10);
    private Duration shutdownTimeout = Duration.ofSeconds(10);
    private boolean webCatalog;

    private Builder(Mesh mesh) {
      this.mesh = mesh;
    }

    /**
     * The TCP port, 8765 by default; 0 lets the system choose a free one (see {@link MeshServer#port()}).
     *
     * @throws IllegalArgumentException if not between 0 and 65535
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * The address to listen on. The default, 127.0.0.1, serves this machine only; use
     * {@code 0.0.0.0} to serve the network, preferably with {@link #tls}.
     *
     * @throws IllegalArgumentException if blank
     */
    public Builder bindAddress(String bindAddress) {
      Objects.requireNonNull(bindAddress, "bindAddress is null");
      if (bindAddress.isBlank()) {
        throw new IllegalArgumentException("bindAddress is blank");
      }
      this.bindAddress = bindAddress.strip();
      return this;
    }

    /** Who may connect; by default {@link Authenticator#descriptorUsers} of the mesh. */
    public Builder authenticator(Authenticator authenticator) {
      this.authenticator = Objects.requireNonNull(authenticator, "authenticator is null");
      return this;
    }

    /**
     * Serves HTTPS with the certificate and key in a PKCS12 keystore (for example one made with
     * {@code keytool -genkeypair -storetype PKCS12}). The password is copied.
     */
    public Builder tls(Path keystore, char[] keystorePassword) {
      this.keystore = Objects.requireNonNull(keystore, "keystore is null");
      this.keystorePassword = Objects.requireNonNull(keystorePassword, "keystorePassword is null").clone();
      return this;
    }

    /**
     * Remote connections open at once, 64 by default. One more is refused with an error naming
     * the limit; idle connections count until the idle timeout closes them.
     *
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxConnections(int maxConnections) {
      if (maxConnections < 1) {
        throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
      }
      this.maxConnections = maxConnections;
      return this;
    }

    /**
     * Remote connections one principal may have open at once, 16 by default (a quarter of the default
     * {@link #maxConnections}), so that one user cannot take every connection. One more is refused
     * with an error naming the limit; idle connections count until the idle timeout closes them.
     * The global limit still applies.
     *
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxConnectionsPerPrincipal(int maxConnectionsPerPrincipal) {
      if (maxConnectionsPerPrincipal < 1) {
        throw new IllegalArgumentException("maxConnectionsPerPrincipal must be at least 1: " + maxConnectionsPerPrincipal);
      }
      this.maxConnectionsPerPrincipal = maxConnectionsPerPrincipal;
      return this;
    }

    /**
     * How long the server works on one execution, its fetches included, before cancelling it;
     * 5 minutes by default. The cancel stops the query wherever it works: in the JVM's operators
     * and in the sources, whose statements are cancelled.
     *
     * @throws IllegalArgumentException if under one second
     */
    public Builder statementTimeout(Duration statementTimeout) {
      Objects.requireNonNull(statementTimeout, "statementTimeout is null");
      if (statementTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("statementTimeout must be at least 1 second: " + statementTimeout);
      }
      this.statementTimeout = statementTimeout;
      return this;
    }

    /**
     * How long a remote connection or statement may go unused before the server closes it and
     * releases its source connections, 10 minutes by default. This is what frees the resources of
     * a client that went away without closing.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder idleTimeout(Duration idleTimeout) {
      Objects.requireNonNull(idleTimeout, "idleTimeout is null");
      if (idleTimeout.isNegative() || idleTimeout.isZero()) {
        throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
      }
      this.idleTimeout = idleTimeout;
      return this;
    }

    /**
     * How long {@link MeshServer#close()} lets running requests finish, 10 seconds by default.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder shutdownTimeout(Duration shutdownTimeout) {
      Objects.requireNonNull(shutdownTimeout, "shutdownTimeout is null");
      if (shutdownTimeout.isNegative()) {
        throw new IllegalArgumentException("shutdownTimeout is negative: " + shutdownTimeout);
      }
      this.shutdownTimeout = shutdownTimeout;
      return this;
    }

    /**
     * Also serves the web catalog on the same port: pages at {@code /catalog/} and their JSON API at
     * {@code /api/v1/}, for the same users as the JDBC endpoint (see docs/catalog-web.md). Off by
     * default, so that an application embedding the server opens no pages it did not ask for;
     * {@code meshkit serve} turns it on. The pages' charts need {@code org.webjars.npm:echarts} on the
     * class path (an optional dependency of meshkit, like Avatica's server).
     */
    public Builder webCatalog(boolean webCatalog) {
      this.webCatalog = webCatalog;
      return this;
    }

    /**
     * Starts listening.
     *
     * @throws IllegalStateException if the idle timeout is shorter than the statement timeout
     * @throws MeshException if the keystore cannot be read or the address cannot be bound
     */
    public MeshServer start() {
      if (idleTimeout.compareTo(statementTimeout) < 0) {
        throw new IllegalStateException("idleTimeout (" + MeshMeta.describe(idleTimeout) + ") is shorter than"
            + " statementTimeout (" + MeshMeta.describe(statementTimeout) + "): a connection could expire while its"
            + " statement runs; raise idleTimeout or lower statementTimeout");
      }
      if (keystore != null) {
        checkKeystore();
      }
      ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "meshkit-server-timer");
        t.setDaemon(true);
        return t;
      });
      timer.setRemoveOnCancelPolicy(true);
      MeshMeta meta;
      try {
        meta = new MeshMeta(mesh, maxConnections, maxConnectionsPerPrincipal, statementTimeout, idleTimeout, timer);
      } catch (SQLException e) {
        timer.shutdownNow();
        throw new MeshException("MeshServer could not start: " + e.getMessage(), e);
      }
      LocalService service = new LocalService(meta.guarded());
      MeshProtobufHandler protobuf = new MeshProtobufHandler(service);
      Authenticator auth = authenticator != null ? authenticator : Authenticator.descriptorUsers(mesh);

      QueuedThreadPool threads = new QueuedThreadPool(200, 4);
      threads.setName("meshkit-server");
      threads.setDaemon(true);
      Server jetty = new Server(threads);
      HttpConfiguration http = new HttpConfiguration();
      http.setSendServerVersion(false);
      ServerConnector connector;
      if (keystore != null) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(keystore.toAbsolutePath().toString());
        ssl.setKeyStorePassword(new String(keystorePassword));
        ssl.setKeyStoreType("PKCS12");
        // Marks requests secure (the web catalog's Secure cookie and origin check); the host name check
        // stays off, as before, so clients reach the server by any name they already used.
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        connector = new ServerConnector(jetty, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
            new HttpConnectionFactory(http));
      } else {
        connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
      }
      connector.setHost(bindAddress);
      connector.setPort(port);
      jetty.addConnector(connector);
      StatisticsHandler graceful = new StatisticsHandler();   // lets stop() wait for running requests
      FailedLogins failedLogins = new FailedLogins();
      graceful.setHandler(new MeshHandler(auth, protobuf, failedLogins, new ControlEndpoint(meta), mesh,
          webCatalog));
      jetty.setHandler(graceful);
      jetty.setStopTimeout(shutdownTimeout.toMillis());
      jetty.setStopAtShutdown(false);
      try {
        jetty.start();
      } catch (Exception e) {
        timer.shutdownNow();
        try {
          jetty.stop();
        } catch (Exception ignored) {
          // Already failing; the start error is the one to report.
        }
        String where = bindAddress + ":" + port;
        throw new MeshException("MeshServer cannot listen on " + where + ": " + rootMessage(e)
            + " (is another server on that port? choose another with port(...), or 0 for any free port)", e);
      }
      int actual = connector.getLocalPort();
      String host = bindAddress.equals("0.0.0.0") || bindAddress.equals("::") ? "localhost"
          : bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
      String scheme = connector.getDefaultConnectionFactory() instanceof SslConnectionFactory ? "https" : "http";
      String url = "jdbc:avatica:remote:url=" + scheme + "://" + host + ":" + actual + ";serialization=PROTOBUF";
      RpcMetadataResponse metadata = new RpcMetadataResponse(host + ":" + actual);
      service.setRpcMetadata(metadata);
      protobuf.setRpcMetadata(metadata);
      long sweep = Math.max(50, Math.min(idleTimeout.toMillis() / 4, 30_000));
      timer.scheduleWithFixedDelay(meta::sweep, sweep, sweep, TimeUnit.MILLISECONDS);
      LOG.info("meshkit server for mesh '{}' listening on {}://{}:{}", mesh.name(), scheme, host, actual);
      String catalogUrl = webCatalog ? scheme + "://" + host + ":" + actual + "/catalog/" : null;
      if (catalogUrl != null) {
        LOG.info("web catalog of mesh '{}' on {}", mesh.name(), catalogUrl);
      }
      return new MeshServer(jetty, meta, failedLogins, timer, url, catalogUrl, actual);
    }

    private void checkKeystore() {
      if (!Files.isReadable(keystore)) {
        throw new MeshException("MeshServer keystore " + keystore + " does not exist or cannot be read");
      }
      try (InputStream in = Files.newInputStream(keystore)) {
        KeyStore.getInstance("PKCS12").load(in, keystorePassword);
      } catch (IOException | GeneralSecurityException e) {
        throw new MeshException("MeshServer cannot read keystore " + keystore + ": " + rootMessage(e)
            + " (it must be a PKCS12 file and the password must be the store's)");
      }
    }

    private static String rootMessage(Throwable e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
  }
}
