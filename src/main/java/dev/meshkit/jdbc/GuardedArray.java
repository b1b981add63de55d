package dev.meshkit.jdbc;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.sql.Statement;
import java.util.Map;

/**
 * An array value a consumer reads. The engine's array makes its result sets with the engine's
 * statement, which leads to the engine's connection; these are guarded instead, and lead back to
 * the consumer's statement.
 */
final class GuardedArray implements Array {

  private final Array engine;
  /** The consumer's statement, or null for an array of a metadata result. */
  private final Statement statement;

  private GuardedArray(Array engine, Statement statement) {
    this.engine = engine;
    this.statement = statement;
  }

  /** The value to hand out for one the engine returned: arrays guarded, at any depth of a Java array. */
  static Object guard(Object value, Statement statement) {
    if (value instanceof Array array && !(value instanceof GuardedArray)) {
      return new GuardedArray(array, statement);
    }
    if (value instanceof Object[] elements) {
      // The engine builds a fresh Java array on each call, so it can be changed in place.
      for (int i = 0; i < elements.length; i++) {
        elements[i] = guard(elements[i], statement);
      }
    }
    return value;
  }

  /** {@code value} as {@code type}, once guarded: an engine type asked for by name is refused. */
  static <T> T guard(Object value, Class<T> type, Statement statement) throws SQLException {
    Object guarded = guard(value, statement);
    if (guarded != null && !type.isInstance(guarded)) {
      throw new SQLException("a meshkit value is not a " + type.getName(), "HY000");
    }
    return type.cast(guarded);
  }

  @Override
  public String getBaseTypeName() throws SQLException {
    try {
      return engine.getBaseTypeName();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getBaseType() throws SQLException {
    try {
      return engine.getBaseType();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public Object getArray() throws SQLException {
    try {
      return guard(engine.getArray(), statement);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public Object getArray(Map<String, Class<?>> map) throws SQLException {
    try {
      return guard(engine.getArray(map), statement);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public Object getArray(long index, int count) throws SQLException {
    try {
      return guard(engine.getArray(index, count), statement);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public Object getArray(long index, int count, Map<String, Class<?>> map) throws SQLException {
    try {
      return guard(engine.getArray(index, count, map), statement);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public ResultSet getResultSet() throws SQLException {
    try {
      return resultSet(engine.getResultSet());
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public ResultSet getResultSet(Map<String, Class<?>> map) throws SQLException {
    try {
      return resultSet(engine.getResultSet(map));
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public ResultSet getResultSet(long index, int count) throws SQLException {
    try {
      return resultSet(engine.getResultSet(index, count));
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public ResultSet getResultSet(long index, int count, Map<String, Class<?>> map) throws SQLException {
    try {
      return resultSet(engine.getResultSet(index, count, map));
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public void free() throws SQLException {
    try {
      engine.free();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String toString() {
    return engine.toString();
  }

  /** An array's elements as rows: no execution of their own to audit; the statement's covers them. */
  private ResultSet resultSet(ResultSet engineResultSet) {
    return engineResultSet == null ? null : new GuardedResultSet(engineResultSet, statement, null, List.of());
  }

  private static SQLException failure(Throwable e) {
    return Errors.translate(e, List.of());
  }
}
