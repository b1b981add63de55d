package dev.meshkit.jdbc;

import static dev.meshkit.MeshTesting.rows;
import dev.meshkit.ErrorCases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchTest {
  @TempDir Path dir;
  @Test
  void print() throws Exception {
    try (ErrorCases f = new ErrorCases(dir)) {
      try (Connection c = f.mesh.connect(f.mesh.principal("ann").orElseThrow())) {
        for (String sql : List.of(
            "SELECT * FROM sales.customer MATCH_RECOGNIZE (ORDER BY id MEASURES A.id AS x PATTERN (A B) DEFINE A AS A.id > 0, B AS B.id > A.id)",
            "SELECT * FROM sales.customer TABLESAMPLE SYSTEM(50)",
            "SELECT * FROM sales.customer TABLESAMPLE BERNOULLI(50) REPEATABLE(3)",
            "SELECT STREAM * FROM sales.customer",
            "SELECT * FROM sales.customer FOR SYSTEM_TIME AS OF TIMESTAMP '2020-01-01 00:00:00'",
            "SELECT MULTISET[1, 2] FROM sales.customer",
            "SELECT id FROM sales.customer c WHERE EXISTS (SELECT 1 FROM files.people p WHERE p.id > c.id AND p.name IN (SELECT name FROM sales.customer WHERE id = c.id))",
            "SELECT * FROM sales.customer, LATERAL TABLE(RAMP(3))",
            "SELECT JSON_VALUE(name, 'lax $.a' ERROR ON ERROR) FROM sales.customer",
            "SELECT JSON_VALUE(name, 'strict $.a' ERROR ON ERROR) FROM files.people",
            "SELECT CAST(name AS INTEGER ARRAY) FROM files.people",
            "SELECT name FROM files.people ORDER BY id FETCH NEXT 1 ROWS WITH TIES",
            "SELECT id, SUM(id) OVER (PARTITION BY name ORDER BY id ROWS BETWEEN zero PRECEDING AND CURRENT ROW) FROM files.people",
            "SELECT * FROM (SELECT id FROM sales.customer) MATCH_RECOGNIZE (ORDER BY id MEASURES LAST(A.id) AS x ONE ROW PER MATCH PATTERN (A+) DEFINE A AS A.id > 0)"
            )) {
          try { System.out.println("OK " + rows(c, sql) + " <- " + sql); } catch (java.sql.SQLException e) { System.out.println("ERR " + e.getSQLState() + " | " + e.getMessage() + " <- " + sql); }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM sales.customer")) {
          var md = rs.getMetaData(); System.out.println("RSMD table=" + md.getTableName(1) + " schema=" + md.getSchemaName(1) + " cat=" + md.getCatalogName(1) + " col=" + md.getColumnName(1));
          try { rs.getMetaData().getColumnName(99); } catch (Throwable e) { System.out.println("RSMD " + e); }
        }
        try (var ps = c.prepareStatement("SELECT id FROM sales.customer WHERE id = ?")) {
          try { ps.getParameterMetaData().getParameterType(9); } catch (Throwable e) { System.out.println("PMD " + e); }
          try { ps.setInt(9, 1); } catch (Throwable e) { System.out.println("SET " + e); }
        }
      }
    }
  }
}
