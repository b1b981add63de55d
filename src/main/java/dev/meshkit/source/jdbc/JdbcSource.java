package dev.meshkit.source.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.meshkit.source.MeshTypeSystem;
import dev.meshkit.source.Source;
import dev.meshkit.source.SourceConfigException;
import dev.meshkit.source.SourceContext;
import dev.meshkit.source.SourceUnavailableException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.adapter.jdbc.JdbcTable;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelProtoDataType;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlDialectFactoryImpl;
import org.apache.calcite.sql.SqlDialects;
import org.apache.calcite.sql.dialect.H2SqlDialect;
import org.apache.calcite.sql.dialect.MysqlSqlDialect;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.type.SqlTypeFactoryImpl;

/**
 * A database reached through a HikariCP pool. Tables, column types, row-count estimates and
 * primary keys are discovered once, on the first successful call to {@link #tables()}; the
 * one Calcite {@link JdbcConvention} per source is what lets joins between its tables run
 * inside the database as a single statement.
 */
final class JdbcSource implements Source {

  private static final RelDataTypeFactory TYPE_FACTORY = new SqlTypeFactoryImpl(MeshTypeSystem.INSTANCE);

  /** How long planning waits for a table's key bounds before it plans without splitting the table. */
  private static final int BOUNDS_TIMEOUT_SECONDS = 2;

  /** How long a failed discovery is trusted before the source is tried again. */
  private static final long RETRY_INTERVAL_NANOS = 1_000_000_000L;

  private final String name;
  private final SourceContext context;
  private final JdbcSourceConfig config;
  private final HikariDataSource pool;
  private final SourceDataSource dataSource;
  private final RuntimeHandle runtime = new RuntimeHandle();
  /** Holds a seeded in-memory database open for the source's life, whatever the pool does. */
  private final Connection keeper;
  private volatile Map<String, Table> tables;
  private SourceUnavailableException lastFailure;
  private long failedAt;

  JdbcSource(String name, SourceContext context, JdbcSourceConfig config) {
    this.name = name;
    this.context = context;
    this.config = config;
    this.keeper = config.seeds().isEmpty() ? null : seed(config, context.baseDir());
    this.pool = new HikariDataSource(config.hikari());
    this.dataSource = new SourceDataSource(pool, pool.getMaximumPoolSize(), config.sharesConnections(),
        !pool.isAutoCommit(), config.fetchSize(), context.domain(), name, context.listener());
  }

  @Override
  public Map<String, Table> tables() {
    Map<String, Table> known = tables;
    if (known != null) {
      return known;
    }
    synchronized (this) {
      if (tables != null) {
        return tables;
      }
      // While a source is down, answer at once instead of waiting on the pool's timeout each time.
      if (lastFailure != null && System.nanoTime() - failedAt < RETRY_INTERVAL_NANOS) {
        throw new SourceUnavailableException(lastFailure.summary(), lastFailure.reason(), lastFailure.getCause());
      }
      try {
        tables = discover();
        lastFailure = null;
        return tables;
      } catch (SourceUnavailableException e) {
        lastFailure = e;
        failedAt = System.nanoTime();
        throw e;
      }
    }
  }

  RelDataTypeFactory typeFactory() {
    return TYPE_FACTORY;
  }

  /**
   * Statements of one query this source runs at once on connections of their own: the pool less
   * the query's shared connection where its statements share one, half the pool where each takes
   * its own ({@link SourceDataSource}).
   */
  int parallelConnections() {
    int size = pool.getMaximumPoolSize();
    return config.sharesConnections() ? size - 1 : size / 2;
  }

  /**
   * The least and greatest values of a column, read on a connection the pool has idle, with a
   * timeout of {@link #BOUNDS_TIMEOUT_SECONDS}; null where there is none, the table is empty or
   * the read fails. A split only balances its ranges by them, so any failure just means no split.
   */
  BigDecimal[] bounds(JdbcTable table, String column) {
    HikariPoolMXBean state = pool.getHikariPoolMXBean();
    if (state == null || state.getIdleConnections() == 0 && state.getTotalConnections() >= pool.getMaximumPoolSize()) {
      return null; // taking one would wait for a query's
    }
    SqlDialect dialect = table.jdbcSchema.dialect;
    String quoted = dialect.quoteIdentifier(column);
    String sql = "SELECT MIN(" + quoted + "), MAX(" + quoted + ") FROM " + table.tableName().toSqlString(dialect).getSql();
    try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(BOUNDS_TIMEOUT_SECONDS);
      try (ResultSet rs = statement.executeQuery(sql)) {
        BigDecimal[] bounds = rs.next() ? new BigDecimal[] {rs.getBigDecimal(1), rs.getBigDecimal(2)} : null;
        if (!connection.getAutoCommit()) {
          connection.rollback();
        }
        return bounds == null || bounds[0] == null || bounds[1] == null ? null : bounds;
      } finally {
        // H2 keeps a statement's timeout as its session's: the pooled connection must not keep it.
        statement.setQueryTimeout(0);
      }
    } catch (SQLException | RuntimeException e) {
      return null;
    }
  }

  @Override
  public Schema runtimeSchema() {
    return runtime;
  }

  @Override
  public void close() {
    pool.close();
    if (keeper != null) {
      try {
        keeper.close();
      } catch (SQLException e) {
        // The in-memory database goes with the JVM anyway; nothing is left to release.
      }
    }
  }

  /**
   * Seeds an in-memory H2 database at load, unless it already has tables (another mesh on the same
   * database, or the test fixtures that seeded it first). Being in-process, it cannot be unreachable,
   * so contacting it here does not break the rule that opening a source never waits on a server.
   */
  private static Connection seed(JdbcSourceConfig config, Path baseDir) {
    String url = config.hikari().getJdbcUrl();
    Connection connection = null;
    try {
      // The same driver properties as the pool: settings such as MODE take effect when H2 creates the database.
      Properties properties = new Properties();
      properties.putAll(config.hikari().getDataSourceProperties());
      if (config.hikari().getUsername() != null) {
        properties.setProperty("user", config.hikari().getUsername());
      }
      if (config.hikari().getPassword() != null) {
        properties.setProperty("password", config.hikari().getPassword());
      }
      connection = DriverManager.getConnection(url, properties);
      if (Seeds.isEmpty(connection)) {
        for (Path file : config.seeds()) {
          Seeds.run(connection, file, baseDir.relativize(file).toString().replace('\\', '/'));
        }
      }
      return connection;
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new SourceConfigException("cannot open the in-memory database to seed it: "
          + rootMessage(e));
    } catch (RuntimeException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // Already failing with a better message.
      }
    }
  }

  /**
   * Reads the source's tables. Calcite's schema lists them through connections of its own, so no
   * pool connection is held meanwhile: a pool of one would wait on itself.
   */
  private Map<String, Table> discover() {
    try {
      SqlDialect dialect;
      String catalog;
      String schemaName;
      List<String> names;
      Map<String, String> patterns = new LinkedHashMap<>();
      try (Connection connection = pool.getConnection()) {
        DatabaseMetaData meta = connection.getMetaData();
        dialect = dialect(meta);
        catalog = config.catalog() != null ? config.catalog() : connection.getCatalog();
        schemaName = config.schema() != null ? config.schema() : emptyToNull(connection.getSchema());
        JdbcMetadata metadata = new JdbcMetadata(connection, meta, catalog, schemaName);
        names = metadata.tableNames();
        names.forEach(name -> patterns.put(name, metadata.pattern(name)));
      }
      JdbcConvention convention =
          new SourceConvention(dialect, context.runtimeExpression(), context.domain() + "." + name);
      JdbcSchema schema = new JdbcSchema(dataSource, dialect, convention, config.catalog(), config.schema());
      runtime.schema = schema;
      Map<String, JdbcTable> jdbcTables = new LinkedHashMap<>();
      for (String tableName : names) {
        JdbcTable jdbcTable = (JdbcTable) schema.tables().get(patterns.get(tableName));
        if (jdbcTable != null && jdbcTable.jdbcTableName.equals(tableName)) {
          jdbcTables.put(tableName, jdbcTable);
        }
      }
      Map<String, Table> found = new LinkedHashMap<>();
      try (Connection connection = pool.getConnection()) {
        JdbcMetadata metadata = new JdbcMetadata(connection, connection.getMetaData(), catalog, schemaName);
        for (Map.Entry<String, JdbcTable> table : jdbcTables.entrySet()) {
          String tableName = table.getKey();
          RelProtoDataType rowType = metadata.rowType(tableName);
          List<String> columns = rowType.apply(TYPE_FACTORY).getFieldNames();
          found.put(tableName, new SourceTable(table.getValue(), rowType,
              metadata.rowCount(tableName), metadata.primaryKey(tableName, columns), this));
        }
      }
      return Collections.unmodifiableMap(found);
    } catch (SQLException | RuntimeException e) {
      throw new SourceUnavailableException("source '" + name + "' of domain '" + context.domain()
          + "' cannot be reached", rootMessage(e), e);
    }
  }

  /**
   * Calcite's factory knows MySQL but not MariaDB, whose product name would get the generic dialect
   * and with it {@code NULLS FIRST} and {@code FETCH NEXT}, which MariaDB rejects. Both get
   * {@link MysqlDialect}; H2 gets {@link H2Dialect} and PostgreSQL {@link PostgresDialect}. They
   * write casts to DECIMAL with meshkit's 38 digits ({@link MeshTypeSystem#withDecimals}).
   */
  static SqlDialect dialect(DatabaseMetaData meta) throws SQLException {
    String product = meta.getDatabaseProductName();
    if ("mariadb".equalsIgnoreCase(product) || "mysql".equalsIgnoreCase(product)) {
      return new MysqlDialect(decimals(MysqlSqlDialect.DEFAULT_CONTEXT
          .withDatabaseVersion(meta.getDatabaseProductVersion())
          .withDatabaseMajorVersion(meta.getDatabaseMajorVersion())
          .withDatabaseMinorVersion(meta.getDatabaseMinorVersion())),
          "mariadb".equalsIgnoreCase(product) ? "utf8mb4_nopad_bin"
              : meta.getDatabaseMajorVersion() >= 8 ? "utf8mb4_0900_bin" : "utf8mb4_bin");
    }
    SqlDialect dialect = SqlDialectFactoryImpl.INSTANCE.create(meta);
    if (dialect instanceof H2SqlDialect) {
      // H2 sorts NULL first ascending (Calcite's context says last), so NULLS FIRST/LAST is written where
      // meshkit's order, NULL after every value ascending, or an explicit one differs from it.
      return new H2Dialect(decimals(H2SqlDialect.DEFAULT_CONTEXT.withNullCollation(NullCollation.LOW)));
    }
    if (dialect instanceof PostgresqlSqlDialect) {
      return new PostgresDialect(decimals(SqlDialects.createContext(meta)
          .withDataTypeSystem(PostgresqlSqlDialect.POSTGRESQL_TYPE_SYSTEM)));
    }
    return dialect;
  }

  private static SqlDialect.Context decimals(SqlDialect.Context context) {
    return context.withDataTypeSystem(MeshTypeSystem.withDecimals(context.dataTypeSystem()));
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** The driver's own words, which is what an operator needs; never our stack. */
  static String rootMessage(Throwable e) {
    Throwable t = e;
    List<String> messages = new ArrayList<>();
    while (t != null) {
      if (t.getMessage() != null && !messages.contains(t.getMessage())) {
        messages.add(t.getMessage());
      }
      t = t.getCause() == t ? null : t.getCause();
    }
    return messages.isEmpty() ? e.getClass().getSimpleName() : messages.get(messages.size() - 1);
  }

  /** What generated code finds at run time: the pooled, instrumented data source. */
  final class RuntimeHandle extends AbstractSchema implements org.apache.calcite.schema.Wrapper {
    volatile JdbcSchema schema;

    @Override
    public <T> T unwrap(Class<T> clazz) {
      if (clazz == DataSource.class) {
        return clazz.cast(dataSource);
      }
      if (clazz == JdbcSchema.class && schema != null) {
        return clazz.cast(schema);
      }
      return clazz.isInstance(this) ? clazz.cast(this) : null;
    }

    @Override
    public String toString() {
      return "source " + context.domain() + "." + name;
    }
  }
}
