package dev.meshkit.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Scans more data than the heap holds. Runs only in the surefire execution "streaming", whose JVM
 * has {@code -Xmx128m}: if any layer (driver, pool, engine) buffered the result, it would run out
 * of memory instead of counting.
 */
@Tag("integration")
@Tag("slow")
@Tag("streaming")
class StreamingTest {

  static final String SCHEMA = "meshkit_it_stream";
  static final int ROWS = 3_000_000;

  static final SourceLog log = new SourceLog();
  static Mesh mesh;
  static Connection source;

  @BeforeAll
  static void setUp() throws SQLException {
    Servers.requirePostgres();
    source = Servers.postgres();
    // About 75 characters of payload a row: over 300 MB on disk and far more as Java strings.
    Servers.execute(source,
        "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE",
        "CREATE SCHEMA " + SCHEMA,
        "CREATE UNLOGGED TABLE " + SCHEMA + ".wide(id bigint, amount integer, payload text)",
        "INSERT INTO " + SCHEMA + ".wide SELECT g, g % 1000, md5(g::text) || md5((g + 1)::text) || repeat('x', g % 20)"
            + " FROM generate_series(1, " + ROWS + ") g",
        "ANALYZE " + SCHEMA + ".wide");
    mesh = Mesh.builder().grant("everyone-reads-everything", "*").name("it")
        .domain("big", d -> d
            .source("pg", "jdbc", Map.of("url", Servers.PG_URL, "user", Servers.PG_USER, "schema", SCHEMA))
            .product("wide", "SELECT * FROM pg.wide"))
        .sourceListener(log)
        .build();
  }

  @AfterAll
  static void tearDown() throws SQLException {
    if (mesh != null) {
      mesh.close();
    }
    if (source != null) {
      Servers.execute(source, "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      source.close();
    }
  }

  @Test
  void scansMoreDataThanTheHeap() throws SQLException {
    long dataBytes = Rows.count(source, "SELECT pg_relation_size('" + SCHEMA + ".wide')");
    long heap = Runtime.getRuntime().maxMemory();
    assertTrue(heap < dataBytes, "the heap (" + heap + " bytes) must be smaller than the data (" + dataBytes
        + " bytes) for this test to prove streaming; run it in the surefire execution 'streaming'");

    long rows = 0;
    long amounts = 0;
    long ids = 0;
    long characters = 0;
    try (Connection c = mesh.connect(Principal.of("ann")); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, amount, payload FROM big.wide")) {
      while (rs.next()) {
        rows++;
        ids += rs.getLong(1);
        amounts += rs.getInt(2);
        characters += rs.getString(3).length();
      }
    }

    try (Statement s = source.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*), sum(id), sum(amount), sum(length(payload)) FROM "
            + SCHEMA + ".wide")) {
      assertTrue(rs.next());
      assertEquals(rs.getLong(1), rows);
      assertEquals(rs.getLong(2), ids);
      assertEquals(rs.getLong(3), amounts);
      assertEquals(rs.getLong(4), characters);
    }
    assertEquals(ROWS, rows);
    SourceLog.Executed e = log.single();
    assertFalse(e.sql().contains("SUM") || e.sql().contains("COUNT"), "the scan itself must stream: " + e.sql());
    assertEquals(rows, e.rows());
  }
}
