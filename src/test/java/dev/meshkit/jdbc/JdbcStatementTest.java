package dev.meshkit.jdbc;

import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A mesh connection behaves as a plain read-only JDBC connection. */
class JdbcStatementTest {

  static Mesh mesh;

  @BeforeAll
  static void load() throws SQLException {
    String url = h2("stmt_sales",
        "CREATE TABLE orders(id INT PRIMARY KEY, customer VARCHAR(20), placed DATE NOT NULL, amount DECIMAL(10,2))",
        "INSERT INTO orders VALUES (1, 'ann', DATE '2024-01-05', 5.00), (2, 'bob', DATE '2024-02-10', 70.00),"
            + " (3, 'ann', DATE '2024-03-15', 12.50), (4, NULL, DATE '2024-03-20', 99.99)");
    mesh = Mesh.builder().grant("everyone-reads-everything", "*").name("acme")
        .domain("sales", d -> d.jdbcSource("erp", url, "sa", "").product("orders", "SELECT * FROM erp.orders"))
        .build();
  }

  @AfterAll
  static void close() {
    mesh.close();
  }

  @Test
  void statementReturnsRowsAndNoWarnings() throws SQLException {
    try (Connection c = mesh.connect(Principal.of("ann")); Statement s = c.createStatement()) {
      assertNull(c.getWarnings());
      try (ResultSet rs = s.executeQuery("SELECT id, customer FROM sales.orders WHERE amount > 10 ORDER BY id")) {
        assertEquals(List.of("2,bob", "3,ann", "4,null"), rows(rs));
      }
      assertNull(s.getWarnings());
      assertTrue(s.execute("SELECT COUNT(*) FROM sales.orders"));
      try (ResultSet rs = s.getResultSet()) {
        assertEquals(List.of("4"), rows(rs));
      }
    }
  }

  @Test
  void preparedStatementBindsIntStringAndDecimalAndRunsAgainWithNewValues() throws SQLException {
    String sql = "SELECT id FROM sales.orders WHERE id >= ? AND customer = ? AND amount < ? ORDER BY id";
    try (Connection c = mesh.connect(Principal.of("ann")); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, 1);
      ps.setString(2, "ann");
      ps.setBigDecimal(3, new BigDecimal("100.00"));
      try (ResultSet rs = ps.executeQuery()) {
        assertEquals(List.of("1", "3"), rows(rs));
      }
      ps.setInt(1, 2);
      try (ResultSet rs = ps.executeQuery()) {
        assertEquals(List.of("3"), rows(rs));
      }
      ps.setString(2, "bob");
      ps.setBigDecimal(3, new BigDecimal("70.01"));
      try (ResultSet rs = ps.executeQuery()) {
        assertEquals(List.of("2"), rows(rs));
      }
      ps.setBigDecimal(3, new BigDecimal("70.00"));
      try (ResultSet rs = ps.executeQuery()) {
        assertEquals(List.of(), rows(rs));
      }
    }
  }

  @Test
  void preparedStatementBindsADate() throws SQLException {
    try (Connection c = mesh.connect(Principal.of("ann"));
        PreparedStatement ps = c.prepareStatement("SELECT id FROM sales.orders WHERE placed >= ? ORDER BY id")) {
      ps.setDate(1, Date.valueOf("2024-02-10"));
      try (ResultSet rs = ps.executeQuery()) {
        assertEquals(List.of("2", "3", "4"), rows(rs));
      }
      // The bound is inclusive: a day later leaves order 2 out, whatever the JVM time zone.
      ps.setDate(1, Date.valueOf("2024-02-11"));
      try (ResultSet rs = ps.executeQuery()) {
        assertEquals(List.of("3", "4"), rows(rs));
      }
    }
  }

  @Test
  void dateLiteralsCompareAsDates() throws SQLException {
    try (Connection c = mesh.connect(Principal.of("ann"))) {
      assertEquals(List.of("2", "3", "4"), rows(c, "SELECT id FROM sales.orders WHERE placed >= DATE '2024-02-10' ORDER BY id"));
    }
  }

  @Test
  void dateAndDecimalValuesComeBackUnchanged() throws SQLException {
    try (Connection c = mesh.connect(Principal.of("ann"));
        PreparedStatement ps = c.prepareStatement("SELECT placed, amount FROM sales.orders WHERE id = ?")) {
      ps.setInt(1, 3);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(Date.valueOf("2024-03-15"), rs.getDate(1));
        assertEquals(new BigDecimal("12.50"), rs.getBigDecimal(2));
      }
    }
  }

  @Test
  void resultSetMetaDataDescribesColumns() throws SQLException {
    try (Connection c = mesh.connect(Principal.of("ann")); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id AS order_id, customer, placed, amount FROM sales.orders")) {
      ResultSetMetaData meta = rs.getMetaData();
      assertEquals(4, meta.getColumnCount());
      assertEquals("order_id", meta.getColumnLabel(1));
      assertEquals("customer", meta.getColumnLabel(2).toLowerCase());
      assertEquals(List.of(Types.INTEGER, Types.VARCHAR, Types.DATE, Types.DECIMAL),
          List.of(meta.getColumnType(1), meta.getColumnType(2), meta.getColumnType(3), meta.getColumnType(4)));
      assertEquals(10, meta.getPrecision(4));
      assertEquals(2, meta.getScale(4));
      assertEquals(ResultSetMetaData.columnNoNulls, meta.isNullable(1));
      assertEquals(ResultSetMetaData.columnNullable, meta.isNullable(2));
      assertEquals(ResultSetMetaData.columnNoNulls, meta.isNullable(3));
    }
  }

  @Test
  void maxRowsLimitsTheResult() throws SQLException {
    try (Connection c = mesh.connect(Principal.of("ann")); Statement s = c.createStatement()) {
      s.setMaxRows(2);
      try (ResultSet rs = s.executeQuery("SELECT id FROM sales.orders ORDER BY id")) {
        assertEquals(List.of("1", "2"), rows(rs));
      }
      s.setMaxRows(0);
      try (ResultSet rs = s.executeQuery("SELECT id FROM sales.orders ORDER BY id")) {
        assertEquals(List.of("1", "2", "3", "4"), rows(rs));
      }
    }
  }
}
