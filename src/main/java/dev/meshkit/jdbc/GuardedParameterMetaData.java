package dev.meshkit.jdbc;

import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.util.List;

/**
 * A prepared statement's parameter metadata. The engine's prepared statement is its own parameter
 * metadata, so handing that out would hand out the engine's statement, and its connection, with it.
 */
final class GuardedParameterMetaData implements ParameterMetaData {

  private final ParameterMetaData engine;

  GuardedParameterMetaData(ParameterMetaData engine) {
    this.engine = engine;
  }

  @Override
  public int getParameterCount() throws SQLException {
    try {
      return engine.getParameterCount();
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int isNullable(int param) throws SQLException {
    try {
      return engine.isNullable(param);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public boolean isSigned(int param) throws SQLException {
    try {
      return engine.isSigned(param);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getPrecision(int param) throws SQLException {
    try {
      return engine.getPrecision(param);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getScale(int param) throws SQLException {
    try {
      return engine.getScale(param);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getParameterType(int param) throws SQLException {
    try {
      return engine.getParameterType(param);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getParameterTypeName(int param) throws SQLException {
    try {
      return engine.getParameterTypeName(param);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public String getParameterClassName(int param) throws SQLException {
    try {
      return engine.getParameterClassName(param);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public int getParameterMode(int param) throws SQLException {
    try {
      return engine.getParameterMode(param);
    } catch (Throwable e) {
      throw failure(e);
    }
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return GuardedConnection.unwrap(this, iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  private static SQLException failure(Throwable e) {
    return Errors.translate(e, List.of());
  }
}
