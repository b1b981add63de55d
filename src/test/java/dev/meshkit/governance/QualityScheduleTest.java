package dev.meshkit.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.MeshException;
import dev.meshkit.MeshTesting;
import dev.meshkit.QualityResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quality checks on a schedule, and their history in a JDBC store. */
class QualityScheduleTest {

  @TempDir
  Path dir;

  private Path descriptor(String db, String schedule) throws SQLException {
    String url = MeshTesting.h2(db, "CREATE TABLE orders(id INT PRIMARY KEY)", "INSERT INTO orders VALUES (1), (2)");
    return MeshTesting.write(dir.resolve("mesh.yaml"), """
        name: acme
        domains:
          - name: sales
            sources:
              - {name: erp, type: jdbc, url: "%s", user: sa}
            products:
              - name: orders
                sql: SELECT * FROM erp.orders
                %s
                quality:
                  - {name: two-rows, metric: rowCount, mustBe: 2}
        """.formatted(url, schedule));
  }

  @Test
  void scheduledProductIsCheckedWithoutRun() throws Exception {
    try (Mesh mesh = Mesh.fromYaml(descriptor("quality_schedule", "qualitySchedule: 1s"))) {
      List<QualityResult> results = List.of();
      for (int i = 0; i < 50 && results.isEmpty(); i++) {
        Thread.sleep(100);
        results = mesh.quality().latest("sales.orders");
      }
      assertEquals(1, results.size());
      assertEquals("passed", results.get(0).status());
    }
  }

  @Test
  void badScheduleIsRejected() throws Exception {
    MeshException e = assertThrows(MeshException.class,
        () -> Mesh.fromYaml(descriptor("quality_schedule_bad", "qualitySchedule: often")).close());
    assertTrue(e.getMessage().contains("must be a duration"), e.getMessage());
  }

  @Test
  void storeKeepsHistory() throws Exception {
    JdbcDataSource store = new JdbcDataSource();
    store.setURL("jdbc:h2:mem:quality_history;DB_CLOSE_DELAY=-1");
    store.setUser("sa");
    try (Mesh mesh = Mesh.builder().descriptor(descriptor("quality_store", "")).metadataStore(store).build()) {
      mesh.quality().run("sales.orders");
      mesh.quality().run("sales.orders");
      int rows = 0;
      for (int i = 0; i < 50 && rows < 2; i++) {
        Thread.sleep(100);
        rows = count(store);
      }
      assertEquals(2, rows);
      try (Connection c = store.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT product, check_name, metric, status, observed_number, expected, severity,"
              + " checked_at FROM meshkit_quality_results")) {
        assertTrue(rs.next());
        assertEquals("sales.orders", rs.getString(1));
        assertEquals("two-rows", rs.getString(2));
        assertEquals("rowCount", rs.getString(3));
        assertEquals("passed", rs.getString(4));
        assertEquals(2.0, rs.getDouble(5));
        assertEquals("= 2", rs.getString(6));
        assertEquals("error", rs.getString(7));
        assertFalse(rs.getTimestamp(8) == null);
      }
    }
  }

  private static int count(JdbcDataSource store) throws SQLException {
    try (Connection c = store.getConnection(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM meshkit_quality_results")) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException notYet) {
      return 0;
    }
  }
}
