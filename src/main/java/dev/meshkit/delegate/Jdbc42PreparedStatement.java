package dev.meshkit.delegate;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLType;

/**
 * A prepared statement that binds java.time values and the other JDBC 4.2 mappings, which
 * Avatica's statements refuse, as the JDBC types they map to.
 */
public abstract class Jdbc42PreparedStatement<S extends PreparedStatement> extends DelegatingPreparedStatement<S> {

  protected Jdbc42PreparedStatement(S delegate) {
    super(delegate);
  }

  @Override
  public void setObject(int parameterIndex, Object x) throws SQLException {
    super.setObject(parameterIndex, Jdbc42.bindable(x));
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
    Object bound = Jdbc42.bindable(x, targetSqlType);
    if (Jdbc42.bindsByClass(bound, targetSqlType)) {
      super.setObject(parameterIndex, bound);
    } else {
      super.setObject(parameterIndex, bound, targetSqlType);
    }
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
    Object bound = Jdbc42.bindable(x, targetSqlType);
    if (Jdbc42.bindsByClass(bound, targetSqlType)) {
      super.setObject(parameterIndex, bound);
    } else {
      super.setObject(parameterIndex, bound, targetSqlType, scaleOrLength);
    }
  }

  @Override
  public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
    setObject(parameterIndex, x, Jdbc42.typeNumber(targetSqlType));
  }

  @Override
  public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
    setObject(parameterIndex, x, Jdbc42.typeNumber(targetSqlType), scaleOrLength);
  }
}
