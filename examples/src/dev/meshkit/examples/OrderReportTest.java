package dev.meshkit.examples;

import static dev.meshkit.testing.MeshAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshkit.Mesh;
import dev.meshkit.examples.OrderReport.Line;
import dev.meshkit.testing.MeshConnection;
import dev.meshkit.testing.MeshTest;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How an application tests its own code against a mesh: the descriptor on the test classpath
 * declares an in-memory H2 source and its seed files, and each test gets freshly seeded data.
 */
@MeshTest(descriptor = "order-report/mesh-test.yaml")
class OrderReportTest {

  Mesh mesh;

  @MeshConnection(user = "ann")
  Connection analyst;

  @Test
  void ranksCustomersByRevenue() throws SQLException {
    assertEquals(List.of(
            new Line("Priya Nair", 1, new BigDecimal("300.00")),
            new Line("Ana Lima", 1, new BigDecimal("120.00")),
            new Line("Kenji Sato", 2, new BigDecimal("100.00"))),
        new OrderReport(analyst).topCustomers(new BigDecimal("100")));
  }

  @Test
  void aRegionalManagerGetsTheReportForTheirRegionOnly(@MeshConnection(user = "raj") Connection manager)
      throws SQLException {
    assertEquals(List.of(new Line("Priya Nair", 1, new BigDecimal("300.00")),
            new Line("Kenji Sato", 2, new BigDecimal("100.00"))),
        new OrderReport(manager).topCustomers(BigDecimal.ZERO));
  }

  @Test
  void aRefundInTheSourceChangesTheReport() throws SQLException {
    // Written straight into the source; the next test starts from the seed files again.
    try (Connection erp = DriverManager.getConnection("jdbc:h2:mem:order_report_example", "sa", "");
         Statement s = erp.createStatement()) {
      s.execute("UPDATE orders SET amount = 0 WHERE id = 103");
    }
    assertEquals(List.of("Ana Lima", "Kenji Sato"),
        new OrderReport(analyst).topCustomers(new BigDecimal("100")).stream().map(Line::customer).toList());
  }

  @Test
  void governance() {
    assertThat(mesh).principal("ivy")
        .canRead("sales.customers")
        .cannotRead("sales.orders")
        .seesColumnMasked("sales.customers", "email");
    assertThat(mesh).principal("raj")
        .seesOnlyRows("sales.customers", "region = 'APAC'")
        .seesColumnMasked("sales.customers", "email");
    assertThat(mesh).principal("ann")
        .seesRowCount("sales.customers", 3)
        .seesColumnUnmasked("sales.customers", "email");
  }
}
