package dev.meshkit.plan;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;

/**
 * What a consumer holds: the engine's connection behind a guard that keeps the engine's internals
 * (root schema, planner hooks) out of reach and turns the engine's errors into sentences with an
 * SQLState, without the statement text and the pages of parser expectations Calcite adds.
 */
final class GuardedConnection {

  private GuardedConnection() {
  }

  static Connection wrap(Connection engine) {
    Connection[] self = new Connection[1];
    InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
      case "unwrap" -> unwrap(proxy, (Class<?>) args[0]);
      case "isWrapperFor" -> ((Class<?>) args[0]).isInstance(proxy);
      case "prepareCall" -> throw new SQLFeatureNotSupportedException("meshkit has no stored procedures", "0A000");
      default -> {
        Object result = call(engine, method, args);
        yield result instanceof Statement statement ? wrapStatement(statement, self[0]) : result;
      }
    };
    self[0] = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, handler);
    return self[0];
  }

  private static Statement wrapStatement(Statement statement, Connection connection) {
    Class<?> type = statement instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
    if (statement instanceof CallableStatement) {
      type = CallableStatement.class;
    }
    InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
      case "getConnection" -> connection;
      case "unwrap" -> unwrap(proxy, (Class<?>) args[0]);
      case "isWrapperFor" -> ((Class<?>) args[0]).isInstance(proxy);
      default -> call(statement, method, args);
    };
    return (Statement) Proxy.newProxyInstance(Statement.class.getClassLoader(), new Class<?>[] {type}, handler);
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
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof ReadOnlyException) {
        return new SQLException(t.getMessage(), "25006", error);
      }
      if (t instanceof ProductUnavailableException) {
        return new SQLException(t.getMessage(), "08001", error);
      }
      if (t instanceof ProductInvalidException) {
        return new SQLException(t.getMessage(), "42000", error);
      }
      if (t instanceof CalciteContextException) {
        return new SQLException(t.getMessage(), "42000", error);
      }
      if (t instanceof SqlParseException parse) {
        String message = parse.getMessage();
        int expecting = message.indexOf("\nWas expecting");
        return new SQLException("SQL does not parse: " + (expecting < 0 ? message : message.substring(0, expecting)).strip(),
            "42000", error);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return error;
  }
}
