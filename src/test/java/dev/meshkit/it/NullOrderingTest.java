package dev.meshkit.it;

import static dev.meshkit.MeshTesting.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * NULLs sort as in PostgreSQL wherever the sort runs: after every value ascending and before them
 * descending unless the statement says otherwise, and where it says NULLS FIRST or NULLS LAST, as
 * it says. H2 and MariaDB sort NULL first ascending, so a sort pushed into them (a whole UNION ALL
 * with its ORDER BY, or one table's) must say where its NULLs go. The answers, in order, are
 * PostgreSQL's own.
 */
@Tag("integration")
class NullOrderingTest {

  static final String SCHEMA = "meshkit_it_null_order";
  static final String H2_URL = "jdbc:h2:mem:meshkit_it_null_order;DB_CLOSE_DELAY=-1";
  static final List<String> DOMAINS = List.of("pg", "maria", "h2", "files");
  static final String TABLE = "t(id INT, i INT, s VARCHAR(10))";
  static final String ROWS = "(1, 97, 'x'), (2, NULL, NULL), (3, -87, 'ab'), (4, 15, NULL), (5, NULL, 'b')";

  @TempDir
  static Path dir;
  static Mesh mesh;

  @BeforeAll
  static void setUp() throws SQLException {
    Servers.requirePostgres();
    Servers.requireMariaDb();
    try (Connection pg = Servers.postgres(); Connection maria = Servers.mariadb();
        Connection h2 = DriverManager.getConnection(H2_URL, "sa", "")) {
      Servers.execute(pg, "DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE", "CREATE SCHEMA " + SCHEMA,
          "CREATE TABLE " + SCHEMA + "." + TABLE, "INSERT INTO " + SCHEMA + ".t VALUES " + ROWS);
      Servers.execute(maria, "DROP DATABASE IF EXISTS " + SCHEMA, "CREATE DATABASE " + SCHEMA,
          "CREATE TABLE " + SCHEMA + "." + TABLE, "INSERT INTO " + SCHEMA + ".t VALUES " + ROWS);
      Servers.execute(h2, "DROP TABLE IF EXISTS t", "CREATE TABLE " + TABLE, "INSERT INTO t VALUES " + ROWS);
    }
    write(dir.resolve("t.csv"), "id,i,s\n1,97,x\n2,,\n3,-87,ab\n4,15,\n5,,b\n");
    mesh = Mesh.builder().grant("everyone-reads-everything", "*").name("null_order")
        .domain("pg", d -> d.source("db", "jdbc", Map.of("url", Servers.PG_URL, "user", Servers.PG_USER,
            "schema", SCHEMA)).product("t", "SELECT * FROM db.t"))
        .domain("maria", d -> d.source("db", "jdbc", Map.of("url", Servers.MARIADB_URL, "user", Servers.MARIADB_USER,
            "catalog", SCHEMA)).product("t", "SELECT * FROM db.t"))
        .domain("h2", d -> d.jdbcSource("db", H2_URL, "sa", "").product("t", "SELECT * FROM db.t"))
        .domain("files", d -> d.source("csv", "csv", Map.of("path", dir.toString(), "columns", Map.of("t", Map.of(
            "id", "integer", "i", "integer", "s", "varchar")))).product("t", "SELECT * FROM csv.t"))
        .build();
  }

  @AfterAll
  static void tearDown() {
    if (mesh != null) {
      mesh.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT i FROM %1$s UNION ALL SELECT id FROM %1$s ORDER BY 1 NULLS LAST",
      "SELECT i FROM %1$s UNION ALL SELECT id FROM %1$s ORDER BY 1 DESC NULLS LAST",
      "SELECT s FROM %1$s UNION ALL SELECT 'c' FROM %1$s ORDER BY 1 NULLS FIRST",
      "SELECT i FROM %1$s UNION SELECT id FROM %1$s ORDER BY 1",
      "SELECT i FROM %1$s UNION SELECT id FROM %1$s ORDER BY 1 DESC",
      "SELECT i, id FROM %s ORDER BY i, id",
      "SELECT i, id FROM %s ORDER BY i DESC, id",
      "SELECT i, id FROM %s ORDER BY i NULLS FIRST, id",
      "SELECT i, id FROM %s ORDER BY i ASC NULLS LAST, id",
      "SELECT i, id FROM %s ORDER BY i DESC NULLS FIRST, id",
      "SELECT i, id FROM %s ORDER BY i DESC NULLS LAST, id DESC",
      "SELECT s, id FROM %s ORDER BY s DESC NULLS LAST, id",
      "SELECT s, id FROM %s ORDER BY s NULLS FIRST, id LIMIT 3",
      "SELECT i FROM %s ORDER BY i DESC NULLS LAST LIMIT 2",
      "SELECT id, ROW_NUMBER() OVER (ORDER BY i NULLS FIRST, id), ROW_NUMBER() OVER (ORDER BY i DESC, id)"
          + " FROM %s ORDER BY id"})
  void answersInPostgresOrder(String query) throws SQLException {
    List<List<Object>> expected;
    try (Connection pg = Servers.postgres()) {
      expected = run(pg, query.formatted(SCHEMA + ".t"));
    }
    try (Connection c = mesh.connect(Principal.of("ann"))) {
      for (String domain : DOMAINS) {
        assertEquals(expected, run(c, query.formatted(domain + ".t")), domain + " orders otherwise: " + query);
      }
    }
  }

  private static List<List<Object>> run(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return Rows.read(rs);
    }
  }
}
