package dev.meshkit.server;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.jdbc.StatementInfo;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.ProtobufMeta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of remote connections: Avatica's {@link JdbcMeta} (which keeps connections and
 * statements by id and expires idle ones) over connections from {@link Mesh#connect} for the
 * authenticated caller. {@link #guarded()} wraps it so that every call is checked in one place:
 * a connection or statement is usable only by the user who opened it, and executions are held
 * to the statement timeout.
 */
final class MeshMeta extends JdbcMeta {

  private static final Logger LOG = LoggerFactory.getLogger(MeshServer.class);
  private static final Logger ERRORS = LoggerFactory.getLogger("meshkit.errors");

  /** The principal of the request being served on this thread, set by {@link MeshHandler}. */
  static final ThreadLocal<Principal> CALLER = new ThreadLocal<>();
  /** The statement the mesh connection created during the current call, to learn its id's statement. */
  private static final ThreadLocal<Statement> CREATED = new ThreadLocal<>();

  private final Mesh mesh;
  private final int maxConnections;
  private final int maxConnectionsPerPrincipal;
  private final Duration statementTimeout;
  private final ScheduledExecutorService timer;
  /** Opening, sweeping and closing take it, so an owner entry and its connection change together. */
  private final Object lock = new Object();
  /** Connection id to the name of the user who opened it. */
  private final Map<String, String> owners = new ConcurrentHashMap<>();
  private final Map<Integer, Tracked> statements = new ConcurrentHashMap<>();
  /**
   * Connections and statements with a call running, and how many. The caches expire entries by
   * their last access, which a long execution does not renew; closing a statement in the middle of
   * its execution would strand its source connection, so the sweep renews these first.
   */
  private final Map<String, Integer> busyConnections = new ConcurrentHashMap<>();
  private final Map<Integer, Integer> busyStatements = new ConcurrentHashMap<>();

  /**
   * A statement id's connection and its mesh statement (null for metadata results). The timeout
   * counts the time the server works on an execution and its fetches, not the client's pauses
   * between fetches: idle clients are the idle timeout's business.
   */
  private static final class Tracked {
    final String connectionId;
    final Statement statement;
    volatile long used;
    volatile long deadline = Long.MAX_VALUE;

    Tracked(String connectionId, Statement statement) {
      this.connectionId = connectionId;
      this.statement = statement;
    }
  }

  MeshMeta(Mesh mesh, int maxConnections, int maxConnectionsPerPrincipal, Duration statementTimeout,
      Duration idleTimeout, ScheduledExecutorService timer) throws SQLException {
    super("jdbc:meshkit:server", cacheSettings(idleTimeout, maxConnections));
    this.mesh = mesh;
    this.maxConnections = maxConnections;
    this.maxConnectionsPerPrincipal = maxConnectionsPerPrincipal;
    this.statementTimeout = statementTimeout;
    this.timer = timer;
  }

  private static Properties cacheSettings(Duration idleTimeout, int maxConnections) {
    Properties settings = new Properties();
    String millis = String.valueOf(idleTimeout.toMillis());
    settings.setProperty(ConnectionCacheSettings.EXPIRY_DURATION.key(), millis);
    settings.setProperty(ConnectionCacheSettings.EXPIRY_UNIT.key(), TimeUnit.MILLISECONDS.name());
    // Above the limit we refuse with a sentence; the cache must never evict a live connection itself.
    settings.setProperty(ConnectionCacheSettings.MAX_CAPACITY.key(), String.valueOf(maxConnections * 2L + 16));
    settings.setProperty(StatementCacheSettings.EXPIRY_DURATION.key(), millis);
    settings.setProperty(StatementCacheSettings.EXPIRY_UNIT.key(), TimeUnit.MILLISECONDS.name());
    return settings;
  }

  /** This meta behind the ownership and timeout checks; the only view the Avatica service gets. */
  Meta guarded() {
    return (Meta) Proxy.newProxyInstance(MeshMeta.class.getClassLoader(), new Class<?>[] {ProtobufMeta.class},
        (proxy, method, args) -> call(method, args));
  }

  @Override
  public void openConnection(ConnectionHandle ch, Map<String, String> clientInfo) {
    Principal caller = caller();
    if (clientInfo != null && !clientInfo.isEmpty()) {
      // Identity and engine settings come from the server alone; the names are logged, never values.
      LOG.debug("ignored connection properties {} sent by '{}'", clientInfo.keySet(), caller.name());
    }
    synchronized (lock) {
      String owner = owners.get(ch.id);
      if (owner != null && !owner.equals(caller.name())) {
        throw refusedConnection(ch.id, caller);
      }
      getConnectionCache().cleanUp();
      if (getConnectionCache().size() >= maxConnections) {
        LOG.warn("refused a connection for '{}': {} connections are open, the limit", caller.name(), maxConnections);
        throw new AvaticaRuntimeException("The server already has " + maxConnections
            + " open connections, its limit (maxConnections); close idle connections or try again later",
            0, "08004", AvaticaSeverity.ERROR);
      }
      owners.keySet().removeIf(id -> !getConnectionCache().asMap().containsKey(id));
      long own = owners.values().stream().filter(caller.name()::equals).count();
      if (owner == null && own >= maxConnectionsPerPrincipal) {
        LOG.warn("refused a connection for '{}': it has {} connections open, the limit per principal", caller.name(),
            own);
        throw new AvaticaRuntimeException("User '" + caller.name() + "' already has " + own + " open connection"
            + (own == 1 ? "," : "s,") + " the limit per principal (maxConnectionsPerPrincipal); close idle connections or try again later",
            0, "08004", AvaticaSeverity.ERROR);
      }
      owners.put(ch.id, caller.name());
      try {
        super.openConnection(ch, Map.of());
      } catch (RuntimeException e) {
        if (!getConnectionCache().asMap().containsKey(ch.id)) {
          owners.remove(ch.id);
        }
        throw e;
      }
    }
  }

  @Override
  protected Connection createConnection(String url, Properties ignored) throws SQLException {
    Connection connection = mesh.connect(caller());
    // The watchdog in call() cancels a statement at its deadline, which stops its sources too.
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> {
          Object result = invoke(connection, method, args);
          if (result instanceof Statement statement && method.getName().matches("createStatement|prepareStatement")) {
            CREATED.set(statement);
          }
          return result;
        });
  }

  private Object call(Method method, Object[] args) throws Throwable {
    Principal caller = caller();
    String name = method.getName();
    StatementHandle sh = find(args, StatementHandle.class);
    ConnectionHandle ch = find(args, ConnectionHandle.class);
    if (ch != null && !name.equals("openConnection")) {
      checkOwner(ch.id, caller);
    }
    Tracked tracked = null;
    if (sh != null) {
      checkOwner(sh.connectionId, caller);
      // Fetches touch only the statement cache; a client reading a long result is not idle.
      getConnectionCache().getIfPresent(sh.connectionId);
      tracked = statements.get(sh.id);
      if (tracked == null || !tracked.connectionId.equals(sh.connectionId)) {
        if (name.equals("closeStatement")) {
          return null;
        }
        throw unknownStatement(method, sh);
      }
    }
    boolean timed = tracked != null && name.matches("prepareAndExecute|execute|fetch|syncResults");
    ScheduledFuture<?> watchdog = null;
    long start = System.nanoTime();
    if (timed) {
      if (!name.equals("fetch") && !name.equals("syncResults")) {
        tracked.used = 0;
      } else if (tracked.used >= statementTimeout.toNanos()) {
        throw timedOut(tracked);
      }
      Tracked running = tracked;
      tracked.deadline = start + statementTimeout.toNanos() - tracked.used;
      watchdog = timer.schedule(() -> cancel(running), tracked.deadline - start, TimeUnit.NANOSECONDS);
    }
    String busyConnection = sh != null ? sh.connectionId : ch != null ? ch.id : null;
    if (busyConnection != null) {
      busyConnections.merge(busyConnection, 1, Integer::sum);
    }
    if (sh != null) {
      busyStatements.merge(sh.id, 1, Integer::sum);
    }
    try {
      Object result = invoke(this, method, args);
      record(result);
      if (name.equals("closeStatement")) {
        statements.remove(sh.id);
      } else if (name.equals("closeConnection")) {
        owners.remove(ch.id);
        statements.values().removeIf(t -> t.connectionId.equals(ch.id));
      }
      return result;
    } catch (Error e) {
      throw e;
    } catch (RuntimeException e) {
      throw timed && System.nanoTime() - tracked.deadline >= 0 ? timedOut(tracked) : translate(e);
    } catch (Exception e) {
      throw timed && System.nanoTime() - tracked.deadline >= 0 ? timedOut(tracked) : e;
    } finally {
      if (watchdog != null) {
        watchdog.cancel(false);
        tracked.used += System.nanoTime() - start;
      }
      CREATED.remove();
      if (busyConnection != null) {
        busyConnections.computeIfPresent(busyConnection, (id, n) -> n == 1 ? null : n - 1);
      }
      if (sh != null) {
        busyStatements.computeIfPresent(sh.id, (id, n) -> n == 1 ? null : n - 1);
      }
    }
  }

  /** Remembers which connection a new statement id belongs to. */
  private void record(Object result) {
    if (result instanceof StatementHandle h) {
      statements.put(h.id, new Tracked(h.connectionId, CREATED.get()));
    } else if (result instanceof MetaResultSet rs) {
      statements.putIfAbsent(rs.statementId, new Tracked(rs.connectionId, null));
    }
  }

  private void checkOwner(String connectionId, Principal caller) {
    String owner = owners.get(connectionId);
    // No owner: no such connection either, and JdbcMeta answers that (clients then reconnect).
    if (owner != null && !owner.equals(caller.name())) {
      throw refusedConnection(connectionId, caller);
    }
  }

  /**
   * The mesh statement behind a statement id, for the control endpoint: only the user who opened its
   * connection gets it; anyone else is refused with 28000, and the attempt logged.
   *
   * @throws SQLException 08003 for a connection that is not open, HY010 for a statement that is not
   *     open on it (or one without a mesh statement: a metadata result), 28000 for another user's
   */
  Statement statementOf(Principal caller, String connectionId, int statementId) throws SQLException {
    checkControl(caller, connectionId);
    Tracked tracked = statements.get(statementId);
    if (tracked == null || !tracked.connectionId.equals(connectionId) || tracked.statement == null) {
      throw new SQLException("Statement " + statementId + " is not open on connection " + connectionId, "HY010");
    }
    return tracked.statement;
  }

  /** The open result set of a statement id, or null; checked as {@link #statementOf}. */
  ResultSet resultSetOf(Principal caller, String connectionId, int statementId) throws SQLException {
    statementOf(caller, connectionId, statementId);
    StatementInfo info = getStatementCache().getIfPresent(statementId);
    return info == null ? null : info.getResultSet();
  }

  /** The mesh connection's metadata, for the caller who opened it only. */
  DatabaseMetaData metaDataOf(Principal caller, String connectionId) throws SQLException {
    checkControl(caller, connectionId);
    return getConnection(connectionId).getMetaData();
  }

  private void checkControl(Principal caller, String connectionId) throws SQLException {
    String owner = owners.get(connectionId);
    if (owner == null) {
      throw new SQLException("Connection " + connectionId + " is not open on this server", "08003");
    }
    if (!owner.equals(caller.name())) {
      AvaticaRuntimeException refused = refusedConnection(connectionId, caller);
      throw new SQLException(refused.getErrorMessage(), refused.getSqlState());
    }
  }

  private static AvaticaRuntimeException refusedConnection(String connectionId, Principal caller) {
    LOG.warn("refused '{}' the use of connection {}, which another user opened", caller.name(), connectionId);
    return new AvaticaRuntimeException("Connection " + connectionId + " belongs to another user; a connection"
        + " can only be used by the user who opened it", 0, "28000", AvaticaSeverity.ERROR);
  }

  private static Exception unknownStatement(Method method, StatementHandle sh) {
    if (Arrays.asList(method.getExceptionTypes()).contains(NoSuchStatementException.class)) {
      return new NoSuchStatementException(sh);
    }
    return new AvaticaRuntimeException("Statement " + sh.id + " is not open on connection " + sh.connectionId,
        0, "HY010", AvaticaSeverity.ERROR);
  }

  /**
   * Closes a statement that ran out of time, so its source connections go back to their pools now
   * rather than when the client closes it; a cancelled statement cannot run again anyway.
   */
  private AvaticaRuntimeException timedOut(Tracked tracked) {
    if (tracked.statement != null) {
      try {
        tracked.statement.close();
      } catch (SQLException | RuntimeException e) {
        LOG.debug("could not close a statement that ran past the timeout: {}", e.getMessage());
      }
    }
    return new AvaticaRuntimeException("Statement cancelled: it ran longer than the server's statement timeout of "
        + describe(statementTimeout) + " (statementTimeout)", 0, "57014", AvaticaSeverity.ERROR);
  }

  private static void cancel(Tracked tracked) {
    if (tracked.statement != null) {
      try {
        tracked.statement.cancel();
      } catch (SQLException | RuntimeException e) {
        LOG.debug("could not cancel a statement that ran past the timeout: {}", e.getMessage());
      }
    }
  }

  /**
   * The mesh's own sentence and SQLState reach the client, not a Java causal chain: the connection's
   * SQLException is already that sentence. Anything else failed in the server itself and is
   * reported as such, in the meshkit.errors log at DEBUG with its text.
   */
  private static RuntimeException translate(RuntimeException e) {
    if (e instanceof AvaticaRuntimeException || e instanceof NoSuchConnectionException) {
      return e;
    }
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException sql) {
        return new AvaticaRuntimeException(sql.getMessage(), sql.getErrorCode(),
            sql.getSQLState() != null ? sql.getSQLState() : "HY000", AvaticaSeverity.ERROR);
      }
    }
    ERRORS.debug("the server failed on a call", e);
    return new AvaticaRuntimeException("the server could not answer the request (SQLState HY000)", 0, "HY000",
        AvaticaSeverity.ERROR);
  }

  private static Principal caller() {
    Principal caller = CALLER.get();
    if (caller == null) {
      throw new IllegalStateException("no authenticated principal for this request");
    }
    return caller;
  }

  private static <T> T find(Object[] args, Class<T> type) {
    if (args != null) {
      for (Object arg : args) {
        if (type.isInstance(arg)) {
          return type.cast(arg);
        }
      }
    }
    return null;
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  static String describe(Duration d) {
    return d.toMillis() % 1000 != 0 ? d.toMillis() + " ms"
        : d.toSeconds() % 60 != 0 || d.toSeconds() < 60 ? d.toSeconds() + " s" : d.toMinutes() + " min";
  }

  /** Closes expired connections and statements now, rather than on the caches' next use. */
  void sweep() {
    synchronized (lock) {
      busyStatements.keySet().forEach(id -> getStatementCache().getIfPresent(id));
      busyConnections.keySet().forEach(id -> getConnectionCache().getIfPresent(id));
      getStatementCache().cleanUp();
      getConnectionCache().cleanUp();
      owners.keySet().removeIf(id -> !getConnectionCache().asMap().containsKey(id));
      statements.keySet().removeIf(id -> !getStatementCache().asMap().containsKey(id));
    }
  }

  int openConnections() {
    synchronized (lock) {
      getConnectionCache().cleanUp();
      return (int) getConnectionCache().size();
    }
  }

  /** Closes every statement and connection, which releases their source connections. */
  void closeAll() {
    synchronized (lock) {
      getStatementCache().invalidateAll();
      getConnectionCache().invalidateAll();
      getStatementCache().cleanUp();
      getConnectionCache().cleanUp();
      owners.clear();
      statements.clear();
    }
  }
}
