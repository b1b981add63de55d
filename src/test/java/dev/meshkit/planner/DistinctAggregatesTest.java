package dev.meshkit.planner;

import static dev.meshkit.MeshTesting.h2;
import static dev.meshkit.MeshTesting.rows;
import static dev.meshkit.MeshTesting.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.meshkit.Mesh;
import dev.meshkit.Principal;
import dev.meshkit.SqlMeshTestBase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Aggregates with DISTINCT wherever they run: in a source, which computes them itself, and here,
 * over input that folds to one row or to none, or over products of several sources (TPC-H Q16's
 * NOT IN and COUNT(DISTINCT) with part, partsupp and supplier in three sources).
 */
@Tag("assertions-off")
class DistinctAggregatesTest extends SqlMeshTestBase {

  @ParameterizedTest
  @MethodSource("domains")
  void overAWhereClauseThatIsNeverTrue(String d) throws SQLException {
    assertEquals(List.of("null"), rows(c, "SELECT AVG(DISTINCT col2) FROM " + d + ".tab1 WHERE NOT NULL >= NULL"));
    assertEquals(List.of("0,null"),
        rows(c, "SELECT COUNT(DISTINCT col0), SUM(DISTINCT col1) FROM " + d + ".tab1 WHERE NULL IS NOT NULL"));
    assertEquals(List.of(), rows(c, "SELECT col2, COUNT(DISTINCT col0) FROM " + d + ".tab1 WHERE 1 = 2 GROUP BY col2"));
  }

  @Test
  void overConstantsWithoutATable() throws SQLException {
    assertEquals(List.of("-5"), rows(c, "SELECT SUM(DISTINCT -5)"));
    assertEquals(List.of("1,3,2"), rows(c, "SELECT COUNT(DISTINCT 3), SUM(DISTINCT x), COUNT(DISTINCT x)"
        + " FROM (VALUES (1), (1), (2)) AS t(x)"));
  }

  @ParameterizedTest
  @MethodSource("domains")
  void distinctAndPlainAggregatesTogetherAnswerAsOneDatabase(String d) throws SQLException {
    String query = "SELECT col2 / 50, COUNT(DISTINCT col0), SUM(DISTINCT col1), COUNT(*), MAX(col1)"
        + " FROM %s GROUP BY col2 / 50 ORDER BY 1 NULLS LAST";
    assertAnswersAsReference(query.formatted("tab1"), query.formatted(d + ".tab1"));
  }

  @Test
  void notInExistsAndCountDistinctOverAProductOfThreeSources() throws SQLException {
    String notIn = "SELECT y.col2, COUNT(DISTINCT x.col0) FROM %s x, %s y"
        + " WHERE x.col1 NOT IN (SELECT z.col1 FROM %s z WHERE z.col2 > 50) GROUP BY y.col2 ORDER BY 2 DESC, 1 NULLS LAST";
    assertAnswersAsReference(notIn.formatted("tab0", "tab1", "tab0"),
        notIn.formatted("h2.tab0", "h2b.tab1", "files.tab0"));
    String exists = "SELECT COUNT(DISTINCT x.col0), COUNT(*) FROM %s x, %s y"
        + " WHERE EXISTS (SELECT 1 FROM %s z WHERE z.col1 = y.col1 OR z.col0 = x.col0)";
    assertAnswersAsReference(exists.formatted("tab0", "tab1", "tab0"),
        exists.formatted("h2.tab0", "h2b.tab1", "files.tab0"));
  }

  /** TPC-H Q16 with part, partsupp and supplier in three sources of two kinds, against one H2 database. */
  @Test
  void tpchQ16WithItsTablesInThreeSources() throws SQLException {
    String[] part = {
        "CREATE TABLE part(p_partkey INT, p_brand VARCHAR(10), p_type VARCHAR(25), p_size INT)",
        "INSERT INTO part VALUES (1, 'Brand#12', 'SMALL PLATED TIN', 3), (2, 'Brand#45', 'LARGE BRUSHED', 14),"
            + " (3, 'Brand#12', 'SMALL PLATED TIN', 3), (4, 'Brand#33', 'MEDIUM POLISHED STEEL', 9),"
            + " (5, 'Brand#21', 'ECONOMY ANODIZED', 49), (6, 'Brand#21', 'ECONOMY ANODIZED', 7)"};
    String[] partsupp = {
        "CREATE TABLE partsupp(ps_partkey INT, ps_suppkey INT)",
        "INSERT INTO partsupp VALUES (1, 10), (1, 11), (2, 10), (3, 11), (3, 12), (4, 10), (5, 12), (5, 13), (6, 10)"};
    String[] supplier = {
        "CREATE TABLE supplier(s_suppkey INT, s_comment VARCHAR(40))",
        "INSERT INTO supplier VALUES (10, 'fine'), (11, 'Customer has Complaints'), (12, 'ok'), (13, 'ok')"};
    String partUrl = h2("q16_part", part);
    String partsuppUrl = h2("q16_partsupp", partsupp);
    write(dir.resolve("q16/supplier.csv"), "s_suppkey,s_comment\n10,fine\n11,Customer has Complaints\n12,ok\n13,ok\n");
    String q16 = """
        SELECT p_brand, p_type, p_size, COUNT(DISTINCT ps_suppkey) AS supplier_cnt
        FROM %s, %s
        WHERE p_partkey = ps_partkey AND p_brand <> 'Brand#45' AND p_type NOT LIKE 'MEDIUM POLISHED%%'
          AND p_size IN (49, 14, 23, 45, 19, 3, 36, 9)
          AND ps_suppkey NOT IN (SELECT s_suppkey FROM %s WHERE s_comment LIKE '%%Customer%%Complaints%%')
        GROUP BY p_brand, p_type, p_size
        ORDER BY supplier_cnt DESC, p_brand, p_type, p_size""";
    try (Mesh mesh = Mesh.builder().grant("everyone-reads-everything", "*").name("q16")
            .domain("parts", d -> d.jdbcSource("db", partUrl, "sa", "").product("part", "SELECT * FROM db.part"))
            .domain("supply", d -> d.jdbcSource("db", partsuppUrl, "sa", "")
                .product("partsupp", "SELECT * FROM db.partsupp"))
            .domain("vendors", d -> d.source("files", "csv", Map.of("path", dir.resolve("q16").toString()))
                .product("supplier", "SELECT * FROM files.supplier"))
            .build();
        Connection mesh16 = mesh.connect(Principal.of("ann", "analyst"));
        Connection reference = DriverManager.getConnection(h2("q16_reference", concat(part, partsupp, supplier)),
            "sa", "")) {
      List<String> want = rows(reference, q16.formatted("part", "partsupp", "supplier"));
      assertEquals(List.of("Brand#12,SMALL PLATED TIN,3,2", "Brand#21,ECONOMY ANODIZED,49,2"), want);
      assertEquals(want, rows(mesh16, q16.formatted("parts.part", "supply.partsupp", "vendors.supplier")));
    }
  }

  private static String[] concat(String[]... parts) {
    return Arrays.stream(parts).flatMap(Arrays::stream).toArray(String[]::new);
  }
}
