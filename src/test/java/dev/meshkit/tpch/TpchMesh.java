package dev.meshkit.tpch;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The harness's only contact with meshkit: a JDBC connection through the {@code jdbc:meshkit:} driver,
 * so the harness builds and runs against any engine that registers it.
 */
final class TpchMesh {

  /** The principal the generated descriptor declares and grants every product. */
  static final String USER = "bench";

  private TpchMesh() {
  }

  static Connection connect(Path descriptor) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", USER);
    return DriverManager.getConnection("jdbc:meshkit:" + descriptor.toAbsolutePath(), properties);
  }
}
