package dev.meshkit.jdbc;

import static dev.meshkit.MeshTesting.assertNoStackTrace;
import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.rows;
import static dev.meshkit.MeshTesting.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jdbc:meshkit:<descriptor>} with a declared principal as user. */
class MeshDriverTest {

  static String url;

  @TempDir
  Path dir;

  private Path descriptor;

  @BeforeAll
  static void database() throws SQLException {
    url = h2("driver_sales",
        "CREATE TABLE orders(id INT PRIMARY KEY, amount DECIMAL(10,2))",
        "INSERT INTO orders VALUES (1, 5.00), (2, 70.00)");
  }

  @BeforeEach
  void writeDescriptor() {
    descriptor = write(dir.resolve("mesh.yaml"), yaml("- {name: orders, sql: SELECT * FROM erp.orders}"));
  }

  @AfterEach
  void release() {
    MeshDriver.release(descriptor);
  }

  private static String yaml(String products) {
    return """
        name: acme
        domains:
          - name: sales
            sources:
              - {name: erp, type: jdbc, url: "%s", user: sa}
            products:
        %s
        principals:
          - {name: ann, roles: [analyst]}
        policies:
          - {name: analysts-read-everything, grant: {products: ["*"], roles: [analyst]}}
        """.formatted(url, products.indent(6).stripTrailing());
  }

  private Connection connect(String user) throws SQLException {
    return DriverManager.getConnection("jdbc:meshkit:" + descriptor, user, "");
  }

  @Test
  void connectsAsADeclaredPrincipal() throws SQLException {
    try (Connection c = connect("ann")) {
      assertEquals(List.of("1,5.00", "2,70.00"), rows(c, "SELECT id, amount FROM sales.orders ORDER BY id"));
    }
  }

  @Test
  void connectionsToOneDescriptorShareTheLoadedMesh() throws Exception {
    try (Connection first = connect("ann")) {
      assertEquals(List.of("2"), rows(first, "SELECT COUNT(*) FROM sales.orders"));
    }
    // Neither a changed nor a missing descriptor is noticed: the mesh loaded first is reused.
    write(descriptor, yaml("- {name: renamed, sql: SELECT * FROM erp.orders}"));
    try (Connection second = connect("ann")) {
      assertEquals(List.of("2"), rows(second, "SELECT COUNT(*) FROM sales.orders"));
    }
    Files.delete(descriptor);
    try (Connection third = connect("ann")) {
      assertEquals(List.of("2"), rows(third, "SELECT COUNT(*) FROM sales.orders"));
    }
  }

  @Test
  void theSameDescriptorThroughAnotherPathIsTheSameMesh() throws Exception {
    try (Connection first = connect("ann")) {
      assertEquals(List.of("2"), rows(first, "SELECT COUNT(*) FROM sales.orders"));
    }
    Files.delete(descriptor);
    Path roundabout = dir.resolve("sub").resolve("..").resolve("mesh.yaml");
    try (Connection again = DriverManager.getConnection("jdbc:meshkit:" + roundabout, "ann", "")) {
      assertEquals(List.of("2"), rows(again, "SELECT COUNT(*) FROM sales.orders"));
    }
  }

  @Test
  void releaseMakesTheNextConnectionReadTheDescriptorAgain() throws SQLException {
    try (Connection c = connect("ann")) {
      assertEquals(List.of("2"), rows(c, "SELECT COUNT(*) FROM sales.orders"));
    }
    write(descriptor, yaml("- {name: renamed, sql: SELECT * FROM erp.orders}"));
    MeshDriver.release(descriptor);
    try (Connection c = connect("ann")) {
      assertEquals(List.of("2"), rows(c, "SELECT COUNT(*) FROM sales.renamed"));
      SQLException e = assertThrows(SQLException.class, () -> rows(c, "SELECT * FROM sales.orders"));
      assertTrue(e.getMessage().contains("Object 'orders' not found within 'sales'"), e.getMessage());
    }
  }

  @Test
  void unknownUserIsRefusedWith28000() {
    SQLException e = assertThrows(SQLException.class, () -> connect("mallory").close());
    assertEquals("28000", e.getSQLState());
    assertEquals("unknown user 'mallory' for mesh acme", e.getMessage());
  }

  @Test
  void missingUserIsRefusedWith28000() {
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:meshkit:" + descriptor, new Properties()).close());
    assertEquals("28000", e.getSQLState());
    assertTrue(e.getMessage().contains("'user'"), e.getMessage());
    SQLException blank = assertThrows(SQLException.class, () -> connect(" ").close());
    assertEquals("28000", blank.getSQLState());
  }

  @Test
  void missingDescriptorIsNamed() {
    Path missing = dir.resolve("nowhere.yaml");
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:meshkit:" + missing, "ann", "").close());
    assertEquals(missing + ": no such file", e.getMessage());
    assertEquals("08001", e.getSQLState());
  }

  @Test
  void invalidDescriptorIsReportedWithItsProblemsAndNotKept() throws SQLException {
    write(descriptor, yaml("- {name: orders, sql: SELECT * FROM erp.nope}"));
    SQLException e = assertThrows(SQLException.class, () -> connect("ann").close());
    assertTrue(e.getMessage().startsWith(descriptor + ":7: product sales.orders: "), e.getMessage());
    assertNoStackTrace(e.getMessage());
    // A failed load is not cached: once fixed, the descriptor loads.
    writeDescriptor();
    try (Connection c = connect("ann")) {
      assertEquals(List.of("2"), rows(c, "SELECT COUNT(*) FROM sales.orders"));
    }
  }
}
