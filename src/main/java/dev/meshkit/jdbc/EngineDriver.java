package dev.meshkit.jdbc;

import dev.meshkit.engine.MeshPrepare;
import dev.meshkit.engine.PlanCache;
import dev.meshkit.engine.ProductCompiler;
import dev.meshkit.engine.Session;
import dev.meshkit.engine.parallel.StatementWorkers;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.DriverVersion;
import org.apache.calcite.jdbc.CalciteFactory;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.Driver;
import dev.meshkit.source.MeshTypeFactory;

/**
 * Calcite's JDBC machinery, opened only by a mesh: never registered with {@code DriverManager},
 * so no URL or client property can choose a model, schema factory or planner.
 */
final class EngineDriver extends Driver {

  private static final String PREFIX = "jdbc:meshkit-engine:";

  private final PlanCache cache;
  private final StatementWorkers workers;

  EngineDriver(PlanCache cache, StatementWorkers workers) {
    this.cache = cache;
    this.workers = workers;
  }

  Connection connect(Session session) throws SQLException {
    Properties info = new Properties();
    info.putAll(ProductCompiler.CONNECTION_PROPERTIES);
    info.setProperty("user", session.principal().name());
    info.setProperty("metaTableFactory", MetaTables.class.getName() + "#TABLES");
    info.setProperty("metaColumnFactory", MetaTables.class.getName() + "#COLUMNS");
    AvaticaConnection connection = ((CalciteFactory) factory).newConnection(this, factory, PREFIX,
        new EngineProperties(info), session.root(), new MeshTypeFactory());
    return connection;
  }

  @Override
  public CalcitePrepare createPrepare() {
    return new MeshPrepare(cache, workers);
  }

  @Override
  protected String getConnectStringPrefix() {
    return PREFIX;
  }

  @Override
  protected DriverVersion createDriverVersion() {
    return new DriverVersion("meshkit", MeshVersion.VERSION, "meshkit", MeshVersion.VERSION, true,
        MeshVersion.MAJOR, MeshVersion.MINOR, MeshVersion.MAJOR, MeshVersion.MINOR);
  }
}
