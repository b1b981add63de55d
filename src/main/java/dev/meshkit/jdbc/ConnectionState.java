package dev.meshkit.jdbc;

import java.lang.ref.Cleaner;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one consumer connection holds open in the engine: an engine connection on the current
 * version of the mesh, engine connections on older versions that statements still use, and the open
 * statements, each with the execution whose result is still open. A new statement always starts on
 * the current version ({@link #link}); a version's engine connection closes with its last statement.
 * It refers to none of the consumer's objects, so that a connection dropped without being closed
 * becomes unreachable and the cleaner closes it here ({@link #run}); the mesh closes those still open
 * when it closes. Either way every open execution is audited with the rows read until then, and every
 * engine statement closes, which returns its source connections to their pools.
 */
final class ConnectionState implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionState.class);

  /** One thread for the whole library, named for thread dumps. */
  static final Cleaner CLEANER = Cleaner.create(task -> {
    Thread thread = new Thread(task, "meshkit-cleaner");
    thread.setDaemon(true);
    return thread;
  });

  /** Opens an engine connection on a version of the mesh, for this connection's principal. */
  interface Opener {
    Connection open(Binding binding) throws SQLException;
  }

  /** The engine connection on one version of the mesh, with the statements opened on it. */
  static final class Link {
    final Connection engine;
    final Binding binding;
    final Set<StatementState> statements = ConcurrentHashMap.newKeySet();
    /** Statements being created on it, not yet tracked: the link stays open for them. */
    private int opening;
    private boolean retired;
    private boolean closed;

    Link(Connection engine, Binding binding) {
      this.engine = engine;
      this.binding = binding;
    }
  }

  private final String principal;
  private final Opener opener;
  private final Supplier<Binding> current;
  /** The connector's open connections, which this one leaves when it closes. */
  private final Set<ConnectionState> registry;
  private volatile Link link;
  private final List<Link> retired = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  ConnectionState(String principal, Opener opener, Supplier<Binding> current, Set<ConnectionState> registry)
      throws SQLException {
    this.principal = principal;
    this.opener = opener;
    this.current = current;
    this.registry = registry;
    this.link = open(current.get());
    registry.add(this);
  }

  private Link open(Binding binding) throws SQLException {
    binding.acquire();
    try {
      return new Link(opener.open(binding), binding);
    } catch (SQLException | RuntimeException e) {
      binding.release();
      throw e;
    }
  }

  /** The engine connection of the current version, for what is not a statement (metadata, settings). */
  Connection engine() {
    return link.engine;
  }

  /**
   * The link a new statement starts on: the current version's, moved to first if the mesh changed
   * since. The caller creates its engine statement on it, then calls {@link #opened} or {@link #abandoned}.
   */
  synchronized Link link() throws SQLException {
    if (closed.get()) {
      throw new SQLException("the connection is closed", "08003");
    }
    rebindIfStale();
    link.opening++;
    return link;
  }

  /**
   * Moves to the current version if this connection is on an older one; the old engine connection
   * closes now if no statement uses it, else with its last statement. Called as each statement
   * starts and, for idle connections, when the mesh changes.
   */
  synchronized void rebindIfStale() throws SQLException {
    Binding now = current.get();
    if (closed.get() || link.binding == now) {
      return;
    }
    Link next = open(now);
    try {
      String schema = link.engine.getSchema();
      if (schema != null) {
        next.engine.setSchema(schema);
      }
    } catch (SQLException e) {
      LOG.debug("the default schema of a connection of '{}' did not carry over: {}", principal, e.getMessage());
    }
    Link old = link;
    link = next;
    old.retired = true;
    retired.add(old);
    closeIfUnused(old);
  }

  /** Tracks a statement just created on {@code on}, for its consumer's statement. */
  synchronized StatementState opened(Link on, Statement engineStatement) {
    on.opening--;
    StatementState statement = new StatementState(this, on, engineStatement);
    on.statements.add(statement);
    return statement;
  }

  /** A statement could not be created on {@code on}. */
  synchronized void abandoned(Link on) {
    on.opening--;
    closeIfUnused(on);
  }

  synchronized void closed(StatementState statement) {
    statement.link.statements.remove(statement);
    closeIfUnused(statement.link);
  }

  /** Closes an old version's engine connection once no statement uses it. */
  private void closeIfUnused(Link old) {
    if (old.retired && !old.closed && old.opening == 0 && old.statements.isEmpty()) {
      retired.remove(old);
      closeLink(old);
    }
  }

  private static SQLException closeLink(Link link) {
    if (link.closed) {
      return null;
    }
    link.closed = true;
    try {
      link.engine.close();
      return null;
    } catch (SQLException e) {
      return e;
    } finally {
      link.binding.release();
    }
  }

  /**
   * Closes every open statement, which ends its open execution, then the engine's connections
   * (Calcite's closes none of its statements itself). Tries them all and throws the first failure.
   */
  void close() throws SQLException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    registry.remove(this);
    List<Link> links;
    synchronized (this) {
      links = new ArrayList<>(retired);
      links.add(link);
      retired.clear();
    }
    SQLException failed = null;
    for (Link each : links) {
      for (StatementState statement : each.statements) {
        try {
          statement.closeEngine();
        } catch (SQLException e) {
          failed = first(failed, e);
        }
      }
      synchronized (this) {
        SQLException e = closeLink(each);
        if (e != null) {
          failed = first(failed, e);
        }
      }
    }
    if (failed != null) {
      throw failed;
    }
  }

  /** The cleaner's close, for a connection the consumer dropped without closing it. */
  @Override
  public void run() {
    if (!closed.get()) {
      LOG.warn("a connection of '{}' was dropped without being closed; meshkit closed it and audited its open results",
          principal);
      closeQuietly();
    }
  }

  /** Closes without throwing: for the cleaner and for the mesh closing. */
  void closeQuietly() {
    try {
      close();
    } catch (SQLException | RuntimeException e) {
      LOG.debug("closing a connection of '{}' failed: {}", principal, e.getMessage());
    }
  }

  private static SQLException first(SQLException failed, SQLException e) {
    if (failed == null) {
      return e;
    }
    failed.addSuppressed(e);
    return failed;
  }
}
