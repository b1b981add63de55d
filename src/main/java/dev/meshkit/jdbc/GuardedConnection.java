package dev.meshkit.jdbc;

import dev.meshkit.AuditEvent;
import dev.meshkit.Principal;
import dev.meshkit.engine.AccessDeniedException;
import dev.meshkit.engine.MeshPrepare;
import dev.meshkit.engine.PlanningScope;
import dev.meshkit.engine.PolicyException;
import dev.meshkit.engine.ProductInvalidException;
import dev.meshkit.engine.ProductRetiredException;
import dev.meshkit.engine.ProductUnavailableException;
import dev.meshkit.engine.ReadOnlyException;
import dev.meshkit.governance.AuditLog;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;

/**
 * What a consumer holds: the engine's connection behind a guard. It keeps the engine's internals
 * (root schema, planner hooks) out of reach, turns the engine's errors into sentences with an
 * SQLState, and emits one audit event per statement execution.
 */
final class GuardedConnection {

  private GuardedConnection() {
  }

  static Connection wrap(Connection engine, Principal principal, AuditLog audit) {
    Connection[] self = new Connection[1];
    // Each open statement (the engine's, and ours over it). Calcite's connection closes none of its
    // statements when it closes, so their result sets would keep their source connections forever.
    Map<Statement, Statement> open = new ConcurrentHashMap<>();
    InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
      case "unwrap" -> unwrap(proxy, (Class<?>) args[0]);
      case "isWrapperFor" -> ((Class<?>) args[0]).isInstance(proxy);
      case "prepareCall" -> throw new SQLFeatureNotSupportedException("meshkit has no stored procedures", "0A000");
      case "createStatement" ->
          new Guard(principal, audit, self[0], open, null).statement((Statement) call(engine, method, args));
      case "prepareStatement" -> {
        String sql = (String) args[0];
        Instant start = Instant.now();
        try {
          Statement prepared = (Statement) call(engine, method, args);
          yield new Guard(principal, audit, self[0], open, sql).prepared(prepared, MeshPrepare.takeReads());
        } catch (Throwable e) {
          new Execution(principal, audit, sql, MeshPrepare.takeReads(), start).fail(e);
          throw e;
        }
      }
      case "close" -> {
        SQLException failed = null;
        for (Statement statement : open.values()) {
          try {
            statement.close();
          } catch (SQLException e) {
            if (failed == null) {
              failed = e;
            } else {
              failed.addSuppressed(e);
            }
          }
        }
        call(engine, method, args);
        if (failed != null) {
          throw failed;
        }
        yield null;
      }
      default -> call(engine, method, args);
    };
    self[0] = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, handler);
    return self[0];
  }

  /** Wraps one statement: its executions are audited, its errors translated. */
  private record Guard(Principal principal, AuditLog audit, Connection connection, Map<Statement, Statement> open,
      String preparedSql) {

    Statement statement(Statement statement) {
      return wrap(statement, Statement.class, null);
    }

    Statement prepared(Statement statement, List<PlanningScope.ProductRead> reads) {
      return wrap(statement, PreparedStatement.class, reads);
    }

    private Statement wrap(Statement target, Class<?> type, List<PlanningScope.ProductRead> preparedReads) {
      Execution[] pending = new Execution[1];
      // Deprecation warnings of the last execution (or of the preparation), ahead of the engine's own.
      AtomicReference<List<String>> warnings =
          new AtomicReference<>(preparedReads == null ? List.of() : warnings(preparedReads));
      Executions executions = new Executions();
      InvocationHandler handler = (proxy, method, args) -> {
        String name = method.getName();
        switch (name) {
          case "getConnection":
            return connection;
          case "close":
            open.remove(target);
            // Never under a running execution (say from another thread): Calcite would drop the result
            // set that execution is opening, and nothing would return its source connection to the pool.
            // The executing thread closes the statement once the engine returns.
            return executions.close() ? call(target, method, args) : null;
          case "isClosed":
            return executions.closed() || target.isClosed();
          case "getWarnings":
            return chain(warnings.get(), (SQLWarning) call(target, method, args));
          case "clearWarnings":
            warnings.set(List.of());
            return call(target, method, args);
          case "unwrap":
            return unwrap(proxy, (Class<?>) args[0]);
          case "isWrapperFor":
            return ((Class<?>) args[0]).isInstance(proxy);
          default:
            break;
        }
        if (!name.startsWith("execute")) {
          Object result = call(target, method, args);
          if (result instanceof ResultSet rs && pending[0] != null) {
            Execution execution = pending[0];
            pending[0] = null;
            return execution.track(rs);
          }
          return result;
        }
        if (!executions.start()) {
          throw new SQLException("the statement is closed", "HY010");
        }
        String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : preparedSql;
        Instant start = Instant.now();
        warnings.set(List.of());
        Object result;
        try {
          result = call(target, method, args);
        } catch (Throwable e) {
          if (executions.end()) {
            target.close();
          }
          new Execution(principal, audit, sql, preparedReads != null ? preparedReads : MeshPrepare.takeReads(), start)
              .fail(e);
          throw e;
        }
        List<PlanningScope.ProductRead> reads = preparedReads != null ? preparedReads : MeshPrepare.takeReads();
        warnings.set(warnings(reads));
        Execution execution = new Execution(principal, audit, sql, reads, start);
        if (executions.end()) {
          target.close(); // closes the result set this execution opened
          SQLException closed = new SQLException("the statement was closed while it executed", "HY008");
          execution.fail(closed);
          throw closed;
        }
        if (result instanceof ResultSet rs) {
          return execution.track(rs);
        }
        if (Boolean.TRUE.equals(result)) {
          pending[0] = execution; // the rows come through getResultSet, which counts them
          return result;
        }
        execution.finish(0);
        return result;
      };
      Statement proxy = (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {type},
          handler);
      open.put(target, proxy);
      return proxy;
    }
  }

  /** A statement's executions in flight, and whether it was closed: a close during one is left to the last to end. */
  private static final class Executions {
    private int running;
    private boolean closed;

    /** Starts an execution, unless the statement is closed. */
    synchronized boolean start() {
      if (!closed) {
        running++;
      }
      return !closed;
    }

    /** Ends an execution: true when the statement was closed during it and the caller is to close it now. */
    synchronized boolean end() {
      return --running == 0 && closed;
    }

    /** Marks the statement closed: true when no execution runs and the caller is to close it now. */
    synchronized boolean close() {
      closed = true;
      return running == 0;
    }

    synchronized boolean closed() {
      return closed;
    }
  }

  /** The warnings a statement carries for what it reads. */
  private static List<String> warnings(List<PlanningScope.ProductRead> reads) {
    return reads.stream().map(PlanningScope.ProductRead::warning).filter(Objects::nonNull).toList();
  }

  /** A fresh chain on every call, so that callers cannot link the engine's warnings into ours twice. */
  private static SQLWarning chain(List<String> messages, SQLWarning engine) {
    SQLWarning first = null;
    for (String message : messages) {
      SQLWarning warning = new SQLWarning(message, "01000");
      if (first == null) {
        first = warning;
      } else {
        first.setNextWarning(warning);
      }
    }
    if (first == null) {
      return engine;
    }
    if (engine != null) {
      first.setNextWarning(engine);
    }
    return first;
  }

  /** One execution of a statement, reported once: when its rows are all read or closed, or when it fails. */
  private static final class Execution {
    private final Principal principal;
    private final AuditLog audit;
    private final String sql;
    private final List<PlanningScope.ProductRead> reads;
    private final Instant start;
    private final AtomicBoolean reported = new AtomicBoolean();

    Execution(Principal principal, AuditLog audit, String sql, List<PlanningScope.ProductRead> reads, Instant start) {
      this.principal = principal;
      this.audit = audit;
      this.sql = sql;
      this.reads = reads;
      this.start = start;
    }

    ResultSet track(ResultSet rs) {
      long[] rows = {0};
      InvocationHandler handler = (proxy, method, args) -> {
        Object result;
        try {
          result = call(rs, method, args);
        } catch (Throwable e) {
          fail(e);
          throw e;
        }
        switch (method.getName()) {
          case "next" -> {
            if (Boolean.TRUE.equals(result)) {
              rows[0]++;
            } else {
              finish(rows[0]);
            }
          }
          case "close" -> finish(rows[0]);
          default -> { }
        }
        return result;
      };
      return (ResultSet) Proxy.newProxyInstance(ResultSet.class.getClassLoader(), new Class<?>[] {ResultSet.class},
          handler);
    }

    void fail(Throwable error) {
      AccessDeniedException denied = find(error, AccessDeniedException.class);
      AuditEvent.Builder event = event(denied != null ? AuditEvent.Decision.DENIED : AuditEvent.Decision.FAILED)
          .error(error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage());
      if (denied != null) {
        event.product(new AuditEvent.ProductAccess(denied.product, List.of(), List.of(), Map.of()));
        if (denied.policy != null) {
          event.decidingPolicy(denied.policy);
        }
      }
      report(event);
    }

    void finish(long rows) {
      report(event(AuditEvent.Decision.ALLOWED).rowsReturned(rows));
    }

    private AuditEvent.Builder event(AuditEvent.Decision decision) {
      AuditEvent.Builder event = AuditEvent.builder().time(start).principal(principal).roles(principal.roles())
          .sql(sql == null ? "" : sql).decision(decision)
          .duration(Duration.between(start, Instant.now()));
      String granted = null;
      for (PlanningScope.ProductRead read : reads) {
        event.product(new AuditEvent.ProductAccess(read.product(), read.columns(), read.rowFilters(), read.masks()));
        if (read.warning() != null) {
          event.warning(read.warning());
        }
        granted = granted == null ? read.grantedBy() : granted;
      }
      if (decision == AuditEvent.Decision.ALLOWED && granted != null) {
        event.decidingPolicy(granted);
      }
      return event;
    }

    private void report(AuditEvent.Builder event) {
      if (reported.compareAndSet(false, true)) {
        audit.record(event.build());
      }
    }
  }

  private static <T extends Throwable> T find(Throwable error, Class<T> type) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static Object unwrap(Object proxy, Class<?> type) throws SQLException {
    if (type.isInstance(proxy)) {
      return proxy;
    }
    throw new SQLException("a meshkit connection is not a " + type.getName(), "HY000");
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw translate(e.getCause());
    }
  }

  /** The engine's exception as a user should read it: our message where we have one, and an SQLState. */
  static Throwable translate(Throwable error) {
    if (!(error instanceof SQLException) && !(error instanceof RuntimeException)) {
      return error;
    }
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String state = null;
      if (t instanceof AccessDeniedException || t instanceof ReadOnlyException) {
        state = "42501";
      } else if (t instanceof ProductUnavailableException) {
        state = "08001";
      } else if (t instanceof PolicyException || t instanceof ProductInvalidException
          || t instanceof ProductRetiredException || t instanceof CalciteContextException) {
        state = "42000";
      }
      if (state != null) {
        return new SQLException(t.getMessage(), state, error);
      }
      if (t instanceof SqlParseException parse) {
        String message = parse.getMessage();
        int expecting = message.indexOf("\nWas expecting");
        return new SQLException("SQL does not parse: " + (expecting < 0 ? message : message.substring(0, expecting)).strip(),
            "42000", error);
      }
    }
    return error instanceof SQLException ? error : new SQLException(error.getMessage(), "HY000", error);
  }
}
