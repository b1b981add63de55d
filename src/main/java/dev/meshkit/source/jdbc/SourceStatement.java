package dev.meshkit.source.jdbc;

import dev.meshkit.delegate.DelegatingStatement;
import dev.meshkit.source.PlannedStatements;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A source statement whose result sets report the SQL they came from. */
final class SourceStatement extends DelegatingStatement<Statement> {

  /** The view it was opened on, which closing a result set's statement's connection closes, not the pooled one. */
  private final SourceConnection connection;
  private final SourceDataSource dataSource;
  /** The text of the last execution. */
  private String sql;

  SourceStatement(Statement pooled, SourceConnection connection, SourceDataSource dataSource) {
    super(pooled);
    this.connection = connection;
    this.dataSource = dataSource;
  }

  @Override
  protected SQLException failure(Throwable e) {
    return dataSource.failed(e);
  }

  @Override
  protected <T> T execution(String sql, Call<T> call) throws SQLException {
    if (sql != null) {
      this.sql = sql;
      connection.ready(sql, PlannedStatements.of(sql));
    }
    return super.execution(sql, call);
  }

  @Override
  protected ResultSet resultSet(ResultSet resultSet) {
    return dataSource.resultSet(resultSet, sql, this);
  }

  @Override
  public Connection getConnection() {
    return connection;
  }
}
