package dev.meshkit.planner;

import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.rows;
import static dev.meshkit.MeshTesting.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Comparisons and set operations of decimals of different scales, with quotients (DECIMAL(38, 16))
 * among them, answer as one H2 database does, wherever the tables are: a source is never sent a
 * cast to a DECIMAL narrower than the values it casts (a DECIMAL(12, 2) of ten integer digits cast
 * to DECIMAL(19, 16) failed in H2 and PostgreSQL).
 */
class DecimalCommonTypeTest {

  private static final String[] TABLES = {
      "CREATE TABLE t0(id INTEGER, d DECIMAL(12,2), w DECIMAL(19,0))",
      "INSERT INTO t0 VALUES (1, 1234567890.12, 1234567890123456789),"
          + " (2, -99999.99, 5), (3, 0.01, -7), (4, NULL, NULL)",
      "CREATE TABLE t1(id INTEGER, d DECIMAL(12,2), w DECIMAL(19,0))",
      "INSERT INTO t1 VALUES (1, 9876543210.50, 1), (2, 0.01, 1234567890123456789),"
          + " (3, -1.00, NULL)",
  };

  @TempDir
  static Path dir;
  static Mesh mesh;
  static Connection c;
  static Connection reference;

  @BeforeAll
  static void load() throws SQLException {
    String first = h2("decimal_common_a", TABLES);
    String second = h2("decimal_common_b", TABLES);
    reference = DriverManager.getConnection(h2("decimal_common_ref", TABLES), "sa", "");
    write(dir.resolve("files/t0.csv"), "id,d,w\n1,1234567890.12,1234567890123456789\n"
        + "2,-99999.99,5\n3,0.01,-7\n4,,\n");
    write(dir.resolve("files/t1.csv"), "id,d,w\n1,9876543210.50,1\n2,0.01,1234567890123456789\n"
        + "3,-1.00,\n");
    Map<String, Object> types = Map.of("id", "integer", "d", "decimal(12,2)", "w", "decimal(19,0)");
    mesh = Mesh.builder().grant("everyone-reads-everything", "*").name("decimal_common")
        .domain("h2", d -> d.jdbcSource("db", first, "sa", "")
            .product("t0", "SELECT * FROM db.t0").product("t1", "SELECT * FROM db.t1"))
        .domain("h2b", d -> d.jdbcSource("db", second, "sa", "")
            .product("t0", "SELECT * FROM db.t0").product("t1", "SELECT * FROM db.t1"))
        .domain("files", d -> d.source("csv", "csv",
                Map.of("path", dir.resolve("files").toString(), "columns", Map.of("t0", types, "t1", types)))
            .product("t0", "SELECT * FROM csv.t0").product("t1", "SELECT * FROM csv.t1"))
        .build();
    c = mesh.connect(Principal.of("ann", "analyst"));
  }

  @AfterAll
  static void close() throws SQLException {
    c.close();
    reference.close();
    mesh.close();
  }

  static Stream<Arguments> placements() {
    List<String> domains = List.of("h2", "h2b", "files");
    return domains.stream().flatMap(a -> domains.stream().map(b -> Arguments.of(a, b)));
  }

  @ParameterizedTest
  @MethodSource("placements")
  void comparisonsWithQuotientsHoldBothSides(String first, String second) throws SQLException {
    assertSameAnswer("SELECT a1.id, a2.id FROM %s.t0 a1 JOIN %s.t1 a2 ON TRUE WHERE a1.d >= (a2.d / 1.0)"
        + " ORDER BY 1, 2", first, second);
    assertSameAnswer("SELECT a1.id, a2.id FROM %s.t0 a1 JOIN %s.t1 a2 ON a1.d < a2.d / 3 ORDER BY 1, 2",
        first, second);
    assertSameAnswer("SELECT a1.id FROM %s.t0 a1 WHERE a1.d > (SELECT MIN(a2.d / 7) FROM %s.t1 a2) ORDER BY 1",
        first, second);
    assertSameAnswer("SELECT a1.id, a2.id FROM %s.t0 a1 JOIN %s.t1 a2 ON a1.w > a2.d / 3 ORDER BY 1, 2",
        first, second);
  }

  @ParameterizedTest
  @MethodSource("placements")
  void setOperationsOfDecimalsOfDifferentScales(String first, String second) throws SQLException {
    assertSameAnswer("(SELECT a1.d FROM %s.t0 a1) INTERSECT (SELECT a2.d / CAST(NULL AS DECIMAL(12,2)) FROM %s.t1 a2)",
        first, second);
    assertSameAnswer("SELECT x FROM ((SELECT a1.d AS x FROM %s.t0 a1) UNION (SELECT a2.d / 4 FROM %s.t1 a2)) u"
        + " ORDER BY 1 NULLS LAST", first, second);
    assertSameAnswer("SELECT x FROM ((SELECT a1.d AS x FROM %s.t0 a1) EXCEPT (SELECT a2.d * 1.000 FROM %s.t1 a2)) u"
        + " WHERE x IS NOT NULL ORDER BY 1", first, second);
    assertSameAnswer("SELECT x FROM ((SELECT a1.w AS x FROM %s.t0 a1) UNION ALL (SELECT a2.d FROM %s.t1 a2)) u"
        + " WHERE x IS NOT NULL ORDER BY 1", first, second);
  }

  /** H2 keeps each value's own scale where the mesh gives a column one type; the numbers must be equal. */
  private static void assertSameAnswer(String query, String first, String second) throws SQLException {
    String mesh = query.formatted(first, second);
    assertEquals(numbers(rows(reference, query.formatted("public", "public"))), numbers(rows(c, mesh)), mesh);
  }

  private static List<String> numbers(List<String> rows) {
    return rows.stream().map(row -> Arrays.stream(row.split(",", -1))
        .map(value -> value.equals("null") ? value : new BigDecimal(value).stripTrailingZeros().toPlainString())
        .collect(Collectors.joining(","))).toList();
  }
}
