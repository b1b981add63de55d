package dev.meshkit.source.jdbc;

import dev.meshkit.delegate.DelegatingResultSet;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A source result set that counts its rows and reports them with its SQL once, when it closes. */
final class SourceResultSet extends DelegatingResultSet {

  private final SourceDataSource dataSource;
  private final String sql;
  /** Its statement as handed out, whose connection is the view that closing the statement's connection closes. */
  private final Statement statement;
  private long rows;
  private boolean reported;

  SourceResultSet(ResultSet pooled, SourceDataSource dataSource, String sql, Statement statement) {
    super(pooled);
    this.dataSource = dataSource;
    this.sql = sql;
    this.statement = statement;
  }

  @Override
  public Statement getStatement() {
    return statement;
  }

  @Override
  protected SQLException failure(Throwable e) {
    return dataSource.failed(e);
  }

  @Override
  public boolean next() throws SQLException {
    boolean more = super.next();
    if (more) {
      rows++;
    }
    return more;
  }

  @Override
  public void close() throws SQLException {
    super.close();
    if (!reported) {
      reported = true;
      dataSource.executed(sql, rows);
    }
  }
}
