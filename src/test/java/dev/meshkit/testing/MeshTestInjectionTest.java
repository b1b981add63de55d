package dev.meshkit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code @MeshTest} as an application uses it: the descriptor seeds schema and customers, the
 * annotation adds orders from a CSV file, and the mesh, connections and data sources arrive in fields and
 * parameters.
 */
@MeshTest(descriptor = "meshkit-testing/shop.yaml", seed = "meshkit-testing/orders.csv")
class MeshTestInjectionTest {

  static Mesh sharedMesh;

  Mesh mesh;

  @MeshConnection(user = "ann")
  Connection ann;

  @BeforeAll
  static void staticFieldsAreInjectedBeforeAll(Mesh parameter) {
    assertSame(sharedMesh, parameter);
  }

  @Test
  void fieldsReceiveTheMeshAndAConnectionForTheNamedPrincipal() throws SQLException {
    assertSame(sharedMesh, mesh);
    assertEquals("shop", mesh.name());
    assertEquals(List.of("1,Alice", "2,Bruno", "3,Chloe", "4,Dave"),
        rows(ann, "SELECT id, name FROM sales.customers ORDER BY id"));
  }

  @Test
  void parametersReceiveTheMeshAndConnectionsWithEachPrincipalsPolicies(
      Mesh parameter, @MeshConnection(user = "bert") Connection bert) throws SQLException {
    assertSame(mesh, parameter);
    // bert is a clerk in region US: the row filter and the phone mask apply to him, not to ann.
    assertEquals(List.of("2,Bruno,XXXXXXXXXXX0202", "4,Dave,XXXXXXXXXXX0404"),
        rows(bert, "SELECT id, name, phone FROM sales.customers ORDER BY id"));
    assertEquals(List.of("1,+44 20 7946 0101"), rows(ann, "SELECT id, phone FROM sales.customers WHERE id = 1"));
  }

  @Test
  void aDataSourceGivesConnectionsForItsPrincipalOnly(@MeshConnection(user = "bert") DataSource bertSource)
      throws SQLException {
    try (Connection first = bertSource.getConnection(); Connection second = bertSource.getConnection()) {
      assertNotSame(first, second);
      assertEquals(List.of("2"), rows(first, "SELECT COUNT(*) FROM sales.customers"));
      assertEquals(List.of("2"), rows(second, "SELECT COUNT(*) FROM sales.customers"));
    }
    SQLException e = assertThrows(SQLException.class, () -> bertSource.getConnection("ann", "secret"));
    assertEquals("this data source connects as principal bert only; declare another"
        + " @MeshConnection(user = \"...\") for another principal", e.getMessage());
  }

  @Test
  void csvSeedsAreTypedByTheTableColumnsAndEmptyFieldsAreNull() throws SQLException {
    try (Statement s = ann.createStatement();
         ResultSet rs = s.executeQuery("SELECT amount, placed, note FROM sales.orders ORDER BY id")) {
      assertTrue(rs.next());
      assertEquals(new BigDecimal("50.00"), rs.getBigDecimal(1));
      assertEquals(LocalDateTime.of(2024, 1, 2, 10, 15), rs.getTimestamp(2).toLocalDateTime());
      assertTrue(rs.next());
      assertEquals(LocalDateTime.of(2024, 2, 3, 11, 0), rs.getTimestamp(2).toLocalDateTime(), "ISO 'T' form");
      assertEquals("with, comma", rs.getString(3));
      assertTrue(rs.next());
      assertNull(rs.getString(3), "an empty field is NULL");
    }
    try (Statement s = ann.createStatement();
         ResultSet rs = s.executeQuery("SELECT vip, since FROM sales.customers ORDER BY id")) {
      assertTrue(rs.next());
      assertEquals(Boolean.TRUE, rs.getObject(1));
      assertEquals(LocalDate.of(2021, 3, 4), rs.getDate(2).toLocalDate());
      assertTrue(rs.next());
      assertEquals(Boolean.FALSE, rs.getObject(1));
      assertTrue(rs.next());
      assertNull(rs.getDate(2));
    }
  }

  static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          row.append(i > 1 ? "," : "").append(rs.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }
}
