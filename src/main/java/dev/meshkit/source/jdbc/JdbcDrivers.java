package dev.meshkit.source.jdbc;

import dev.meshkit.source.SourceConfigException;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.stream.Collectors;

/**
 * Finds the JDBC driver of a source's URL when the source opens, without contacting the database.
 * A missing driver is a mistake in the deployment, not a source that is down: it fails the load
 * instead of leaving the source to be retried. Messages show the URL's scheme only, since the rest
 * of a URL may hold a password.
 */
final class JdbcDrivers {

  private static final String HINT = "add the driver's jar to the application's class path,"
      + " or to MESHKIT_CLASSPATH for the meshkit launcher";

  private JdbcDrivers() {
  }

  /**
   * @param driverClass the {@code driver} setting, or null to let {@link DriverManager} choose
   * @throws SourceConfigException if no driver accepts the URL, or the named class is missing, is
   *     no driver or does not accept the URL
   */
  static void check(String url, String driverClass) {
    if (driverClass == null) {
      try {
        DriverManager.getDriver(url);
      } catch (SQLException e) {
        throw new SourceConfigException("no JDBC driver on the class path accepts URLs that start with '"
            + scheme(url) + "' (drivers on the class path: " + registered() + "; if the URL is right, " + HINT + ")");
      }
      return;
    }
    Driver driver = load(driverClass);
    boolean accepts;
    try {
      accepts = driver.acceptsURL(url);
    } catch (SQLException e) {
      accepts = false;
    }
    if (!accepts) {
      throw new SourceConfigException("driver class '" + driverClass + "' does not accept URLs that start with '"
          + scheme(url) + "' (check setting 'url', or leave out setting 'driver' to let the URL choose)");
    }
  }

  /** Loaded as HikariCP loads it: from the thread's class loader, else from the one that loaded meshkit. */
  private static Driver load(String driverClass) {
    Class<?> type = null;
    for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
        JdbcDrivers.class.getClassLoader()}) {
      if (type == null && loader != null) {
        try {
          type = Class.forName(driverClass, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
          // Try the next loader; none at all is reported below.
        }
      }
    }
    if (type == null) {
      throw new SourceConfigException("driver class '" + driverClass + "' is not on the class path (" + HINT + ")");
    }
    if (!Driver.class.isAssignableFrom(type)) {
      throw new SourceConfigException("class '" + driverClass + "' of setting 'driver' is not a JDBC driver"
          + " (it does not implement java.sql.Driver)");
    }
    try {
      return (Driver) type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new SourceConfigException("driver class '" + driverClass + "' cannot be created: "
          + JdbcSource.rootMessage(e));
    }
  }

  /**
   * The URL's scheme, {@code jdbc:oracle:} of {@code jdbc:oracle:thin:@host:1521/db}: which driver it
   * needs, and nothing after it, where a host, a database or a password may be.
   */
  static String scheme(String url) {
    int end = "jdbc:".length();
    while (end < url.length() && (Character.isLetterOrDigit(url.charAt(end)) || "-_.".indexOf(url.charAt(end)) >= 0)) {
      end++;
    }
    return end < url.length() && url.charAt(end) == ':' ? url.substring(0, end + 1) : url.substring(0, end);
  }

  private static String registered() {
    String names = DriverManager.drivers().map(d -> d.getClass().getName()).distinct().sorted()
        .collect(Collectors.joining(", "));
    return names.isEmpty() ? "none" : names;
  }
}
