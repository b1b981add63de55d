import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * A stock Avatica client application, run by ClientJarIT as a single source file in a JVM whose class
 * path is only Avatica's client jar and the jars docs/remote-client.md names for it.
 * Arguments: the server's jdbc:avatica:remote: URL, a user and the user's password.
 */
public class StockProbe {

  public static void main(String[] args) throws Exception {
    Class.forName("org.apache.calcite.avatica.remote.Driver");   // as tools load a driver they were told the class of
    String url = args[0] + ";authentication=BASIC;avatica_user=" + args[1] + ";avatica_password=" + args[2];
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement p = c.prepareStatement(
            "SELECT order_id, order_date, amount FROM sales.orders WHERE order_date >= ? ORDER BY order_id")) {
      p.setDate(1, Date.valueOf("2026-03-01"));
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          System.out.println("row " + rs.getInt(1) + " " + rs.getDate(2) + " " + rs.getBigDecimal(3));
        }
      }
    }
  }
}
