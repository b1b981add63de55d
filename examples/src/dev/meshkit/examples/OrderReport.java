package dev.meshkit.examples;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A small piece of "application" code: revenue per customer, read from the mesh over plain JDBC.
 * It knows nothing of meshkit; OrderReportTest gives it a mesh connection for a principal.
 */
public final class OrderReport {

  /** One line of the report. */
  public record Line(String customer, int orders, BigDecimal revenue) {
  }

  private final Connection connection;

  public OrderReport(Connection connection) {
    this.connection = connection;
  }

  /** Customers with at least {@code minimum} revenue, the biggest first. */
  public List<Line> topCustomers(BigDecimal minimum) throws SQLException {
    String sql = """
        SELECT c.name, COUNT(*) AS orders, SUM(o.amount) AS revenue
        FROM sales.customers c JOIN sales.orders o ON o.customer_id = c.id
        GROUP BY c.name
        HAVING SUM(o.amount) >= ?
        ORDER BY revenue DESC, c.name""";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setBigDecimal(1, minimum);
      List<Line> lines = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          lines.add(new Line(rs.getString(1), rs.getInt(2), rs.getBigDecimal(3)));
        }
      }
      return lines;
    }
  }
}
