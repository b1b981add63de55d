package dev.meshkit.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;

/**
 * The database servers the integration suite runs against, and the check each test class makes
 * in {@code @BeforeAll}: a server that is down skips the class, unless the CI script set
 * {@code meshkit.it.required=true}, in which case it fails it.
 */
public final class Servers {

  static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String PG_USER = "postgres";
  static final String MARIADB_URL = "jdbc:mariadb://127.0.0.1:3306/test";
  static final String MARIADB_USER = "root";

  private static final int CONNECT_TIMEOUT_MS = 2000;

  private Servers() {
  }

  public static void requirePostgres() {
    require("PostgreSQL", "127.0.0.1", 5432,
        "start it with `sudo service postgresql start` (trust auth for user postgres, database test)",
        Servers::postgres);
  }

  public static void requireMariaDb() {
    require("MariaDB", "127.0.0.1", 3306,
        "start it with `sudo service mariadb start` (user root, empty password, database test)",
        Servers::mariadb);
  }

  /** An administrative connection to PostgreSQL, outside the mesh. */
  static Connection postgres() throws SQLException {
    return DriverManager.getConnection(PG_URL + "?connectTimeout=2", PG_USER, "");
  }

  /** An administrative connection to MariaDB, outside the mesh. */
  static Connection mariadb() throws SQLException {
    return DriverManager.getConnection(MARIADB_URL + "?connectTimeout=2000", MARIADB_USER, "");
  }

  static void execute(Connection connection, String... statements) throws SQLException {
    try (Statement s = connection.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  private interface Opener {
    Connection open() throws SQLException;
  }

  private static void require(String server, String host, int port, String howToStart, Opener opener) {
    String problem = probe(host, port, opener);
    if (problem == null) {
      return;
    }
    String where = server + " not reachable at " + host + ":" + port + " (" + problem + ")";
    if (Boolean.getBoolean("meshkit.it.required")) {
      fail(where + "; the integration suite requires it (meshkit.it.required=true): " + howToStart);
    }
    String message = where + ", integration test skipped";
    System.err.println("[meshkit-it] " + message);
    Assumptions.assumeTrue(false, message);
  }

  /** Null when the server answers a real login; otherwise why not. */
  private static String probe(String host, int port, Opener opener) {
    try (Socket socket = new Socket()) {
      // A plain socket first: a dead port answers at once instead of after the driver's own timeouts.
      socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
    } catch (IOException e) {
      return e.getMessage();
    }
    try (Connection c = opener.open()) {
      return c.isValid(2) ? null : "connection not valid";
    } catch (SQLException e) {
      return e.getMessage();
    }
  }
}
