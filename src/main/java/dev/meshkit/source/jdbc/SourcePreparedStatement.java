package dev.meshkit.source.jdbc;

import dev.meshkit.delegate.DelegatingPreparedStatement;
import dev.meshkit.source.PlannedStatements;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * A prepared source statement. Calcite binds DATE, TIME and TIMESTAMP parameters in its internal
 * form (days, milliseconds of the day, local milliseconds) through setInt and setLong; the database
 * needs the JDBC types, which {@link PlannedStatements} tells, or for statements the planner did not
 * write, the parameter metadata.
 */
final class SourcePreparedStatement extends DelegatingPreparedStatement<PreparedStatement> {

  private final String sql;
  /** The view it was opened on, which closing a result set's statement's connection closes, not the pooled one. */
  private final SourceConnection connection;
  private final SourceDataSource dataSource;
  /** What the planner recorded of the statement, or null for one it did not write. */
  private final PlannedStatements.Facts planned;
  /** The parameters' SQL types, read once on the first setInt or setLong: some drivers ask the database. */
  private int[] parameterTypes;

  SourcePreparedStatement(PreparedStatement pooled, String sql, PlannedStatements.Facts planned,
      SourceConnection connection, SourceDataSource dataSource) {
    super(pooled);
    this.sql = sql;
    this.planned = planned;
    this.connection = connection;
    this.dataSource = dataSource;
  }

  @Override
  protected SQLException failure(Throwable e) {
    return dataSource.failed(e);
  }

  @Override
  protected ResultSet resultSet(ResultSet resultSet) {
    return dataSource.resultSet(resultSet, sql, this);
  }

  @Override
  public Connection getConnection() {
    return connection;
  }

  @Override
  public void setInt(int parameterIndex, int x) throws SQLException {
    if (!bindTemporal(parameterIndex, x)) {
      super.setInt(parameterIndex, x);
    }
  }

  @Override
  public void setLong(int parameterIndex, long x) throws SQLException {
    if (!bindTemporal(parameterIndex, x)) {
      super.setLong(parameterIndex, x);
    }
  }

  private boolean bindTemporal(int index, long value) throws SQLException {
    switch (parameterType(index)) {
      case Types.DATE -> setDate(index, Date.valueOf(LocalDate.ofEpochDay(value)));
      case Types.TIME -> setTime(index, Time.valueOf(LocalTime.ofNanoOfDay(value * 1_000_000L)));
      case Types.TIMESTAMP -> setTimestamp(index,
          Timestamp.valueOf(LocalDateTime.ofEpochSecond(Math.floorDiv(value, 1000L),
              (int) Math.floorMod(value, 1000L) * 1_000_000, ZoneOffset.UTC)));
      default -> {
        return false;
      }
    }
    return true;
  }

  /** The SQL type of a parameter, as the planner typed it or else as the driver tells, or {@link Types#OTHER}. */
  private int parameterType(int index) {
    if (planned != null) {
      return planned.parameterType(index);
    }
    if (parameterTypes == null) {
      parameterTypes = parameterTypes(delegate);
    }
    return index >= 1 && index <= parameterTypes.length ? parameterTypes[index - 1] : Types.OTHER;
  }

  private static int[] parameterTypes(PreparedStatement statement) {
    ParameterMetaData meta;
    int[] types;
    try {
      meta = statement.getParameterMetaData();
      types = new int[meta.getParameterCount()];
    } catch (SQLException e) {
      return new int[0];
    }
    for (int i = 0; i < types.length; i++) {
      try {
        types[i] = meta.getParameterType(i + 1);
      } catch (SQLException e) {
        types[i] = Types.OTHER;
      }
    }
    return types;
  }
}
