import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Properties;

/**
 * A remote client application, run by ClientJarIT as a single source file in a JVM whose class path is
 * only the meshkit client jar and the jars docs/remote-client.md names: it prints what it reads.
 * Arguments: the jdbc:meshkit:remote: URL, a user and the user's password.
 */
public class ClientProbe {

  public static void main(String[] args) throws Exception {
    String url = args[0];
    Properties login = new Properties();
    login.setProperty("user", args[1]);
    login.setProperty("password", args[2]);
    System.out.println("driver " + DriverManager.getDriver(url).getClass().getName());
    try (Connection c = DriverManager.getConnection(url, login);
        PreparedStatement p = c.prepareStatement(
            "SELECT order_id, order_date, amount FROM sales.orders WHERE order_date >= ? ORDER BY order_id")) {
      p.setObject(1, LocalDate.of(2026, 3, 1));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          System.out.println("row " + rs.getObject(1, Integer.class) + " " + rs.getObject(2, LocalDate.class) + " "
              + rs.getObject(3, BigDecimal.class));
        }
      }
      System.out.println("typeMap " + c.getTypeMap());
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM sales.orders_v1")) {
        rs.next();
        SQLWarning warning = s.getWarnings();
        System.out.println("warning " + (warning == null ? null : warning.getSQLState()));
      }
    }
    try {
      DriverManager.getConnection(url, args[1], "not-" + args[2]).close();
      System.out.println("refused nothing");
    } catch (SQLException e) {
      System.out.println("refused " + e.getSQLState() + " " + e.getMessage());
    }
  }
}
